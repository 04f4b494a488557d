;; tests/components/hello-wasi: a WASI 0.2 command: `wasi:cli/run@0.2.0`'s `run`
;; prints a greeting, the environment and the preopened directories.
;; Targets world `hello-wasi` of wit/hello-wasi.wit.
;;
;; The core module `$main` was written by hand; the component around it was
;; generated from it by wit-component (wasm-tools 1.263.0), with core.wat
;; holding `$main` as a standalone `(module ...)`:
;;   wasm-tools component embed wit core.wat --world hello-wasi -o embedded.wasm
;;   wasm-tools component new embedded.wasm -o hello-wasi.wasm
;;   wasm-tools print hello-wasi.wasm
;; with the printed `$main` then replaced by its commented source:
;; `wasm-tools print` of this file equals `wasm-tools print hello-wasi.wasm`.
;; Edit this file directly; see ../README.md for the ABI notes.
(component
  (type $ty-wasi:io/error@0.2.0 (;0;)
    (instance
      (export (;0;) "error" (type (sub resource)))
    )
  )
  (import "wasi:io/error@0.2.0" (instance $wasi:io/error@0.2.0 (;0;) (type $ty-wasi:io/error@0.2.0)))
  (alias export $wasi:io/error@0.2.0 "error" (type $error (;1;)))
  (type $ty-wasi:io/streams@0.2.0 (;2;)
    (instance
      (export (;0;) "output-stream" (type (sub resource)))
      (alias outer 1 $error (type (;1;)))
      (export (;2;) "error" (type (eq 1)))
      (type (;3;) (own 2))
      (type (;4;) (variant (case "last-operation-failed" 3) (case "closed")))
      (export (;5;) "stream-error" (type (eq 4)))
      (type (;6;) (borrow 0))
      (type (;7;) (list u8))
      (type (;8;) (result (error 5)))
      (type (;9;) (func (param "self" 6) (param "contents" 7) (result 8)))
      (export (;0;) "[method]output-stream.blocking-write-and-flush" (func (type 9)))
    )
  )
  (import "wasi:io/streams@0.2.0" (instance $wasi:io/streams@0.2.0 (;1;) (type $ty-wasi:io/streams@0.2.0)))
  (alias export $wasi:io/streams@0.2.0 "output-stream" (type $output-stream (;3;)))
  (type $ty-wasi:cli/stdout@0.2.0 (;4;)
    (instance
      (alias outer 1 $output-stream (type (;0;)))
      (export (;1;) "output-stream" (type (eq 0)))
      (type (;2;) (own 1))
      (type (;3;) (func (result 2)))
      (export (;0;) "get-stdout" (func (type 3)))
    )
  )
  (import "wasi:cli/stdout@0.2.0" (instance $wasi:cli/stdout@0.2.0 (;2;) (type $ty-wasi:cli/stdout@0.2.0)))
  (type $ty-wasi:cli/environment@0.2.0 (;5;)
    (instance
      (type (;0;) (tuple string string))
      (type (;1;) (list 0))
      (type (;2;) (func (result 1)))
      (export (;0;) "get-environment" (func (type 2)))
    )
  )
  (import "wasi:cli/environment@0.2.0" (instance $wasi:cli/environment@0.2.0 (;3;) (type $ty-wasi:cli/environment@0.2.0)))
  (type $ty-wasi:filesystem/types@0.2.0 (;6;)
    (instance
      (export (;0;) "descriptor" (type (sub resource)))
    )
  )
  (import "wasi:filesystem/types@0.2.0" (instance $wasi:filesystem/types@0.2.0 (;4;) (type $ty-wasi:filesystem/types@0.2.0)))
  (alias export $wasi:filesystem/types@0.2.0 "descriptor" (type $descriptor (;7;)))
  (type $ty-wasi:filesystem/preopens@0.2.0 (;8;)
    (instance
      (alias outer 1 $descriptor (type (;0;)))
      (export (;1;) "descriptor" (type (eq 0)))
      (type (;2;) (own 1))
      (type (;3;) (tuple 2 string))
      (type (;4;) (list 3))
      (type (;5;) (func (result 4)))
      (export (;0;) "get-directories" (func (type 5)))
    )
  )
  (import "wasi:filesystem/preopens@0.2.0" (instance $wasi:filesystem/preopens@0.2.0 (;5;) (type $ty-wasi:filesystem/preopens@0.2.0)))
  ;; The core module: everything on i32s and linear memory.
  (core module $main (;0;)
    ;; wasi:cli/stdout: get-stdout: func() -> own<output-stream>   core: () -> handle
    (import "wasi:cli/stdout@0.2.0" "get-stdout" (func $get-stdout (result i32)))
    ;; wasi:io/streams: [method]output-stream.blocking-write-and-flush:
    ;;   func(self: borrow<output-stream>, contents: list<u8>) -> result<_, stream-error>
    ;;   core: (handle, contents.ptr, contents.len, retptr); host writes
    ;;   [result case u8 @0 (0 ok, 1 err), stream-error case u8 @4
    ;;    (0 last-operation-failed, 1 closed), own<error> handle @8]
    (import "wasi:io/streams@0.2.0" "[method]output-stream.blocking-write-and-flush"
      (func $blocking-write-and-flush (param i32 i32 i32 i32)))
    (import "wasi:io/streams@0.2.0" "[resource-drop]output-stream"
      (func $drop-output-stream (param i32)))
    (import "wasi:io/error@0.2.0" "[resource-drop]error"
      (func $drop-error (param i32)))
    ;; wasi:cli/environment: get-environment: func() -> list<tuple<string, string>>
    ;;   core: (retptr); host writes [list.ptr @0, list.len @4]; each element is
    ;;   16 bytes: [key.ptr @0, key.len @4, value.ptr @8, value.len @12]
    (import "wasi:cli/environment@0.2.0" "get-environment"
      (func $get-environment (param i32)))
    ;; wasi:filesystem/preopens: get-directories: func() -> list<tuple<own<descriptor>, string>>
    ;;   core: (retptr); host writes [list.ptr @0, list.len @4]; each element is
    ;;   12 bytes: [descriptor handle @0, path.ptr @4, path.len @8]
    (import "wasi:filesystem/preopens@0.2.0" "get-directories"
      (func $get-directories (param i32)))
    (import "wasi:filesystem/types@0.2.0" "[resource-drop]descriptor"
      (func $drop-descriptor (param i32)))

    (memory (export "memory") 1)

    ;; constant strings
    (data (i32.const 16) "hello from wasi\n")  ;; 16, 16 bytes
    (data (i32.const 32) "=")                  ;; 32, 1 byte
    (data (i32.const 33) "\n")                 ;; 33, 1 byte
    (data (i32.const 34) "dir: ")              ;; 34, 5 bytes
    ;; 64..76: the return area of blocking-write-and-flush

    ;; bump allocator; the post-return of run resets it to 1024
    (global $heap (mut i32) (i32.const 1024))
    ;; the stdout stream, while run runs
    (global $stdout (mut i32) (i32.const 0))
    ;; set once a write fails; later writes are skipped
    (global $failed (mut i32) (i32.const 0))

    (func $alloc (param $align i32) (param $size i32) (result i32)
      (local $ptr i32) (local $end i32)
      (local.set $ptr
        (i32.and
          (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
          (i32.sub (i32.const 0) (local.get $align))))
      (local.set $end (i32.add (local.get $ptr) (local.get $size)))
      (if (i32.gt_u (local.get $end) (i32.shl (memory.size) (i32.const 16)))
        (then
          (if (i32.eq
                (memory.grow
                  (i32.sub
                    (i32.shr_u (i32.add (local.get $end) (i32.const 0xffff)) (i32.const 16))
                    (memory.size)))
                (i32.const -1))
            (then unreachable))))
      (global.set $heap (local.get $end))
      (local.get $ptr))

    (func $cabi_realloc (export "cabi_realloc")
      (param $old_ptr i32) (param $old_size i32) (param $align i32) (param $new_size i32)
      (result i32)
      (local $new i32)
      (local.set $new (call $alloc (local.get $align) (local.get $new_size)))
      (memory.copy (local.get $new) (local.get $old_ptr)
        (select (local.get $old_size) (local.get $new_size)
          (i32.lt_u (local.get $old_size) (local.get $new_size))))
      (local.get $new))

    ;; writes `len` bytes at `ptr` to stdout, at most 4096 at a time (the limit
    ;; of blocking-write-and-flush); on failure sets $failed and drops the error
    (func $write (param $ptr i32) (param $len i32)
      (local $chunk i32)
      (block $done
        (loop $more
          (br_if $done (global.get $failed))
          (br_if $done (i32.eqz (local.get $len)))
          (local.set $chunk
            (select (local.get $len) (i32.const 4096)
              (i32.lt_u (local.get $len) (i32.const 4096))))
          (call $blocking-write-and-flush
            (global.get $stdout) (local.get $ptr) (local.get $chunk) (i32.const 64))
          (if (i32.load8_u offset=0 (i32.const 64))
            (then
              (global.set $failed (i32.const 1))
              ;; last-operation-failed(error) hands us an error to drop; closed does not
              (if (i32.eqz (i32.load8_u offset=4 (i32.const 64)))
                (then (call $drop-error (i32.load offset=8 (i32.const 64)))))
              (br $done)))
          (local.set $ptr (i32.add (local.get $ptr) (local.get $chunk)))
          (local.set $len (i32.sub (local.get $len) (local.get $chunk)))
          (br $more))))

    ;; wasi:cli/run: run: func() -> result
    ;; core: () -> case (0 ok, 1 err)
    (func $run (export "wasi:cli/run@0.2.0#run") (result i32)
      (local $area i32) (local $list i32) (local $n i32) (local $i i32) (local $elem i32)
      (global.set $failed (i32.const 0))
      (global.set $stdout (call $get-stdout))

      (call $write (i32.const 16) (i32.const 16))

      ;; KEY=VALUE\n for each environment variable
      (local.set $area (call $alloc (i32.const 4) (i32.const 8)))
      (call $get-environment (local.get $area))
      (local.set $list (i32.load offset=0 (local.get $area)))
      (local.set $n (i32.load offset=4 (local.get $area)))
      (local.set $i (i32.const 0))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (local.set $elem (i32.add (local.get $list) (i32.mul (local.get $i) (i32.const 16))))
          (call $write (i32.load offset=0 (local.get $elem)) (i32.load offset=4 (local.get $elem)))
          (call $write (i32.const 32) (i32.const 1))
          (call $write (i32.load offset=8 (local.get $elem)) (i32.load offset=12 (local.get $elem)))
          (call $write (i32.const 33) (i32.const 1))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))

      ;; dir: PATH\n for each preopened directory, dropping its descriptor
      (local.set $area (call $alloc (i32.const 4) (i32.const 8)))
      (call $get-directories (local.get $area))
      (local.set $list (i32.load offset=0 (local.get $area)))
      (local.set $n (i32.load offset=4 (local.get $area)))
      (local.set $i (i32.const 0))
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (local.set $elem (i32.add (local.get $list) (i32.mul (local.get $i) (i32.const 12))))
          (call $write (i32.const 34) (i32.const 5))
          (call $write (i32.load offset=4 (local.get $elem)) (i32.load offset=8 (local.get $elem)))
          (call $write (i32.const 33) (i32.const 1))
          (call $drop-descriptor (i32.load offset=0 (local.get $elem)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))

      (call $drop-output-stream (global.get $stdout))
      (global.get $failed))

    ;; frees everything run allocated
    (func $cabi_post_run (export "cabi_post_wasi:cli/run@0.2.0#run") (param $result i32)
      (global.set $heap (i32.const 1024)))
    (@producers
      (processed-by "wit-component" "0.263.0")
    )
  )
  ;; wit-component's usual glue for imports that need the memory or
  ;; `cabi_realloc` of `$main`, which do not exist until `$main` is
  ;; instantiated: `$main` first gets trampolines from the shim module that
  ;; `call_indirect` through a table; once `$main` exists, the real lowered
  ;; imports (with `(memory $memory)` and `(realloc $cabi_realloc)`) are made
  ;; and the fixup module writes them into that table.
  (core module $wit-component-shim-module (;1;)
    (type (;0;) (func (param i32 i32 i32 i32)))
    (type (;1;) (func (param i32)))
    (table (;0;) 3 3 funcref)
    (export "0" (func $"indirect-wasi:io/streams@0.2.0-[method]output-stream.blocking-write-and-flush"))
    (export "1" (func $indirect-wasi:cli/environment@0.2.0-get-environment))
    (export "2" (func $indirect-wasi:filesystem/preopens@0.2.0-get-directories))
    (export "$imports" (table 0))
    (func $"indirect-wasi:io/streams@0.2.0-[method]output-stream.blocking-write-and-flush" (;0;) (type 0) (param i32 i32 i32 i32)
      local.get 0
      local.get 1
      local.get 2
      local.get 3
      i32.const 0
      call_indirect (type 0)
    )
    (func $indirect-wasi:cli/environment@0.2.0-get-environment (;1;) (type 1) (param i32)
      local.get 0
      i32.const 1
      call_indirect (type 1)
    )
    (func $indirect-wasi:filesystem/preopens@0.2.0-get-directories (;2;) (type 1) (param i32)
      local.get 0
      i32.const 2
      call_indirect (type 1)
    )
    (@producers
      (processed-by "wit-component" "0.263.0")
    )
  )
  (core instance $wit-component-shim-instance (;0;) (instantiate $wit-component-shim-module))
  (alias export $wasi:cli/stdout@0.2.0 "get-stdout" (func $get-stdout (;0;)))
  (core func $get-stdout (;0;) (canon lower (func $get-stdout)))
  (core instance $wasi:cli/stdout@0.2.0 (;1;)
    (export "get-stdout" (func $get-stdout))
  )
  (alias core export $wit-component-shim-instance "0" (core func $"indirect-wasi:io/streams@0.2.0-[method]output-stream.blocking-write-and-flush" (;1;)))
  (alias export $wasi:io/streams@0.2.0 "output-stream" (type $"#type9 output-stream" (@name "output-stream") (;9;)))
  (core func $resource.drop (;2;) (canon resource.drop $"#type9 output-stream"))
  (core instance $wasi:io/streams@0.2.0 (;2;)
    (export "[method]output-stream.blocking-write-and-flush" (func $"indirect-wasi:io/streams@0.2.0-[method]output-stream.blocking-write-and-flush"))
    (export "[resource-drop]output-stream" (func $resource.drop))
  )
  (alias export $wasi:io/error@0.2.0 "error" (type $"#type10 error" (@name "error") (;10;)))
  (core func $"#core-func3 resource.drop" (@name "resource.drop") (;3;) (canon resource.drop $"#type10 error"))
  (core instance $wasi:io/error@0.2.0 (;3;)
    (export "[resource-drop]error" (func $"#core-func3 resource.drop"))
  )
  (alias core export $wit-component-shim-instance "1" (core func $indirect-wasi:cli/environment@0.2.0-get-environment (;4;)))
  (core instance $wasi:cli/environment@0.2.0 (;4;)
    (export "get-environment" (func $indirect-wasi:cli/environment@0.2.0-get-environment))
  )
  (alias core export $wit-component-shim-instance "2" (core func $indirect-wasi:filesystem/preopens@0.2.0-get-directories (;5;)))
  (core instance $wasi:filesystem/preopens@0.2.0 (;5;)
    (export "get-directories" (func $indirect-wasi:filesystem/preopens@0.2.0-get-directories))
  )
  (alias export $wasi:filesystem/types@0.2.0 "descriptor" (type $"#type11 descriptor" (@name "descriptor") (;11;)))
  (core func $"#core-func6 resource.drop" (@name "resource.drop") (;6;) (canon resource.drop $"#type11 descriptor"))
  (core instance $wasi:filesystem/types@0.2.0 (;6;)
    (export "[resource-drop]descriptor" (func $"#core-func6 resource.drop"))
  )
  ;; `$main` gets the trampolines for the three functions that need memory.
  (core instance $main (;7;) (instantiate $main
      (with "wasi:cli/stdout@0.2.0" (instance $wasi:cli/stdout@0.2.0))
      (with "wasi:io/streams@0.2.0" (instance $wasi:io/streams@0.2.0))
      (with "wasi:io/error@0.2.0" (instance $wasi:io/error@0.2.0))
      (with "wasi:cli/environment@0.2.0" (instance $wasi:cli/environment@0.2.0))
      (with "wasi:filesystem/preopens@0.2.0" (instance $wasi:filesystem/preopens@0.2.0))
      (with "wasi:filesystem/types@0.2.0" (instance $wasi:filesystem/types@0.2.0))
    )
  )
  (alias core export $main "memory" (core memory $memory (;0;)))
  ;; Now fill the shim's table with the real lowered imports.
  (core module $wit-component-fixup (;2;)
    (type (;0;) (func (param i32 i32 i32 i32)))
    (type (;1;) (func (param i32)))
    (import "actual" "0" (func $0 (;0;) (type 0) (param i32 i32 i32 i32)))
    (import "actual" "1" (func $1 (;1;) (type 1) (param i32)))
    (import "actual" "2" (func $2 (;2;) (type 1) (param i32)))
    (import "shim" "$imports" (table (;0;) 3 3 funcref))
    (elem (;0;) (i32.const 0) func $0 $1 $2)
    (@producers
      (processed-by "wit-component" "0.263.0")
    )
  )
  (alias export $wasi:io/streams@0.2.0 "[method]output-stream.blocking-write-and-flush" (func $"[method]output-stream.blocking-write-and-flush" (;1;)))
  (core func $"#core-func7 indirect-wasi:io/streams@0.2.0-[method]output-stream.blocking-write-and-flush" (@name "indirect-wasi:io/streams@0.2.0-[method]output-stream.blocking-write-and-flush") (;7;) (canon lower (func $"[method]output-stream.blocking-write-and-flush") (memory $memory)))
  (alias export $wasi:cli/environment@0.2.0 "get-environment" (func $get-environment (;2;)))
  (alias core export $main "cabi_realloc" (core func $cabi_realloc (;8;)))
  (core func $"#core-func9 indirect-wasi:cli/environment@0.2.0-get-environment" (@name "indirect-wasi:cli/environment@0.2.0-get-environment") (;9;) (canon lower (func $get-environment) (memory $memory) (realloc $cabi_realloc) string-encoding=utf8))
  (alias export $wasi:filesystem/preopens@0.2.0 "get-directories" (func $get-directories (;3;)))
  (core func $"#core-func10 indirect-wasi:filesystem/preopens@0.2.0-get-directories" (@name "indirect-wasi:filesystem/preopens@0.2.0-get-directories") (;10;) (canon lower (func $get-directories) (memory $memory) (realloc $cabi_realloc) string-encoding=utf8))
  (core instance $actual (;8;)
    (export "0" (func $"#core-func7 indirect-wasi:io/streams@0.2.0-[method]output-stream.blocking-write-and-flush"))
    (export "1" (func $"#core-func9 indirect-wasi:cli/environment@0.2.0-get-environment"))
    (export "2" (func $"#core-func10 indirect-wasi:filesystem/preopens@0.2.0-get-directories"))
  )
  (core instance $fixup (;9;) (instantiate $wit-component-fixup
      (with "actual" (instance $actual))
      (with "shim" (instance $wit-component-shim-instance))
    )
  )
  ;; The export: `run` is lifted, then exported inside an instance named
  ;; `wasi:cli/run@0.2.0` (through a small component that gives it its type).
  (type (;12;) (result))
  (type (;13;) (func (result 12)))
  (alias core export $main "wasi:cli/run@0.2.0#run" (core func $wasi:cli/run@0.2.0#run (;11;)))
  (alias core export $main "cabi_post_wasi:cli/run@0.2.0#run" (core func $cabi_post_wasi:cli/run@0.2.0#run (;12;)))
  (func $run (;4;) (type 13) (canon lift (core func $wasi:cli/run@0.2.0#run) (post-return $cabi_post_wasi:cli/run@0.2.0#run)))
  (component $wasi:cli/run@0.2.0-shim-component (;0;)
    (type (;0;) (result))
    (type (;1;) (func (result 0)))
    (import "import-func-run" (func (;0;) (type 1)))
    (type (;2;) (result))
    (type (;3;) (func (result 2)))
    (export (;1;) "run" (func 0) (func (type 3)))
  )
  (instance $wasi:cli/run@0.2.0-shim-instance (;6;) (instantiate $wasi:cli/run@0.2.0-shim-component
      (with "import-func-run" (func $run))
    )
  )
  (export $wasi:cli/run@0.2.0 (;7;) "wasi:cli/run@0.2.0" (instance $wasi:cli/run@0.2.0-shim-instance))
  (@producers
    (processed-by "wit-component" "0.263.0")
  )
)
