;; tests/components/mismatch: a component that deliberately does NOT target
;; world `mismatch` of wit/mismatch.wit. `wit-lsp targets` must report three
;; mismatches:
;;   export `greet`: its parameter `name` is a u32, not a string;
;;   export `version`: missing;
;;   import `secret`: not allowed by the world.
;;
;; The core module `$main` was written by hand; the component around it was
;; generated from it by wit-component (wasm-tools 1.263.0), against this world
;; (actual/actual.wit, not kept in the repository), with core.wat holding `$main`
;; as a standalone `(module ...)`:
;;   package test:mismatch;
;;   world actual {
;;     import secret: func() -> u32;
;;     export greet: func(name: u32) -> string;
;;   }
;;   wasm-tools component embed actual core.wat --world actual -o embedded.wasm
;;   wasm-tools component new embedded.wasm -o mismatch.wasm
;;   wasm-tools print mismatch.wasm
;; with the printed `$main` then replaced by its commented source:
;; `wasm-tools print` of this file equals `wasm-tools print mismatch.wasm`.
;; Edit this file directly; see ../README.md.
(component
  (type (;0;) (func (result u32)))
  (import "secret" (func $secret (;0;) (type 0)))
  ;; The core module. It needs no allocator: the argument is a u32 and the
  ;; result lives in a fixed buffer.
  (core module $main (;0;)
    ;; secret: func() -> u32 -- imported but never called: it is only here for
    ;; the world to refuse
    (import "$root" "secret" (func $secret (result i32)))

    (memory (export "memory") 1)

    (data (i32.const 16) "Hello, ")  ;; 16, 7 bytes
    (data (i32.const 23) "!")        ;; 23, 1 byte
    ;; 64..82: the greeting ("Hello, " + at most 10 digits + "!")
    ;; 96..104: the return area [ptr @0, len @4]

    ;; greet: func(name: u32) -> string
    ;; core: (name) -> ret; ret -> [ptr @0, len @4]
    (func $greet (export "greet") (param $n i32) (result i32)
      (local $len i32) (local $m i32) (local $i i32)
      (memory.copy (i32.const 64) (i32.const 16) (i32.const 7))
      ;; the digits of n go at 71..: count them, then write them back to front
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
        (i32.store8 (i32.add (i32.const 71) (local.get $i))
          (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
        (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
        (br_if $digit (local.get $i)))
      (i32.store8 (i32.add (i32.const 71) (local.get $len)) (i32.const 33))  ;; '!'
      (i32.store offset=0 (i32.const 96) (i32.const 64))
      (i32.store offset=4 (i32.const 96) (i32.add (local.get $len) (i32.const 8)))
      (i32.const 96))
    (@producers
      (processed-by "wit-component" "0.263.0")
    )
  )
  (core func $secret (;0;) (canon lower (func $secret)))
  (core instance $$root (;0;)
    (export "secret" (func $secret))
  )
  (core instance $main (;1;) (instantiate $main
      (with "$root" (instance $$root))
    )
  )
  (alias core export $main "memory" (core memory $memory (;0;)))
  (type (;1;) (func (param "name" u32) (result string)))
  (alias core export $main "greet" (core func $greet (;1;)))
  (func $greet (;1;) (type 1) (canon lift (core func $greet) (memory $memory) string-encoding=utf8))
  (export $"#func2 greet" (@name "greet") (;2;) "greet" (func $greet))
  (@producers
    (processed-by "wit-component" "0.263.0")
  )
)
