;; tests/components/imports: a component that imports a custom (non-WASI)
;; interface, `test:imports/host`, and calls all of it from `run-all`.
;; Targets world `imports` of wit/imports.wit.
;;
;; The core module `$main` was written by hand; the component around it was
;; generated from it by wit-component (wasm-tools 1.263.0), with core.wat
;; holding `$main` as a standalone `(module ...)`:
;;   wasm-tools component embed wit core.wat --world imports -o embedded.wasm
;;   wasm-tools component new embedded.wasm -o imports.wasm
;;   wasm-tools print imports.wasm
;; with the printed `$main` then replaced by its commented source:
;; `wasm-tools print` of this file equals `wasm-tools print imports.wasm`.
;; Edit this file directly; see ../README.md for the ABI notes.
(component
  ;; The imported interface `test:imports/host`: a record, a resource and
  ;; five functions.
  (type $ty-test:imports/host (;0;)
    (instance
      (type (;0;) (record (field "verbose" bool) (field "retries" u8)))
      (export (;1;) "settings" (type (eq 0)))
      (export (;2;) "counter" (type (sub resource)))
      (type (;3;) (own 2))
      (type (;4;) (func (param "start" u32) (result 3)))
      (export (;0;) "[constructor]counter" (func (type 4)))
      (type (;5;) (borrow 2))
      (type (;6;) (func (param "self" 5) (result u32)))
      (export (;1;) "[method]counter.next" (func (type 6)))
      (type (;7;) (func (param "msg" string)))
      (export (;2;) "log" (func (type 7)))
      (type (;8;) (func (result string)))
      (export (;3;) "name" (func (type 8)))
      (type (;9;) (func (result 1)))
      (export (;4;) "config" (func (type 9)))
    )
  )
  (import "test:imports/host" (instance $test:imports/host (;0;) (type $ty-test:imports/host)))
  ;; The core module: everything on i32s and linear memory.
  (core module $main (;0;)
    ;; test:imports/host, lowered by the canonical ABI
    ;; log: func(msg: string)                 core: (msg.ptr, msg.len)
    (import "test:imports/host" "log" (func $log (param i32 i32)))
    ;; name: func() -> string                 core: (retptr); host writes [ptr @0, len @4]
    ;;                                        and allocates the string with cabi_realloc
    (import "test:imports/host" "name" (func $name (param i32)))
    ;; config: func() -> settings             core: (retptr); host writes
    ;;                                        [verbose u8 @0, retries u8 @1]
    (import "test:imports/host" "config" (func $config (param i32)))
    ;; constructor(start: u32) -> own<counter>   core: (start) -> handle
    (import "test:imports/host" "[constructor]counter" (func $counter-new (param i32) (result i32)))
    ;; next: func(self: borrow<counter>) -> u32  core: (handle) -> u32
    (import "test:imports/host" "[method]counter.next" (func $counter-next (param i32) (result i32)))
    ;; dropping the own<counter> handle
    (import "test:imports/host" "[resource-drop]counter" (func $counter-drop (param i32)))

    (memory (export "memory") 1)

    ;; constant strings
    (data (i32.const 16) "starting")    ;; 16, 8 bytes
    (data (i32.const 24) "name=")       ;; 24, 5 bytes
    (data (i32.const 29) " verbose=")   ;; 29, 9 bytes
    (data (i32.const 38) "true")        ;; 38, 4 bytes
    (data (i32.const 42) "false")       ;; 42, 5 bytes
    (data (i32.const 47) " retries=")   ;; 47, 9 bytes
    (data (i32.const 56) " next=")      ;; 56, 6 bytes
    (data (i32.const 62) ",")           ;; 62, 1 byte

    ;; bump allocator; the post-return of run-all resets it to 1024
    (global $heap (mut i32) (i32.const 1024))

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

    ;; copies `len` bytes from `src` to `dst`; returns the end of the copy
    (func $append (param $dst i32) (param $src i32) (param $len i32) (result i32)
      (memory.copy (local.get $dst) (local.get $src) (local.get $len))
      (i32.add (local.get $dst) (local.get $len)))

    ;; writes `n` in decimal at `dst`; returns the end of the digits
    (func $append-u32 (param $dst i32) (param $n i32) (result i32)
      (local $len i32) (local $m i32) (local $i i32)
      (local.set $len (i32.const 1))
      (local.set $m (local.get $n))
      (block $counted
        (loop $count
          (br_if $counted (i32.lt_u (local.get $m) (i32.const 10)))
          (local.set $m (i32.div_u (local.get $m) (i32.const 10)))
          (local.set $len (i32.add (local.get $len) (i32.const 1)))
          (br $count)))
      (local.set $i (local.get $len))
      (loop $digit
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (i32.store8 (i32.add (local.get $dst) (local.get $i))
          (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
        (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
        (br_if $digit (local.get $i)))
      (i32.add (local.get $dst) (local.get $len)))

    ;; run-all: func() -> string
    ;; core: () -> ret; ret -> [ptr @0, len @4]
    (func $run-all (export "run-all") (result i32)
      (local $area i32) (local $name i32) (local $name_len i32)
      (local $verbose i32) (local $retries i32)
      (local $counter i32) (local $a i32) (local $b i32)
      (local $out i32) (local $end i32) (local $ret i32)

      ;; log("starting")
      (call $log (i32.const 16) (i32.const 8))

      ;; name()
      (local.set $area (call $alloc (i32.const 4) (i32.const 8)))
      (call $name (local.get $area))
      (local.set $name (i32.load offset=0 (local.get $area)))
      (local.set $name_len (i32.load offset=4 (local.get $area)))

      ;; config()
      (local.set $area (call $alloc (i32.const 1) (i32.const 2)))
      (call $config (local.get $area))
      (local.set $verbose (i32.load8_u offset=0 (local.get $area)))
      (local.set $retries (i32.load8_u offset=1 (local.get $area)))

      ;; counter(1), next() twice, then drop it
      (local.set $counter (call $counter-new (i32.const 1)))
      (local.set $a (call $counter-next (local.get $counter)))
      (local.set $b (call $counter-next (local.get $counter)))
      (call $counter-drop (local.get $counter))

      ;; "name=NAME verbose=BOOL retries=N next=A,B": at most 58 bytes + the name
      (local.set $out (call $alloc (i32.const 1) (i32.add (local.get $name_len) (i32.const 64))))
      (local.set $end (call $append (local.get $out) (i32.const 24) (i32.const 5)))
      (local.set $end (call $append (local.get $end) (local.get $name) (local.get $name_len)))
      (local.set $end (call $append (local.get $end) (i32.const 29) (i32.const 9)))
      (local.set $end
        (if (result i32) (local.get $verbose)
          (then (call $append (local.get $end) (i32.const 38) (i32.const 4)))
          (else (call $append (local.get $end) (i32.const 42) (i32.const 5)))))
      (local.set $end (call $append (local.get $end) (i32.const 47) (i32.const 9)))
      (local.set $end (call $append-u32 (local.get $end) (local.get $retries)))
      (local.set $end (call $append (local.get $end) (i32.const 56) (i32.const 6)))
      (local.set $end (call $append-u32 (local.get $end) (local.get $a)))
      (local.set $end (call $append (local.get $end) (i32.const 62) (i32.const 1)))
      (local.set $end (call $append-u32 (local.get $end) (local.get $b)))

      (local.set $ret (call $alloc (i32.const 4) (i32.const 8)))
      (i32.store offset=0 (local.get $ret) (local.get $out))
      (i32.store offset=4 (local.get $ret) (i32.sub (local.get $end) (local.get $out)))
      (local.get $ret))

    ;; frees everything run-all allocated, once the host has copied the result
    (func $cabi_post_run-all (export "cabi_post_run-all") (param $ret i32)
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
    (type (;0;) (func (param i32 i32)))
    (type (;1;) (func (param i32)))
    (table (;0;) 3 3 funcref)
    (export "0" (func $indirect-test:imports/host-log))
    (export "1" (func $indirect-test:imports/host-name))
    (export "2" (func $indirect-test:imports/host-config))
    (export "$imports" (table 0))
    (func $indirect-test:imports/host-log (;0;) (type 0) (param i32 i32)
      local.get 0
      local.get 1
      i32.const 0
      call_indirect (type 0)
    )
    (func $indirect-test:imports/host-name (;1;) (type 1) (param i32)
      local.get 0
      i32.const 1
      call_indirect (type 1)
    )
    (func $indirect-test:imports/host-config (;2;) (type 1) (param i32)
      local.get 0
      i32.const 2
      call_indirect (type 1)
    )
    (@producers
      (processed-by "wit-component" "0.263.0")
    )
  )
  (core instance $wit-component-shim-instance (;0;) (instantiate $wit-component-shim-module))
  (alias core export $wit-component-shim-instance "0" (core func $indirect-test:imports/host-log (;0;)))
  (alias core export $wit-component-shim-instance "1" (core func $indirect-test:imports/host-name (;1;)))
  (alias core export $wit-component-shim-instance "2" (core func $indirect-test:imports/host-config (;2;)))
  ;; Imports that need no memory are lowered directly.
  (alias export $test:imports/host "[constructor]counter" (func $"[constructor]counter" (;0;)))
  (core func $"[constructor]counter" (;3;) (canon lower (func $"[constructor]counter")))
  (alias export $test:imports/host "[method]counter.next" (func $"[method]counter.next" (;1;)))
  (core func $"[method]counter.next" (;4;) (canon lower (func $"[method]counter.next")))
  (alias export $test:imports/host "counter" (type $counter (;1;)))
  (core func $resource.drop (;5;) (canon resource.drop $counter))
  (core instance $test:imports/host (;1;)
    (export "log" (func $indirect-test:imports/host-log))
    (export "name" (func $indirect-test:imports/host-name))
    (export "config" (func $indirect-test:imports/host-config))
    (export "[constructor]counter" (func $"[constructor]counter"))
    (export "[method]counter.next" (func $"[method]counter.next"))
    (export "[resource-drop]counter" (func $resource.drop))
  )
  ;; `$main` gets the trampolines for log, name and config.
  (core instance $main (;2;) (instantiate $main
      (with "test:imports/host" (instance $test:imports/host))
    )
  )
  (alias core export $main "memory" (core memory $memory (;0;)))
  ;; Now fill the shim's table with the real lowered imports.
  (core module $wit-component-fixup (;2;)
    (type (;0;) (func (param i32 i32)))
    (type (;1;) (func (param i32)))
    (import "actual" "0" (func $0 (;0;) (type 0) (param i32 i32)))
    (import "actual" "1" (func $1 (;1;) (type 1) (param i32)))
    (import "actual" "2" (func $2 (;2;) (type 1) (param i32)))
    (import "shim" "$imports" (table (;0;) 3 3 funcref))
    (elem (;0;) (i32.const 0) func $0 $1 $2)
    (@producers
      (processed-by "wit-component" "0.263.0")
    )
  )
  (alias export $test:imports/host "log" (func $log (;2;)))
  (core func $"#core-func6 indirect-test:imports/host-log" (@name "indirect-test:imports/host-log") (;6;) (canon lower (func $log) (memory $memory) string-encoding=utf8))
  (alias export $test:imports/host "name" (func $name (;3;)))
  (alias core export $main "cabi_realloc" (core func $cabi_realloc (;7;)))
  (core func $"#core-func8 indirect-test:imports/host-name" (@name "indirect-test:imports/host-name") (;8;) (canon lower (func $name) (memory $memory) (realloc $cabi_realloc) string-encoding=utf8))
  (alias export $test:imports/host "config" (func $config (;4;)))
  (core func $"#core-func9 indirect-test:imports/host-config" (@name "indirect-test:imports/host-config") (;9;) (canon lower (func $config) (memory $memory)))
  (core instance $actual (;3;)
    (export "0" (func $"#core-func6 indirect-test:imports/host-log"))
    (export "1" (func $"#core-func8 indirect-test:imports/host-name"))
    (export "2" (func $"#core-func9 indirect-test:imports/host-config"))
  )
  (core instance $fixup (;4;) (instantiate $wit-component-fixup
      (with "actual" (instance $actual))
      (with "shim" (instance $wit-component-shim-instance))
    )
  )
  ;; The export.
  (type (;2;) (func (result string)))
  (alias core export $main "run-all" (core func $run-all (;10;)))
  (alias core export $main "cabi_post_run-all" (core func $cabi_post_run-all (;11;)))
  (func $run-all (;5;) (type 2) (canon lift (core func $run-all) (memory $memory) string-encoding=utf8 (post-return $cabi_post_run-all)))
  (export $"#func6 run-all" (@name "run-all") (;6;) "run-all" (func $run-all))
  (@producers
    (processed-by "wit-component" "0.263.0")
  )
)
