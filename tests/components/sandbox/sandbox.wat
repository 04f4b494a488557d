;; tests/components/sandbox: probes of the run sandbox: a call that recurses
;; without end, the clocks, opening a path in a preopened directory, creating
;; a socket and looking a name up. Targets world `sandbox` of wit/sandbox.wit.
;;
;; The core module `$main` was written by hand; the component around it was
;; generated from it by wit-component (wasm-tools 1.263.0), with core.wat
;; holding `$main` as a standalone `(module ...)`:
;;   wasm-tools component embed wit core.wat --world sandbox -o embedded.wasm
;;   wasm-tools component new embedded.wasm -o sandbox.wasm
;;   wasm-tools print sandbox.wasm
;; with the printed `$main` then replaced by its commented source:
;; `wasm-tools print` of this file equals `wasm-tools print sandbox.wasm`.
;; Edit this file directly; see ../README.md for the ABI notes.
(component
  (type $ty-wasi:clocks/wall-clock@0.2.0 (;0;)
    (instance
      (type (;0;) (record (field "seconds" u64) (field "nanoseconds" u32)))
      (export (;1;) "datetime" (type (eq 0)))
      (type (;2;) (func (result 1)))
      (export (;0;) "now" (func (type 2)))
    )
  )
  (import "wasi:clocks/wall-clock@0.2.0" (instance $wasi:clocks/wall-clock@0.2.0 (;0;) (type $ty-wasi:clocks/wall-clock@0.2.0)))
  (type $ty-wasi:clocks/monotonic-clock@0.2.0 (;1;)
    (instance
      (type (;0;) u64)
      (export (;1;) "instant" (type (eq 0)))
      (type (;2;) (func (result 1)))
      (export (;0;) "now" (func (type 2)))
    )
  )
  (import "wasi:clocks/monotonic-clock@0.2.0" (instance $wasi:clocks/monotonic-clock@0.2.0 (;1;) (type $ty-wasi:clocks/monotonic-clock@0.2.0)))
  (type $ty-wasi:filesystem/types@0.2.0 (;2;)
    (instance
      (type (;0;) (enum "access" "would-block" "already" "bad-descriptor" "busy" "deadlock" "quota" "exist" "file-too-large" "illegal-byte-sequence" "in-progress" "interrupted" "invalid" "io" "is-directory" "loop" "too-many-links" "message-size" "name-too-long" "no-device" "no-entry" "no-lock" "insufficient-memory" "insufficient-space" "not-directory" "not-empty" "not-recoverable" "unsupported" "no-tty" "no-such-device" "overflow" "not-permitted" "pipe" "read-only" "invalid-seek" "text-file-busy" "cross-device"))
      (export (;1;) "error-code" (type (eq 0)))
      (export (;2;) "descriptor" (type (sub resource)))
      (type (;3;) (flags "symlink-follow"))
      (export (;4;) "path-flags" (type (eq 3)))
      (type (;5;) (flags "create" "directory" "exclusive" "truncate"))
      (export (;6;) "open-flags" (type (eq 5)))
      (type (;7;) (flags "read" "write" "file-integrity-sync" "data-integrity-sync" "requested-write-sync" "mutate-directory"))
      (export (;8;) "descriptor-flags" (type (eq 7)))
      (type (;9;) (borrow 2))
      (type (;10;) (own 2))
      (type (;11;) (result 10 (error 1)))
      (type (;12;) (func (param "self" 9) (param "path-flags" 4) (param "path" string) (param "open-flags" 6) (param "flags" 8) (result 11)))
      (export (;0;) "[method]descriptor.open-at" (func (type 12)))
    )
  )
  (import "wasi:filesystem/types@0.2.0" (instance $wasi:filesystem/types@0.2.0 (;2;) (type $ty-wasi:filesystem/types@0.2.0)))
  (alias export $wasi:filesystem/types@0.2.0 "descriptor" (type $descriptor (;3;)))
  (type $ty-wasi:filesystem/preopens@0.2.0 (;4;)
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
  (import "wasi:filesystem/preopens@0.2.0" (instance $wasi:filesystem/preopens@0.2.0 (;3;) (type $ty-wasi:filesystem/preopens@0.2.0)))
  (type $ty-wasi:sockets/network@0.2.0 (;5;)
    (instance
      (type (;0;) (enum "unknown" "access-denied" "not-supported" "invalid-argument" "out-of-memory" "timeout" "concurrency-conflict" "not-in-progress" "would-block" "invalid-state" "new-socket-limit" "address-not-bindable" "address-in-use" "remote-unreachable" "connection-refused" "connection-reset" "connection-aborted" "datagram-too-large" "name-unresolvable" "temporary-resolver-failure" "permanent-resolver-failure"))
      (export (;1;) "error-code" (type (eq 0)))
      (export (;2;) "network" (type (sub resource)))
      (type (;3;) (enum "ipv4" "ipv6"))
      (export (;4;) "ip-address-family" (type (eq 3)))
    )
  )
  (import "wasi:sockets/network@0.2.0" (instance $wasi:sockets/network@0.2.0 (;4;) (type $ty-wasi:sockets/network@0.2.0)))
  (alias export $wasi:sockets/network@0.2.0 "network" (type $network (;6;)))
  (type $ty-wasi:sockets/instance-network@0.2.0 (;7;)
    (instance
      (alias outer 1 $network (type (;0;)))
      (export (;1;) "network" (type (eq 0)))
      (type (;2;) (own 1))
      (type (;3;) (func (result 2)))
      (export (;0;) "instance-network" (func (type 3)))
    )
  )
  (import "wasi:sockets/instance-network@0.2.0" (instance $wasi:sockets/instance-network@0.2.0 (;5;) (type $ty-wasi:sockets/instance-network@0.2.0)))
  (alias export $wasi:sockets/network@0.2.0 "network" (type $"#type8 network" (@name "network") (;8;)))
  (alias export $wasi:sockets/network@0.2.0 "error-code" (type $error-code (;9;)))
  (type $ty-wasi:sockets/ip-name-lookup@0.2.0 (;10;)
    (instance
      (alias outer 1 $"#type8 network" (type (;0;)))
      (export (;1;) "network" (type (eq 0)))
      (export (;2;) "resolve-address-stream" (type (sub resource)))
      (alias outer 1 $error-code (type (;3;)))
      (export (;4;) "error-code" (type (eq 3)))
      (type (;5;) (borrow 1))
      (type (;6;) (own 2))
      (type (;7;) (result 6 (error 4)))
      (type (;8;) (func (param "network" 5) (param "name" string) (result 7)))
      (export (;0;) "resolve-addresses" (func (type 8)))
    )
  )
  (import "wasi:sockets/ip-name-lookup@0.2.0" (instance $wasi:sockets/ip-name-lookup@0.2.0 (;6;) (type $ty-wasi:sockets/ip-name-lookup@0.2.0)))
  (type $ty-wasi:sockets/tcp@0.2.0 (;11;)
    (instance
      (export (;0;) "tcp-socket" (type (sub resource)))
    )
  )
  (import "wasi:sockets/tcp@0.2.0" (instance $wasi:sockets/tcp@0.2.0 (;7;) (type $ty-wasi:sockets/tcp@0.2.0)))
  (alias export $wasi:sockets/network@0.2.0 "ip-address-family" (type $ip-address-family (;12;)))
  (alias export $wasi:sockets/tcp@0.2.0 "tcp-socket" (type $tcp-socket (;13;)))
  (alias export $wasi:sockets/network@0.2.0 "error-code" (type $"#type14 error-code" (@name "error-code") (;14;)))
  (type $ty-wasi:sockets/tcp-create-socket@0.2.0 (;15;)
    (instance
      (alias outer 1 $ip-address-family (type (;0;)))
      (export (;1;) "ip-address-family" (type (eq 0)))
      (alias outer 1 $tcp-socket (type (;2;)))
      (export (;3;) "tcp-socket" (type (eq 2)))
      (alias outer 1 $"#type14 error-code" (type (;4;)))
      (export (;5;) "error-code" (type (eq 4)))
      (type (;6;) (own 3))
      (type (;7;) (result 6 (error 5)))
      (type (;8;) (func (param "address-family" 1) (result 7)))
      (export (;0;) "create-tcp-socket" (func (type 8)))
    )
  )
  (import "wasi:sockets/tcp-create-socket@0.2.0" (instance $wasi:sockets/tcp-create-socket@0.2.0 (;8;) (type $ty-wasi:sockets/tcp-create-socket@0.2.0)))
  (alias export $wasi:filesystem/types@0.2.0 "error-code" (type $"#type16 error-code" (@name "error-code") (;16;)))
  (import "fs-error" (type $fs-error (;17;) (eq $"#type16 error-code")))
  (alias export $wasi:sockets/network@0.2.0 "error-code" (type $"#type18 error-code" (@name "error-code") (;18;)))
  (import "net-error" (type $net-error (;19;) (eq $"#type18 error-code")))
  (type (;20;) (func (param "n" u32)))
  (import "ping" (func $ping (;0;) (type 20)))
  ;; The core module: everything on i32s and linear memory.
  (core module $main (;0;)
    ;; wasi:clocks/wall-clock: now: func() -> datetime
    ;;   core: (retptr); host writes [seconds u64 @0, nanoseconds u32 @8]
    (import "wasi:clocks/wall-clock@0.2.0" "now" (func $wall-now (param i32)))
    ;; wasi:clocks/monotonic-clock: now: func() -> instant (u64)
    (import "wasi:clocks/monotonic-clock@0.2.0" "now" (func $monotonic-now (result i64)))
    ;; wasi:filesystem/preopens: get-directories: func() -> list<tuple<own<descriptor>, string>>
    ;;   core: (retptr); host writes [list.ptr @0, list.len @4]; each element is
    ;;   12 bytes: [descriptor handle @0, path.ptr @4, path.len @8]
    (import "wasi:filesystem/preopens@0.2.0" "get-directories" (func $get-directories (param i32)))
    ;; wasi:filesystem/types: [method]descriptor.open-at: func(self: borrow<descriptor>,
    ;;   path-flags: path-flags, path: string, open-flags: open-flags,
    ;;   %flags: descriptor-flags) -> result<descriptor, error-code>
    ;;   core: (handle, path-flags, path.ptr, path.len, open-flags, flags, retptr);
    ;;   host writes [case u8 @0 (0 ok, 1 err), descriptor handle or error-code u8 @4]
    (import "wasi:filesystem/types@0.2.0" "[method]descriptor.open-at"
      (func $open-at (param i32 i32 i32 i32 i32 i32 i32)))
    (import "wasi:filesystem/types@0.2.0" "[resource-drop]descriptor"
      (func $drop-descriptor (param i32)))
    ;; wasi:sockets/instance-network: instance-network: func() -> own<network>
    (import "wasi:sockets/instance-network@0.2.0" "instance-network"
      (func $instance-network (result i32)))
    (import "wasi:sockets/network@0.2.0" "[resource-drop]network"
      (func $drop-network (param i32)))
    ;; wasi:sockets/ip-name-lookup: resolve-addresses: func(network: borrow<network>,
    ;;   name: string) -> result<resolve-address-stream, error-code>
    ;;   core: (network, name.ptr, name.len, retptr); host writes
    ;;   [case u8 @0, stream handle or error-code u8 @4]
    (import "wasi:sockets/ip-name-lookup@0.2.0" "resolve-addresses"
      (func $resolve-addresses (param i32 i32 i32 i32)))
    (import "wasi:sockets/ip-name-lookup@0.2.0" "[resource-drop]resolve-address-stream"
      (func $drop-resolve-address-stream (param i32)))
    ;; wasi:sockets/tcp-create-socket: create-tcp-socket: func(address-family:
    ;;   ip-address-family) -> result<tcp-socket, error-code>
    ;;   core: (family (0 ipv4), retptr); host writes [case u8 @0, handle or error-code u8 @4]
    (import "wasi:sockets/tcp-create-socket@0.2.0" "create-tcp-socket"
      (func $create-tcp-socket (param i32 i32)))
    (import "wasi:sockets/tcp@0.2.0" "[resource-drop]tcp-socket"
      (func $drop-tcp-socket (param i32)))

    ;; ping: func(n: u32); core: (n)
    (import "$root" "ping" (func $ping (param i32)))

    (memory (export "memory") 1)
    ;; grown by table-bomb
    (table $bomb 0 funcref)

    ;; 64..80: the return area of the imports
    ;; 128..144: the return area of the exports

    ;; bump allocator for cabi_realloc
    (global $heap (mut i32) (i32.const 1024))

    (func $cabi_realloc (export "cabi_realloc")
      (param $old_ptr i32) (param $old_size i32) (param $align i32) (param $new_size i32)
      (result i32)
      (local $ptr i32) (local $end i32)
      (local.set $ptr
        (i32.and
          (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
          (i32.sub (i32.const 0) (local.get $align))))
      (local.set $end (i32.add (local.get $ptr) (local.get $new_size)))
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
      (memory.copy (local.get $ptr) (local.get $old_ptr)
        (select (local.get $old_size) (local.get $new_size)
          (i32.lt_u (local.get $old_size) (local.get $new_size))))
      (local.get $ptr))

    ;; recurse: func() -> u32; core: () -> u32. Never returns: each call adds a frame.
    (func $recurse (export "recurse") (result i32)
      (i32.add (call $recurse) (i32.const 1)))

    ;; table-bomb: func() -> u32; core: () -> elements
    (func (export "table-bomb") (result i32)
      (block $full
        (loop $more
          (br_if $full
            (i32.eq (table.grow $bomb (ref.null func) (i32.const 65536)) (i32.const -1)))
          (br $more)))
      (table.size $bomb))

    ;; chatter: func(times: u32); core: (times)
    (func (export "chatter") (param $times i32)
      (local $i i32)
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $times)))
          (call $ping (local.get $i))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next))))

    ;; clocks: func() -> tuple<u64, u64>
    ;;   core: () -> ptr to [seconds u64 @0, nanoseconds u64 @8]
    (func (export "clocks") (result i32)
      (call $wall-now (i32.const 64))
      (i64.store offset=0 (i32.const 128) (i64.load offset=0 (i32.const 64)))
      (i64.store offset=8 (i32.const 128) (call $monotonic-now))
      (i32.const 128))

    ;; Writes a result<_, E> (E an enum) to the export return area: the case
    ;; (0 ok, 1 err) of the import's result at 64, and its error-code.
    (func $result-from-import (result i32)
      (i32.store8 offset=0 (i32.const 128) (i32.load8_u offset=0 (i32.const 64)))
      (i32.store8 offset=1 (i32.const 128) (i32.load8_u offset=4 (i32.const 64)))
      (i32.const 128))

    ;; open: func(path: string) -> result<_, error-code>
    ;;   core: (path.ptr, path.len) -> ptr to [case u8 @0, error-code u8 @1]
    (func (export "open") (param $path i32) (param $len i32) (result i32)
      (local $list i32) (local $n i32) (local $i i32)
      (call $get-directories (i32.const 64))
      (local.set $list (i32.load offset=0 (i32.const 64)))
      (local.set $n (i32.load offset=4 (i32.const 64)))
      (if (i32.eqz (local.get $n))
        (then
          ;; err(bad-descriptor): no directory to open it in
          (i32.store8 offset=0 (i32.const 128) (i32.const 1))
          (i32.store8 offset=1 (i32.const 128) (i32.const 3))
          (return (i32.const 128))))
      ;; path-flags none, open-flags none, descriptor-flags read
      (call $open-at (i32.load offset=0 (local.get $list))
        (i32.const 0) (local.get $path) (local.get $len) (i32.const 0) (i32.const 1)
        (i32.const 64))
      (if (i32.eqz (i32.load8_u offset=0 (i32.const 64)))
        (then (call $drop-descriptor (i32.load offset=4 (i32.const 64)))))
      ;; drop every preopened directory's descriptor
      (block $done
        (loop $next
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (call $drop-descriptor
            (i32.load (i32.add (local.get $list) (i32.mul (local.get $i) (i32.const 12)))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (call $result-from-import))

    ;; socket: func() -> result<_, error-code>; core: () -> ptr as for open
    (func (export "socket") (result i32)
      (call $create-tcp-socket (i32.const 0) (i32.const 64))
      (if (i32.eqz (i32.load8_u offset=0 (i32.const 64)))
        (then (call $drop-tcp-socket (i32.load offset=4 (i32.const 64)))))
      (call $result-from-import))

    ;; lookup: func(name: string) -> result<_, error-code>
    ;;   core: (name.ptr, name.len) -> ptr as for open
    (func (export "lookup") (param $name i32) (param $len i32) (result i32)
      (local $network i32)
      (local.set $network (call $instance-network))
      (call $resolve-addresses (local.get $network) (local.get $name) (local.get $len)
        (i32.const 64))
      (if (i32.eqz (i32.load8_u offset=0 (i32.const 64)))
        (then (call $drop-resolve-address-stream (i32.load offset=4 (i32.const 64)))))
      (call $drop-network (local.get $network))
      (call $result-from-import))
    (@producers
      (processed-by "wit-component" "0.263.0")
    )
  )
  (core module $wit-component-shim-module (;1;)
    (type (;0;) (func (param i32)))
    (type (;1;) (func (param i32 i32 i32 i32 i32 i32 i32)))
    (type (;2;) (func (param i32 i32 i32 i32)))
    (type (;3;) (func (param i32 i32)))
    (table (;0;) 5 5 funcref)
    (export "0" (func $indirect-wasi:clocks/wall-clock@0.2.0-now))
    (export "1" (func $indirect-wasi:filesystem/preopens@0.2.0-get-directories))
    (export "2" (func $"indirect-wasi:filesystem/types@0.2.0-[method]descriptor.open-at"))
    (export "3" (func $indirect-wasi:sockets/ip-name-lookup@0.2.0-resolve-addresses))
    (export "4" (func $indirect-wasi:sockets/tcp-create-socket@0.2.0-create-tcp-socket))
    (export "$imports" (table 0))
    (func $indirect-wasi:clocks/wall-clock@0.2.0-now (;0;) (type 0) (param i32)
      local.get 0
      i32.const 0
      call_indirect (type 0)
    )
    (func $indirect-wasi:filesystem/preopens@0.2.0-get-directories (;1;) (type 0) (param i32)
      local.get 0
      i32.const 1
      call_indirect (type 0)
    )
    (func $"indirect-wasi:filesystem/types@0.2.0-[method]descriptor.open-at" (;2;) (type 1) (param i32 i32 i32 i32 i32 i32 i32)
      local.get 0
      local.get 1
      local.get 2
      local.get 3
      local.get 4
      local.get 5
      local.get 6
      i32.const 2
      call_indirect (type 1)
    )
    (func $indirect-wasi:sockets/ip-name-lookup@0.2.0-resolve-addresses (;3;) (type 2) (param i32 i32 i32 i32)
      local.get 0
      local.get 1
      local.get 2
      local.get 3
      i32.const 3
      call_indirect (type 2)
    )
    (func $indirect-wasi:sockets/tcp-create-socket@0.2.0-create-tcp-socket (;4;) (type 3) (param i32 i32)
      local.get 0
      local.get 1
      i32.const 4
      call_indirect (type 3)
    )
    (@producers
      (processed-by "wit-component" "0.263.0")
    )
  )
  (core instance $wit-component-shim-instance (;0;) (instantiate $wit-component-shim-module))
  (alias core export $wit-component-shim-instance "0" (core func $indirect-wasi:clocks/wall-clock@0.2.0-now (;0;)))
  (core instance $wasi:clocks/wall-clock@0.2.0 (;1;)
    (export "now" (func $indirect-wasi:clocks/wall-clock@0.2.0-now))
  )
  (alias export $wasi:clocks/monotonic-clock@0.2.0 "now" (func $now (;1;)))
  (core func $now (;1;) (canon lower (func $now)))
  (core instance $wasi:clocks/monotonic-clock@0.2.0 (;2;)
    (export "now" (func $now))
  )
  (alias core export $wit-component-shim-instance "1" (core func $indirect-wasi:filesystem/preopens@0.2.0-get-directories (;2;)))
  (core instance $wasi:filesystem/preopens@0.2.0 (;3;)
    (export "get-directories" (func $indirect-wasi:filesystem/preopens@0.2.0-get-directories))
  )
  (alias core export $wit-component-shim-instance "2" (core func $"indirect-wasi:filesystem/types@0.2.0-[method]descriptor.open-at" (;3;)))
  (alias export $wasi:filesystem/types@0.2.0 "descriptor" (type $"#type21 descriptor" (@name "descriptor") (;21;)))
  (core func $resource.drop (;4;) (canon resource.drop $"#type21 descriptor"))
  (core instance $wasi:filesystem/types@0.2.0 (;4;)
    (export "[method]descriptor.open-at" (func $"indirect-wasi:filesystem/types@0.2.0-[method]descriptor.open-at"))
    (export "[resource-drop]descriptor" (func $resource.drop))
  )
  (alias export $wasi:sockets/instance-network@0.2.0 "instance-network" (func $instance-network (;2;)))
  (core func $instance-network (;5;) (canon lower (func $instance-network)))
  (core instance $wasi:sockets/instance-network@0.2.0 (;5;)
    (export "instance-network" (func $instance-network))
  )
  (alias export $wasi:sockets/network@0.2.0 "network" (type $"#type22 network" (@name "network") (;22;)))
  (core func $"#core-func6 resource.drop" (@name "resource.drop") (;6;) (canon resource.drop $"#type22 network"))
  (core instance $wasi:sockets/network@0.2.0 (;6;)
    (export "[resource-drop]network" (func $"#core-func6 resource.drop"))
  )
  (alias core export $wit-component-shim-instance "3" (core func $indirect-wasi:sockets/ip-name-lookup@0.2.0-resolve-addresses (;7;)))
  (alias export $wasi:sockets/ip-name-lookup@0.2.0 "resolve-address-stream" (type $resolve-address-stream (;23;)))
  (core func $"#core-func8 resource.drop" (@name "resource.drop") (;8;) (canon resource.drop $resolve-address-stream))
  (core instance $wasi:sockets/ip-name-lookup@0.2.0 (;7;)
    (export "resolve-addresses" (func $indirect-wasi:sockets/ip-name-lookup@0.2.0-resolve-addresses))
    (export "[resource-drop]resolve-address-stream" (func $"#core-func8 resource.drop"))
  )
  (alias core export $wit-component-shim-instance "4" (core func $indirect-wasi:sockets/tcp-create-socket@0.2.0-create-tcp-socket (;9;)))
  (core instance $wasi:sockets/tcp-create-socket@0.2.0 (;8;)
    (export "create-tcp-socket" (func $indirect-wasi:sockets/tcp-create-socket@0.2.0-create-tcp-socket))
  )
  (alias export $wasi:sockets/tcp@0.2.0 "tcp-socket" (type $"#type24 tcp-socket" (@name "tcp-socket") (;24;)))
  (core func $"#core-func10 resource.drop" (@name "resource.drop") (;10;) (canon resource.drop $"#type24 tcp-socket"))
  (core instance $wasi:sockets/tcp@0.2.0 (;9;)
    (export "[resource-drop]tcp-socket" (func $"#core-func10 resource.drop"))
  )
  (core func $ping (;11;) (canon lower (func $ping)))
  (core instance $$root (;10;)
    (export "ping" (func $ping))
  )
  (core instance $main (;11;) (instantiate $main
      (with "wasi:clocks/wall-clock@0.2.0" (instance $wasi:clocks/wall-clock@0.2.0))
      (with "wasi:clocks/monotonic-clock@0.2.0" (instance $wasi:clocks/monotonic-clock@0.2.0))
      (with "wasi:filesystem/preopens@0.2.0" (instance $wasi:filesystem/preopens@0.2.0))
      (with "wasi:filesystem/types@0.2.0" (instance $wasi:filesystem/types@0.2.0))
      (with "wasi:sockets/instance-network@0.2.0" (instance $wasi:sockets/instance-network@0.2.0))
      (with "wasi:sockets/network@0.2.0" (instance $wasi:sockets/network@0.2.0))
      (with "wasi:sockets/ip-name-lookup@0.2.0" (instance $wasi:sockets/ip-name-lookup@0.2.0))
      (with "wasi:sockets/tcp-create-socket@0.2.0" (instance $wasi:sockets/tcp-create-socket@0.2.0))
      (with "wasi:sockets/tcp@0.2.0" (instance $wasi:sockets/tcp@0.2.0))
      (with "$root" (instance $$root))
    )
  )
  (alias core export $main "memory" (core memory $memory (;0;)))
  (core module $wit-component-fixup (;2;)
    (type (;0;) (func (param i32)))
    (type (;1;) (func (param i32 i32 i32 i32 i32 i32 i32)))
    (type (;2;) (func (param i32 i32 i32 i32)))
    (type (;3;) (func (param i32 i32)))
    (import "actual" "0" (func $0 (;0;) (type 0) (param i32)))
    (import "actual" "1" (func $1 (;1;) (type 0) (param i32)))
    (import "actual" "2" (func $2 (;2;) (type 1) (param i32 i32 i32 i32 i32 i32 i32)))
    (import "actual" "3" (func $3 (;3;) (type 2) (param i32 i32 i32 i32)))
    (import "actual" "4" (func $4 (;4;) (type 3) (param i32 i32)))
    (import "shim" "$imports" (table (;0;) 5 5 funcref))
    (elem (;0;) (i32.const 0) func $0 $1 $2 $3 $4)
    (@producers
      (processed-by "wit-component" "0.263.0")
    )
  )
  (alias export $wasi:clocks/wall-clock@0.2.0 "now" (func $"#func3 now" (@name "now") (;3;)))
  (core func $"#core-func12 indirect-wasi:clocks/wall-clock@0.2.0-now" (@name "indirect-wasi:clocks/wall-clock@0.2.0-now") (;12;) (canon lower (func $"#func3 now") (memory $memory)))
  (alias export $wasi:filesystem/preopens@0.2.0 "get-directories" (func $get-directories (;4;)))
  (alias core export $main "cabi_realloc" (core func $cabi_realloc (;13;)))
  (core func $"#core-func14 indirect-wasi:filesystem/preopens@0.2.0-get-directories" (@name "indirect-wasi:filesystem/preopens@0.2.0-get-directories") (;14;) (canon lower (func $get-directories) (memory $memory) (realloc $cabi_realloc) string-encoding=utf8))
  (alias export $wasi:filesystem/types@0.2.0 "[method]descriptor.open-at" (func $"[method]descriptor.open-at" (;5;)))
  (core func $"#core-func15 indirect-wasi:filesystem/types@0.2.0-[method]descriptor.open-at" (@name "indirect-wasi:filesystem/types@0.2.0-[method]descriptor.open-at") (;15;) (canon lower (func $"[method]descriptor.open-at") (memory $memory) string-encoding=utf8))
  (alias export $wasi:sockets/ip-name-lookup@0.2.0 "resolve-addresses" (func $resolve-addresses (;6;)))
  (core func $"#core-func16 indirect-wasi:sockets/ip-name-lookup@0.2.0-resolve-addresses" (@name "indirect-wasi:sockets/ip-name-lookup@0.2.0-resolve-addresses") (;16;) (canon lower (func $resolve-addresses) (memory $memory) string-encoding=utf8))
  (alias export $wasi:sockets/tcp-create-socket@0.2.0 "create-tcp-socket" (func $create-tcp-socket (;7;)))
  (core func $"#core-func17 indirect-wasi:sockets/tcp-create-socket@0.2.0-create-tcp-socket" (@name "indirect-wasi:sockets/tcp-create-socket@0.2.0-create-tcp-socket") (;17;) (canon lower (func $create-tcp-socket) (memory $memory)))
  (core instance $actual (;12;)
    (export "0" (func $"#core-func12 indirect-wasi:clocks/wall-clock@0.2.0-now"))
    (export "1" (func $"#core-func14 indirect-wasi:filesystem/preopens@0.2.0-get-directories"))
    (export "2" (func $"#core-func15 indirect-wasi:filesystem/types@0.2.0-[method]descriptor.open-at"))
    (export "3" (func $"#core-func16 indirect-wasi:sockets/ip-name-lookup@0.2.0-resolve-addresses"))
    (export "4" (func $"#core-func17 indirect-wasi:sockets/tcp-create-socket@0.2.0-create-tcp-socket"))
  )
  (core instance $fixup (;13;) (instantiate $wit-component-fixup
      (with "actual" (instance $actual))
      (with "shim" (instance $wit-component-shim-instance))
    )
  )
  (type (;25;) (func (result u32)))
  (alias core export $main "recurse" (core func $recurse (;18;)))
  (func $recurse (;8;) (type 25) (canon lift (core func $recurse)))
  (export $"#func9 recurse" (@name "recurse") (;9;) "recurse" (func $recurse))
  (alias core export $main "table-bomb" (core func $table-bomb (;19;)))
  (func $table-bomb (;10;) (type 25) (canon lift (core func $table-bomb)))
  (export $"#func11 table-bomb" (@name "table-bomb") (;11;) "table-bomb" (func $table-bomb))
  (type (;26;) (func (param "times" u32)))
  (alias core export $main "chatter" (core func $chatter (;20;)))
  (func $chatter (;12;) (type 26) (canon lift (core func $chatter)))
  (export $"#func13 chatter" (@name "chatter") (;13;) "chatter" (func $chatter))
  (type (;27;) (tuple u64 u64))
  (type (;28;) (func (result 27)))
  (alias core export $main "clocks" (core func $clocks (;21;)))
  (func $clocks (;14;) (type 28) (canon lift (core func $clocks) (memory $memory)))
  (export $"#func15 clocks" (@name "clocks") (;15;) "clocks" (func $clocks))
  (type (;29;) (result (error $fs-error)))
  (type (;30;) (func (param "path" string) (result 29)))
  (alias core export $main "open" (core func $open (;22;)))
  (func $open (;16;) (type 30) (canon lift (core func $open) (memory $memory) (realloc $cabi_realloc) string-encoding=utf8))
  (export $"#func17 open" (@name "open") (;17;) "open" (func $open))
  (type (;31;) (result (error $net-error)))
  (type (;32;) (func (result 31)))
  (alias core export $main "socket" (core func $socket (;23;)))
  (func $socket (;18;) (type 32) (canon lift (core func $socket) (memory $memory)))
  (export $"#func19 socket" (@name "socket") (;19;) "socket" (func $socket))
  (type (;33;) (func (param "name" string) (result 31)))
  (alias core export $main "lookup" (core func $lookup (;24;)))
  (func $lookup (;20;) (type 33) (canon lift (core func $lookup) (memory $memory) (realloc $cabi_realloc) string-encoding=utf8))
  (export $"#func21 lookup" (@name "lookup") (;21;) "lookup" (func $lookup))
  (@producers
    (processed-by "wit-component" "0.263.0")
  )
)
