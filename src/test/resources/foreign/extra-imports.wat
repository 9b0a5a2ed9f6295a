;; Bad fixture: a command that would print "1" and exit 0, but imports env.foo, which no WASI host provides.
;; It never calls env.foo: a host must refuse it for the import alone.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "env" "foo" (func $foo (param i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "1\0a")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 2))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
