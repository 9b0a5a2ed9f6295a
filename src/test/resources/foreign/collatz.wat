;; collatz: a user function written by hand to Nebula's contract, a WASI (preview 1) command.
;;   collatz <n>    n a decimal integer, 1 <= n < 2^64
;; prints the number of Collatz steps from n down to 1 (n -> n/2 when even, 3n+1 when odd) and a newline,
;; and exits 0. A missing or malformed n, n = 0, or a path that would pass 2^64 prints a message on stderr
;; and exits 2. Imports only args_sizes_get, args_get, fd_write and proc_exit.
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))

  ;; Layout of the one page:
  ;;     0  argc            4  argv_buf_size     8  iovec {ptr, len}   16  nwritten
  ;;    32  argv[0], argv[1]                    256  the answer's text (at most 20 digits and a newline)
  ;;   512  messages                           1024  argv_buf, up to the end of the page
  (memory (export "memory") 1)

  (data (i32.const 512) "collatz: usage: collatz <n>\0a")                                  ;; 28 bytes
  (data (i32.const 576) "collatz: n must be a decimal integer, 1 <= n < 2^64\0a")         ;; 52 bytes
  (data (i32.const 640) "collatz: the path from n passes 2^64\0a")                         ;; 37 bytes

  ;; Writes len bytes at ptr to fd, all of them or until an error; returns the errno.
  (func $write (param $fd i32) (param $ptr i32) (param $len i32) (result i32)
    (local $errno i32)
    (block $done
      (loop $more
        (br_if $done (i32.eqz (local.get $len)))
        (i32.store (i32.const 8) (local.get $ptr))
        (i32.store (i32.const 12) (local.get $len))
        (local.set $errno (call $fd_write (local.get $fd) (i32.const 8) (i32.const 1) (i32.const 16)))
        (br_if $done (local.get $errno))
        (local.set $ptr (i32.add (local.get $ptr) (i32.load (i32.const 16))))
        (local.set $len (i32.sub (local.get $len) (i32.load (i32.const 16))))
        (br $more)))
    (local.get $errno))

  ;; Prints a message on stderr and exits 2.
  (func $fail (param $ptr i32) (param $len i32)
    (drop (call $write (i32.const 2) (local.get $ptr) (local.get $len)))
    (call $proc_exit (i32.const 2))
    unreachable)

  ;; Parses the NUL-terminated decimal at ptr: digits only, at least one, below 2^64; fails otherwise.
  (func $parse (param $ptr i32) (result i64)
    (local $n i64) (local $digit i64) (local $c i32)
    (if (i32.eqz (i32.load8_u (local.get $ptr)))
      (then (call $fail (i32.const 576) (i32.const 52))))
    (block $end
      (loop $next
        (local.set $c (i32.load8_u (local.get $ptr)))
        (br_if $end (i32.eqz (local.get $c)))
        (if (i32.gt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 9))
          (then (call $fail (i32.const 576) (i32.const 52))))
        (local.set $digit (i64.extend_i32_u (i32.sub (local.get $c) (i32.const 48))))
        ;; n·10 + digit < 2^64: n <= floor((2^64 - 1) / 10), then n·10 <= 2^64 - 1 - digit
        (if (i64.gt_u (local.get $n) (i64.const 1844674407370955161))
          (then (call $fail (i32.const 576) (i32.const 52))))
        (local.set $n (i64.mul (local.get $n) (i64.const 10)))
        (if (i64.gt_u (local.get $n) (i64.sub (i64.const -1) (local.get $digit)))
          (then (call $fail (i32.const 576) (i32.const 52))))
        (local.set $n (i64.add (local.get $n) (local.get $digit)))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
        (br $next)))
    (local.get $n))

  ;; The steps from n to 1; fails when 3n + 1 would not fit in 64 bits.
  (func $collatz (param $n i64) (result i64)
    (local $steps i64)
    (block $at_one
      (loop $step
        (br_if $at_one (i64.eq (local.get $n) (i64.const 1)))
        (if (i64.eqz (i64.and (local.get $n) (i64.const 1)))
          (then (local.set $n (i64.shr_u (local.get $n) (i64.const 1))))
          (else
            ;; 3n + 1 <= 2^64 - 1 exactly when n <= floor((2^64 - 2) / 3)
            (if (i64.gt_u (local.get $n) (i64.const 6148914691236517204))
              (then (call $fail (i32.const 640) (i32.const 37))))
            (local.set $n (i64.add (i64.mul (local.get $n) (i64.const 3)) (i64.const 1)))))
        (local.set $steps (i64.add (local.get $steps) (i64.const 1)))
        (br $step)))
    (local.get $steps))

  (func (export "_start")
    (local $n i64) (local $value i64) (local $at i32)
    (if (call $args_sizes_get (i32.const 0) (i32.const 4))
      (then (call $fail (i32.const 512) (i32.const 28))))
    (if (i32.ne (i32.load (i32.const 0)) (i32.const 2))
      (then (call $fail (i32.const 512) (i32.const 28))))
    (if (i32.gt_u (i32.load (i32.const 4)) (i32.const 64512))
      (then (call $fail (i32.const 576) (i32.const 52))))
    (if (call $args_get (i32.const 32) (i32.const 1024))
      (then (call $fail (i32.const 512) (i32.const 28))))
    (local.set $n (call $parse (i32.load (i32.const 36))))
    (if (i64.eqz (local.get $n))
      (then (call $fail (i32.const 576) (i32.const 52))))
    (local.set $value (call $collatz (local.get $n)))
    ;; decimal, right to left, ending at 277 with the newline
    (local.set $at (i32.const 277))
    (i32.store8 (local.get $at) (i32.const 10))
    (loop $digit
      (local.set $at (i32.sub (local.get $at) (i32.const 1)))
      (i32.store8 (local.get $at)
        (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $value) (i64.const 10)))))
      (local.set $value (i64.div_u (local.get $value) (i64.const 10)))
      (br_if $digit (i64.ne (local.get $value) (i64.const 0))))
    (if (call $write (i32.const 1) (local.get $at) (i32.sub (i32.const 278) (local.get $at)))
      (then (call $proc_exit (i32.const 1))))))
