;; tests/components/basics: plain exported functions for the `wit-lsp run`
;; tests. Targets world `basics` of wit/basics.wit (package `test:basics`).
;;
;; The core module `$main` was written by hand; the component around it was
;; generated from it by wit-component (wasm-tools 1.263.0), with core.wat
;; holding `$main` as a standalone `(module ...)`:
;;   wasm-tools component embed wit core.wat --world basics -o embedded.wasm
;;   wasm-tools component new embedded.wasm -o basics.wasm
;;   wasm-tools print basics.wasm
;; with the printed `$main` then replaced by its commented source:
;; `wasm-tools print` of this file equals `wasm-tools print basics.wasm`.
;; Edit this file directly; see ../README.md for the ABI notes.
(component
  ;; `record person`, defined in the world: wit-component imports it as a
  ;; type with an `eq` bound. A host need not (and cannot) supply it.
  (type (;0;) (record (field "name" string) (field "age" u8)))
  (import "person" (type $person (;1;) (eq 0)))
  ;; The core module: everything on i32s and linear memory. Every function
  ;; that returns through memory has a post-return that resets the bump
  ;; allocator, so each call starts from an empty heap.
  (core module $main (;0;)
    (memory (export "memory") 1)

    ;; constant strings
    (data (i32.const 16) "Hello, ")  ;; 16, 7 bytes
    (data (i32.const 23) "!")        ;; 23, 1 byte
    (data (i32.const 24) " is ")     ;; 24, 4 bytes
    (data (i32.const 28) "yes")      ;; 28, 3 bytes
    (data (i32.const 31) "too big")  ;; 31, 7 bytes

    ;; bump allocator; every post-return resets it to 1024
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

    ;; frees everything: the post-return of every function returning through memory
    (func $free_all (param $ret i32)
      (global.set $heap (i32.const 1024)))
    (export "cabi_post_greet" (func $free_all))
    (export "cabi_post_describe" (func $free_all))
    (export "cabi_post_maybe" (func $free_all))
    (export "cabi_post_checked" (func $free_all))

    ;; writes `n` in decimal at `dst`; returns how many bytes (1 to 10)
    (func $utoa (param $dst i32) (param $n i32) (result i32)
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
      (local.get $len))

    ;; a return area for (pointer, length)
    (func $ret_string (param $ptr i32) (param $len i32) (result i32)
      (local $ret i32)
      (local.set $ret (call $alloc (i32.const 4) (i32.const 8)))
      (i32.store offset=0 (local.get $ret) (local.get $ptr))
      (i32.store offset=4 (local.get $ret) (local.get $len))
      (local.get $ret))

    ;; greet: func(name: string) -> string
    ;; core: (name.ptr, name.len) -> ret; ret -> [ptr @0, len @4]
    (func $greet (export "greet") (param $name i32) (param $name_len i32) (result i32)
      (local $out i32) (local $out_len i32)
      (local.set $out_len (i32.add (local.get $name_len) (i32.const 8)))
      (local.set $out (call $alloc (i32.const 1) (local.get $out_len)))
      (memory.copy (local.get $out) (i32.const 16) (i32.const 7))
      (memory.copy (i32.add (local.get $out) (i32.const 7)) (local.get $name) (local.get $name_len))
      (memory.copy (i32.add (i32.add (local.get $out) (i32.const 7)) (local.get $name_len))
        (i32.const 23) (i32.const 1))
      (call $ret_string (local.get $out) (local.get $out_len)))

    ;; describe: func(p: person) -> string, person = record { name: string, age: u8 }
    ;; core: (p.name.ptr, p.name.len, p.age) -> ret; ret -> [ptr @0, len @4]
    (func $describe (export "describe")
      (param $name i32) (param $name_len i32) (param $age i32) (result i32)
      (local $out i32) (local $len i32)
      ;; name ++ " is " ++ decimal(age); 10 bytes is room for any u32
      (local.set $out
        (call $alloc (i32.const 1) (i32.add (local.get $name_len) (i32.const 14))))
      (memory.copy (local.get $out) (local.get $name) (local.get $name_len))
      (memory.copy (i32.add (local.get $out) (local.get $name_len)) (i32.const 24) (i32.const 4))
      (local.set $len (i32.add (local.get $name_len) (i32.const 4)))
      (local.set $len
        (i32.add (local.get $len)
          (call $utoa (i32.add (local.get $out) (local.get $len)) (local.get $age))))
      (call $ret_string (local.get $out) (local.get $len)))

    ;; add: func(a: s32, b: s32) -> s32
    (func $add (export "add") (param $a i32) (param $b i32) (result i32)
      (i32.add (local.get $a) (local.get $b)))

    ;; spin: func() -- loops forever
    (func $spin (export "spin")
      (loop $forever
        (br $forever)))

    ;; hog: func() -- grows memory 16 pages (1 MiB) at a time until it cannot
    (func $hog (export "hog")
      (loop $more
        (if (i32.eq (memory.grow (i32.const 16)) (i32.const -1))
          (then unreachable))
        (br $more)))

    ;; crash: func() -- crash -> crash-outer -> crash-inner -> unreachable
    (func $crash (export "crash")
      (call $crash-outer))
    (func $crash-outer
      (call $crash-inner))
    (func $crash-inner
      unreachable)

    ;; maybe: func(flag: bool) -> option<string>
    ;; core: (flag) -> ret; ret -> [case u8 @0 (0 none, 1 some), ptr @4, len @8]
    (func $maybe (export "maybe") (param $flag i32) (result i32)
      (local $ret i32)
      (local.set $ret (call $alloc (i32.const 4) (i32.const 12)))
      (if (local.get $flag)
        (then
          (i32.store8 offset=0 (local.get $ret) (i32.const 1))
          (i32.store offset=4 (local.get $ret) (i32.const 28))   ;; "yes"
          (i32.store offset=8 (local.get $ret) (i32.const 3)))
        (else
          (i32.store8 offset=0 (local.get $ret) (i32.const 0))))
      (local.get $ret))

    ;; checked: func(n: u32) -> result<u32, string>
    ;; core: (n) -> ret; ret -> [case u8 @0 (0 ok, 1 err), ok: u32 @4 | err: ptr @4, len @8]
    (func $checked (export "checked") (param $n i32) (result i32)
      (local $ret i32)
      (local.set $ret (call $alloc (i32.const 4) (i32.const 12)))
      (if (i32.lt_u (local.get $n) (i32.const 100))
        (then
          (i32.store8 offset=0 (local.get $ret) (i32.const 0))
          (i32.store offset=4 (local.get $ret) (i32.shl (local.get $n) (i32.const 1))))
        (else
          (i32.store8 offset=0 (local.get $ret) (i32.const 1))
          (i32.store offset=4 (local.get $ret) (i32.const 31))   ;; "too big"
          (i32.store offset=8 (local.get $ret) (i32.const 7))))
      (local.get $ret))
    (@producers
      (processed-by "wit-component" "0.263.0")
    )
  )
  ;; Instantiate it (it imports nothing), then lift each export.
  (core instance $main (;0;) (instantiate $main))
  (alias core export $main "memory" (core memory $memory (;0;)))
  (type (;2;) (func (param "name" string) (result string)))
  (alias core export $main "greet" (core func $greet (;0;)))
  (alias core export $main "cabi_realloc" (core func $cabi_realloc (;1;)))
  (alias core export $main "cabi_post_greet" (core func $cabi_post_greet (;2;)))
  (func $greet (;0;) (type 2) (canon lift (core func $greet) (memory $memory) (realloc $cabi_realloc) string-encoding=utf8 (post-return $cabi_post_greet)))
  (export $"#func1 greet" (@name "greet") (;1;) "greet" (func $greet))
  (type (;3;) (func (param "p" $person) (result string)))
  (alias core export $main "describe" (core func $describe (;3;)))
  (alias core export $main "cabi_post_describe" (core func $cabi_post_describe (;4;)))
  (func $describe (;2;) (type 3) (canon lift (core func $describe) (memory $memory) (realloc $cabi_realloc) string-encoding=utf8 (post-return $cabi_post_describe)))
  (export $"#func3 describe" (@name "describe") (;3;) "describe" (func $describe))
  (type (;4;) (func (param "a" s32) (param "b" s32) (result s32)))
  (alias core export $main "add" (core func $add (;5;)))
  (func $add (;4;) (type 4) (canon lift (core func $add)))
  (export $"#func5 add" (@name "add") (;5;) "add" (func $add))
  (type (;5;) (func))
  (alias core export $main "spin" (core func $spin (;6;)))
  (func $spin (;6;) (type 5) (canon lift (core func $spin)))
  (export $"#func7 spin" (@name "spin") (;7;) "spin" (func $spin))
  (alias core export $main "hog" (core func $hog (;7;)))
  (func $hog (;8;) (type 5) (canon lift (core func $hog)))
  (export $"#func9 hog" (@name "hog") (;9;) "hog" (func $hog))
  (alias core export $main "crash" (core func $crash (;8;)))
  (func $crash (;10;) (type 5) (canon lift (core func $crash)))
  (export $"#func11 crash" (@name "crash") (;11;) "crash" (func $crash))
  (type (;6;) (option string))
  (type (;7;) (func (param "flag" bool) (result 6)))
  (alias core export $main "maybe" (core func $maybe (;9;)))
  (alias core export $main "cabi_post_maybe" (core func $cabi_post_maybe (;10;)))
  (func $maybe (;12;) (type 7) (canon lift (core func $maybe) (memory $memory) string-encoding=utf8 (post-return $cabi_post_maybe)))
  (export $"#func13 maybe" (@name "maybe") (;13;) "maybe" (func $maybe))
  (type (;8;) (result u32 (error string)))
  (type (;9;) (func (param "n" u32) (result 8)))
  (alias core export $main "checked" (core func $checked (;11;)))
  (alias core export $main "cabi_post_checked" (core func $cabi_post_checked (;12;)))
  (func $checked (;14;) (type 9) (canon lift (core func $checked) (memory $memory) string-encoding=utf8 (post-return $cabi_post_checked)))
  (export $"#func15 checked" (@name "checked") (;15;) "checked" (func $checked))
  (@producers
    (processed-by "wit-component" "0.263.0")
  )
)
