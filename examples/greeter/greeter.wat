;; The example component: implements `examples/greeter/wit/greeter.wit`
;; (package `example:greeter@1.0.0`, world `host`), whose one function
;; `greet(name)` returns "Hello, " + name + "!".
;;
;; Written by hand in the component-model text format: a core module does the
;; work on plain i32s and linear memory, and `canon lift` turns its exports into
;; component functions that take and return real strings (the canonical ABI).
;;
;; Check it with:
;;   wasm-tools validate examples/greeter/greeter.wat
;;   wasm-tools component wit examples/greeter/greeter.wat
;;   wit-lsp targets examples/greeter/greeter.wat --wit examples/greeter/wit
;;   wit-lsp run examples/greeter/greeter.wat --wit examples/greeter/wit --invoke 'greet("world")'
;;     => "Hello, world!"
(component
  ;; The core module: numbers and memory only.
  (core module $greeter
    ;; Linear memory; strings cross the boundary through it. One 64 KiB page
    ;; to start with; `$alloc` grows it when a long name needs more.
    (memory (export "memory") 1)

    ;; The fixed parts of the greeting, at fixed addresses.
    (data (i32.const 16) "Hello, ")  ;; 7 bytes at 16
    (data (i32.const 23) "!")        ;; 1 byte at 23

    ;; A bump allocator: `$heap` is the next free byte. Nothing is freed one by
    ;; one; `cabi_post_greet` below frees everything at once after each call.
    (global $heap (mut i32) (i32.const 1024))

    ;; Returns `size` fresh bytes aligned to `align` (a power of two).
    (func $alloc (param $align i32) (param $size i32) (result i32)
      (local $ptr i32) (local $end i32)
      ;; ptr = heap rounded up to a multiple of align
      (local.set $ptr
        (i32.and
          (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
          (i32.sub (i32.const 0) (local.get $align))))
      (local.set $end (i32.add (local.get $ptr) (local.get $size)))
      ;; grow the memory (in 64 KiB pages) if the block runs past its end
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

    ;; The canonical ABI's allocator: the host calls it to make room for the
    ;; `name` argument before calling `greet` (old_ptr = 0, old_size = 0,
    ;; align = 1, new_size = the name's length in bytes).
    (func (export "cabi_realloc")
      (param $old_ptr i32) (param $old_size i32) (param $align i32) (param $new_size i32)
      (result i32)
      (local $new i32)
      (local.set $new (call $alloc (local.get $align) (local.get $new_size)))
      ;; a real reallocation keeps the old bytes (the host does not do this
      ;; for strings, but the ABI allows it)
      (memory.copy (local.get $new) (local.get $old_ptr)
        (select (local.get $old_size) (local.get $new_size)
          (i32.lt_u (local.get $old_size) (local.get $new_size))))
      (local.get $new))

    ;; greet(name: string) -> string
    ;;
    ;; A string arrives as two i32s: where its UTF-8 bytes are, and how many.
    ;; A string result is two i32s too, and a core function may return only
    ;; one value through the canonical ABI, so `greet` returns the address of
    ;; an 8-byte "return area": the result's pointer at +0, its length at +4.
    (func (export "example:greeter/greeter@1.0.0#greet")
      (param $name i32) (param $name_len i32) (result i32)
      (local $out i32) (local $out_len i32) (local $ret i32)
      ;; out = "Hello, " ++ name ++ "!"
      (local.set $out_len (i32.add (local.get $name_len) (i32.const 8)))
      (local.set $out (call $alloc (i32.const 1) (local.get $out_len)))
      (memory.copy (local.get $out) (i32.const 16) (i32.const 7))
      (memory.copy (i32.add (local.get $out) (i32.const 7)) (local.get $name) (local.get $name_len))
      (memory.copy (i32.add (i32.add (local.get $out) (i32.const 7)) (local.get $name_len))
        (i32.const 23) (i32.const 1))
      ;; the return area: (pointer, length), 4-byte aligned
      (local.set $ret (call $alloc (i32.const 4) (i32.const 8)))
      (i32.store offset=0 (local.get $ret) (local.get $out))
      (i32.store offset=4 (local.get $ret) (local.get $out_len))
      (local.get $ret))

    ;; Called by the host once it has copied the result out: everything the
    ;; call allocated (the name, the greeting, the return area) is free again.
    (func (export "cabi_post_example:greeter/greeter@1.0.0#greet") (param $ret i32)
      (global.set $heap (i32.const 1024)))
  )
  (core instance $instance (instantiate $greeter))

  ;; Lift the core function into a component function with a string parameter
  ;; and a string result. `memory` and `realloc` say where strings live and how
  ;; the host makes room for the argument; `post-return` frees the result.
  (func $greet (param "name" string) (result string)
    (canon lift
      (core func $instance "example:greeter/greeter@1.0.0#greet")
      (memory (core memory $instance "memory"))
      (realloc (core func $instance "cabi_realloc"))
      (post-return (core func $instance "cabi_post_example:greeter/greeter@1.0.0#greet"))))

  ;; Export it inside the `example:greeter/greeter@1.0.0` interface, as the
  ;; world `host` asks (`export greeter;`).
  (instance $greeter-interface (export "greet" (func $greet)))
  (export "example:greeter/greeter@1.0.0" (instance $greeter-interface))
)
