(source_file [0, 0] - [78, 0]
  (doc_comment [0, 0] - [0, 52])
  (package_decl [1, 0] - [1, 43]
    name: (package_name [1, 8] - [1, 42]
      namespace: (identifier [1, 8] - [1, 12] "docs")
      name: (identifier [1, 13] - [1, 23] "constructs")
      version: (version [1, 24] - [1, 42] "1.2.3-rc.1+build.5")))
  (toplevel_use_item [3, 0] - [3, 42]
    path: (use_path [3, 4] - [3, 25]
      namespace: (identifier [3, 4] - [3, 8] "wasi")
      package: (identifier [3, 9] - [3, 11] "io")
      name: (identifier [3, 12] - [3, 19] "streams")
      version: (version [3, 20] - [3, 25] "0.2.0"))
    alias: (identifier [3, 29] - [3, 41] "wasi-streams"))
  (comment [5, 0] - [5, 59])
  (doc_comment [6, 0] - [6, 27])
  (interface_item [7, 0] - [51, 1]
    (since_gate [7, 0] - [7, 23]
      version: (version [7, 17] - [7, 22] "1.0.0"))
    name: (identifier [8, 10] - [8, 15] "types")
    body: (interface_body [8, 16] - [51, 1]
      (use_item [9, 2] - [9, 71]
        path: (use_path [9, 6] - [9, 34]
          namespace: (identifier [9, 6] - [9, 10] "wasi")
          package: (identifier [9, 11] - [9, 17] "clocks")
          name: (identifier [9, 18] - [9, 28] "wall-clock")
          version: (version [9, 29] - [9, 34] "0.2.0"))
        (use_name [9, 36] - [9, 44]
          name: (identifier [9, 36] - [9, 44] "datetime"))
        (use_name [9, 46] - [9, 69]
          name: (identifier [9, 46] - [9, 53] "instant")
          alias: (identifier [9, 57] - [9, 69] "wall-instant")))
      (type_alias [11, 2] - [12, 16]
        (unstable_gate [11, 2] - [11, 28]
          feature: (identifier [11, 22] - [11, 27] "fancy"))
        name: (identifier [12, 7] - [12, 9] "id")
        type: (primitive_type [12, 12] - [12, 15] "u64"))
      (type_alias [13, 2] - [13, 24]
        name: (identifier [13, 7] - [13, 12] "bytes")
        type: (list_type [13, 15] - [13, 23]
          element: (primitive_type [13, 20] - [13, 22] "u8")))
      (type_alias [14, 2] - [14, 25]
        name: (identifier [14, 7] - [14, 10] "rgb")
        type: (list_type [14, 13] - [14, 24]
          element: (primitive_type [14, 18] - [14, 20] "u8")
          length: (integer [14, 22] - [14, 23] "3")))
      (type_alias [15, 2] - [15, 40]
        name: (identifier [15, 7] - [15, 12] "table")
        type: (map_type [15, 15] - [15, 39]
          key: (primitive_type [15, 19] - [15, 25] "string")
          value: (option_type [15, 27] - [15, 38]
            type: (primitive_type [15, 34] - [15, 37] "s32"))))
      (type_alias [16, 2] - [16, 50]
        name: (identifier [16, 7] - [16, 11] "pair")
        type: (tuple_type [16, 14] - [16, 49]
          element: (primitive_type [16, 20] - [16, 23] "f32")
          element: (primitive_type [16, 25] - [16, 28] "f64")
          element: (primitive_type [16, 30] - [16, 34] "char")
          element: (primitive_type [16, 36] - [16, 40] "bool")
          element: (primitive_type [16, 42] - [16, 48] "string")))
      (type_alias [17, 2] - [17, 22]
        name: (identifier [17, 7] - [17, 12] "plain")
        type: (result_type [17, 15] - [17, 21] "result"))
      (type_alias [18, 2] - [18, 29]
        name: (identifier [18, 7] - [18, 14] "only-ok")
        type: (result_type [18, 17] - [18, 28]
          ok: (primitive_type [18, 24] - [18, 27] "u16")))
      (type_alias [19, 2] - [19, 41]
        name: (identifier [19, 7] - [19, 11] "both")
        type: (result_type [19, 14] - [19, 40]
          ok: (primitive_type [19, 21] - [19, 24] "u32")
          err: (primitive_type [19, 26] - [19, 39] "error-context")))
      (type_alias [20, 2] - [20, 32]
        name: (identifier [20, 7] - [20, 15] "only-err")
        type: (result_type [20, 18] - [20, 31]
          err: (primitive_type [20, 28] - [20, 30] "s8")))
      (type_alias [21, 2] - [21, 25]
        name: (identifier [21, 7] - [21, 15] "eventual")
        type: (future_type [21, 18] - [21, 24] "future"))
      (type_alias [22, 2] - [22, 38]
        name: (identifier [22, 7] - [22, 21] "eventual-bytes")
        type: (future_type [22, 24] - [22, 37]
          type: (named_type [22, 31] - [22, 36]
            name: (identifier [22, 31] - [22, 36] "bytes"))))
      (type_alias [23, 2] - [23, 23]
        name: (identifier [23, 7] - [23, 13] "events")
        type: (stream_type [23, 16] - [23, 22] "stream"))
      (type_alias [24, 2] - [24, 32]
        name: (identifier [24, 7] - [24, 18] "byte-stream")
        type: (stream_type [24, 21] - [24, 31]
          type: (primitive_type [24, 28] - [24, 30] "u8")))
      (record_item [26, 2] - [30, 3]
        name: (identifier [26, 9] - [26, 14] "point")
        body: (record_body [26, 15] - [30, 3]
          (doc_comment [27, 4] - [27, 34])
          (record_field [28, 4] - [28, 10]
            name: (identifier [28, 4] - [28, 5] "x")
            type: (primitive_type [28, 7] - [28, 10] "s16"))
          (record_field [29, 4] - [29, 16]
            name: (identifier [29, 4] - [29, 11] "version")
            type: (primitive_type [29, 13] - [29, 16] "s64"))))
      (variant_item [32, 2] - [32, 37]
        name: (identifier [32, 10] - [32, 15] "shape")
        body: (variant_body [32, 16] - [32, 37]
          (variant_case [32, 18] - [32, 29]
            name: (identifier [32, 18] - [32, 24] "circle")
            type: (primitive_type [32, 25] - [32, 28] "f32"))
          (variant_case [32, 31] - [32, 34]
            name: (identifier [32, 31] - [32, 34] "dot"))))
      (enum_item [33, 2] - [33, 27]
        name: (identifier [33, 7] - [33, 12] "color")
        body: (enum_body [33, 13] - [33, 27]
          (enum_case [33, 15] - [33, 18]
            name: (identifier [33, 15] - [33, 18] "red"))
          (enum_case [33, 20] - [33, 25]
            name: (identifier [33, 20] - [33, 25] "green"))))
      (flags_item [34, 2] - [34, 30]
        name: (identifier [34, 8] - [34, 14] "access")
        body: (flags_body [34, 15] - [34, 30]
          (flag [34, 17] - [34, 21]
            name: (identifier [34, 17] - [34, 21] "read"))
          (flag [34, 23] - [34, 28]
            name: (identifier [34, 23] - [34, 28] "write"))))
      (resource_item [36, 2] - [45, 3]
        (deprecated_gate [36, 2] - [36, 30]
          version: (version [36, 24] - [36, 29] "1.1.0"))
        name: (identifier [37, 11] - [37, 15] "blob")
        body: (resource_body [37, 16] - [45, 3]
          (constructor_item [38, 4] - [38, 56]
            params: (param_list [38, 15] - [38, 31]
              (param [38, 16] - [38, 30]
                name: (identifier [38, 16] - [38, 20] "init")
                type: (list_type [38, 22] - [38, 30]
                  element: (primitive_type [38, 27] - [38, 29] "u8"))))
            result: (result_list [38, 32] - [38, 55]
              type: (result_type [38, 35] - [38, 55]
                ok: (named_type [38, 42] - [38, 46]
                  name: (identifier [38, 42] - [38, 46] "blob"))
                err: (primitive_type [38, 48] - [38, 54] "string"))))
          (method_item [39, 4] - [39, 37]
            name: (identifier [39, 4] - [39, 9] "write")
            type: (func_type [39, 11] - [39, 36]
              params: (param_list [39, 15] - [39, 36]
                (param [39, 16] - [39, 35]
                  name: (identifier [39, 16] - [39, 21] "bytes")
                  type: (borrow_type [39, 23] - [39, 35]
                    resource: (identifier [39, 30] - [39, 34] "blob"))))))
          (method_item [40, 4] - [40, 42]
            name: (identifier [40, 4] - [40, 8] "read")
            type: (func_type [40, 10] - [40, 41]
              async: "async"
              params: (param_list [40, 20] - [40, 28]
                (param [40, 21] - [40, 27]
                  name: (identifier [40, 21] - [40, 22] "n")
                  type: (primitive_type [40, 24] - [40, 27] "u32")))
              result: (result_list [40, 29] - [40, 41]
                type: (own_type [40, 32] - [40, 41]
                  resource: (identifier [40, 36] - [40, 40] "blob")))))
          (method_item [41, 4] - [41, 23]
            name: (identifier [41, 4] - [41, 8] "size")
            type: (func_type [41, 10] - [41, 22]
              accessor: "get"
              params: (param_list [41, 13] - [41, 15])
              result: (result_list [41, 16] - [41, 22]
                type: (primitive_type [41, 19] - [41, 22] "u64"))))
          (method_item [42, 4] - [42, 26]
            name: (identifier [42, 4] - [42, 8] "size")
            type: (func_type [42, 10] - [42, 25]
              accessor: "set"
              params: (param_list [42, 13] - [42, 25]
                (param [42, 14] - [42, 24]
                  name: (identifier [42, 14] - [42, 19] "value")
                  type: (primitive_type [42, 21] - [42, 24] "u64")))))
          (method_item [43, 4] - [43, 32]
            name: (identifier [43, 4] - [43, 8] "open")
            static: "static"
            type: (func_type [43, 17] - [43, 31]
              params: (param_list [43, 21] - [43, 23])
              result: (result_list [43, 24] - [43, 31]
                type: (named_type [43, 27] - [43, 31]
                  name: (identifier [43, 27] - [43, 31] "blob")))))
          (method_item [44, 4] - [44, 31]
            name: (identifier [44, 4] - [44, 9] "limit")
            static: "static"
            type: (func_type [44, 18] - [44, 30]
              accessor: "get"
              params: (param_list [44, 21] - [44, 23])
              result: (result_list [44, 24] - [44, 30]
                type: (primitive_type [44, 27] - [44, 30] "u32"))))))
      (resource_item [46, 2] - [46, 18]
        name: (identifier [46, 11] - [46, 17] "handle"))
      (func_item [48, 2] - [49, 48]
        (external_id_attribute [48, 2] - [48, 44]
          id: (string [48, 15] - [48, 43] "\"docs:constructs/types#make\""))
        name: (identifier [49, 2] - [49, 6] "make")
        type: (func_type [49, 8] - [49, 47]
          params: (param_list [49, 12] - [49, 41]
            (param [49, 13] - [49, 31]
              name: (identifier [49, 13] - [49, 23] "%interface")
              type: (primitive_type [49, 25] - [49, 31] "string"))
            (param [49, 33] - [49, 40]
              name: (identifier [49, 33] - [49, 36] "get")
              type: (primitive_type [49, 38] - [49, 40] "u8")))
          result: (result_list [49, 42] - [49, 47]
            type: (named_type [49, 45] - [49, 47]
              name: (identifier [49, 45] - [49, 47] "id")))))
      (func_item [50, 2] - [50, 21]
        name: (identifier [50, 2] - [50, 6] "wait")
        type: (func_type [50, 8] - [50, 20]
          async: "async"
          params: (param_list [50, 18] - [50, 20])))))
  (world_item [53, 0] - [69, 1]
    name: (identifier [53, 6] - [53, 12] "runner")
    body: (world_body [53, 13] - [69, 1]
      (import_item [54, 2] - [54, 15]
        path: (use_path [54, 9] - [54, 14]
          name: (identifier [54, 9] - [54, 14] "types")))
      (import_item [55, 2] - [55, 36]
        path: (use_path [55, 9] - [55, 35]
          namespace: (identifier [55, 9] - [55, 13] "wasi")
          package: (identifier [55, 14] - [55, 17] "cli")
          name: (identifier [55, 18] - [55, 29] "environment")
          version: (version [55, 30] - [55, 35] "0.2.0")))
      (import_item [56, 2] - [58, 3]
        name: (identifier [56, 9] - [56, 15] "logger")
        body: (interface_body [56, 27] - [58, 3]
          (func_item [57, 4] - [57, 31]
            name: (identifier [57, 4] - [57, 7] "log")
            type: (func_type [57, 9] - [57, 30]
              params: (param_list [57, 13] - [57, 30]
                (param [57, 14] - [57, 29]
                  name: (identifier [57, 14] - [57, 21] "message")
                  type: (primitive_type [57, 23] - [57, 29] "string")))))))
      (import_item [59, 2] - [59, 50]
        name: (identifier [59, 9] - [59, 14] "clock")
        path: (use_path [59, 16] - [59, 49]
          namespace: (identifier [59, 16] - [59, 20] "wasi")
          package: (identifier [59, 21] - [59, 27] "clocks")
          name: (identifier [59, 28] - [59, 43] "monotonic-clock")
          version: (version [59, 44] - [59, 49] "0.2.0")))
      (import_item [60, 2] - [60, 22]
        name: (identifier [60, 9] - [60, 14] "local")
        path: (use_path [60, 16] - [60, 21]
          name: (identifier [60, 16] - [60, 21] "types")))
      (import_item [61, 2] - [61, 28]
        name: (identifier [61, 9] - [61, 12] "now")
        type: (func_type [61, 14] - [61, 27]
          params: (param_list [61, 18] - [61, 20])
          result: (result_list [61, 21] - [61, 27]
            type: (primitive_type [61, 24] - [61, 27] "u64"))))
      (import_item [62, 2] - [62, 28]
        name: (identifier [62, 9] - [62, 14] "level")
        type: (func_type [62, 16] - [62, 27]
          accessor: "get"
          params: (param_list [62, 19] - [62, 21])
          result: (result_list [62, 22] - [62, 27]
            type: (primitive_type [62, 25] - [62, 27] "u8"))))
      (export_item [63, 2] - [63, 37]
        name: (identifier [63, 9] - [63, 12] "run")
        type: (func_type [63, 14] - [63, 36]
          async: "async"
          params: (param_list [63, 24] - [63, 26])
          result: (result_list [63, 27] - [63, 36]
            type: (result_type [63, 30] - [63, 36] "result"))))
      (use_item [64, 2] - [64, 20]
        path: (use_path [64, 6] - [64, 11]
          name: (identifier [64, 6] - [64, 11] "types"))
        (use_name [64, 13] - [64, 18]
          name: (identifier [64, 13] - [64, 18] "point")))
      (type_alias [65, 2] - [65, 21]
        name: (identifier [65, 7] - [65, 12] "alias")
        type: (named_type [65, 15] - [65, 20]
          name: (identifier [65, 15] - [65, 20] "point")))
      (include_item [66, 2] - [66, 37]
        path: (use_path [66, 10] - [66, 14]
          name: (identifier [66, 10] - [66, 14] "base"))
        names: (include_names [66, 20] - [66, 37]
          (include_name [66, 22] - [66, 34]
            name: (identifier [66, 22] - [66, 25] "run")
            alias: (identifier [66, 29] - [66, 34] "start"))))
      (include_item [67, 2] - [68, 15]
        (since_gate [67, 2] - [67, 25]
          version: (version [67, 19] - [67, 24] "1.0.0"))
        path: (use_path [68, 10] - [68, 14]
          name: (identifier [68, 10] - [68, 14] "base")))))
  (world_item [71, 0] - [73, 1]
    name: (identifier [71, 6] - [71, 10] "base")
    body: (world_body [71, 11] - [73, 1]
      (export_item [72, 2] - [72, 21]
        name: (identifier [72, 9] - [72, 12] "run")
        type: (func_type [72, 14] - [72, 20]
          params: (param_list [72, 18] - [72, 20])))))
  (nested_package [75, 0] - [77, 1]
    name: (package_name [75, 8] - [75, 19]
      namespace: (identifier [75, 8] - [75, 12] "docs")
      name: (identifier [75, 13] - [75, 19] "nested"))
    body: (package_body [75, 20] - [77, 1]
      (interface_item [76, 2] - [76, 20]
        name: (identifier [76, 12] - [76, 17] "inner")
        body: (interface_body [76, 18] - [76, 20])))))
