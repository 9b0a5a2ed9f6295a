;; Bad fixture: a reactor (library) module, not a command. It computes Collatz steps through an export and imports
;; only WASI, but has no _start: there is no program to run with argv[1].
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_initialize"))
  (func (export "collatz") (param $n i64) (result i64)
    (local $steps i64)
    (block $at_one
      (loop $step
        (br_if $at_one (i64.le_u (local.get $n) (i64.const 1)))
        (if (i64.eqz (i64.and (local.get $n) (i64.const 1)))
          (then (local.set $n (i64.shr_u (local.get $n) (i64.const 1))))
          (else (local.set $n (i64.add (i64.mul (local.get $n) (i64.const 3)) (i64.const 1)))))
        (local.set $steps (i64.add (local.get $steps) (i64.const 1)))
        (br $step)))
    (local.get $steps)))
