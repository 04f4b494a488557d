; Syntax highlighting for WIT.
;
; Capture names follow the nvim-treesitter conventions; tree-sitter-highlight
; (`tree-sitter highlight`) falls back to the longest prefix its theme knows
; (`keyword.import` -> `keyword`). Every node gets at most one capture, so the
; result does not depend on whether the first (tree-sitter-highlight) or the
; last (Neovim) matching pattern wins.

; Keywords
; --------

[
  "type"
  "record"
  "variant"
  "enum"
  "flags"
  "resource"
  "interface"
  "world"
] @keyword.type

[
  "package"
  "use"
  "import"
  "export"
  "include"
] @keyword.import

[
  "as"
  "with"
] @keyword

[
  "func"
  "get"
  "set"
] @keyword.function

"async" @keyword.coroutine

"static" @keyword.modifier

(constructor_item
  "constructor" @constructor)

; Attributes and feature gates
; ----------------------------

(since_gate
  [
    "@"
    "since"
  ] @attribute)

(unstable_gate
  [
    "@"
    "unstable"
  ] @attribute)

(deprecated_gate
  [
    "@"
    "deprecated"
  ] @attribute)

(external_id_attribute
  [
    "@"
    "external-id"
  ] @attribute)

[
  "version"
  "feature"
] @variable.parameter

(unstable_gate
  feature: (identifier) @constant)

; Packages, interfaces and worlds
; -------------------------------

(package_name
  namespace: (identifier) @module
  name: (identifier) @module)

(use_path
  namespace: (identifier) @module
  package: (identifier) @module)

(use_path
  name: (identifier) @module)

(toplevel_use_item
  alias: (identifier) @module)

(interface_item
  name: (identifier) @module)

(world_item
  name: (identifier) @module)

; `import name: interface { ... }` and `import label: path;`
(import_item
  name: (identifier) @module
  !type)

(export_item
  name: (identifier) @module
  !type)

(include_name
  name: (identifier) @variable
  alias: (identifier) @variable)

; Functions
; ---------

(func_item
  name: (identifier) @function)

(import_item
  name: (identifier) @function
  type: (func_type))

(export_item
  name: (identifier) @function
  type: (func_type))

(method_item
  name: (identifier) @function.method)

(param
  name: (identifier) @variable.parameter)

; Types
; -----

(type_alias
  name: (identifier) @type.definition)

(record_item
  name: (identifier) @type.definition)

(variant_item
  name: (identifier) @type.definition)

(enum_item
  name: (identifier) @type.definition)

(flags_item
  name: (identifier) @type.definition)

(resource_item
  name: (identifier) @type.definition)

(use_name
  name: (identifier) @type)

(use_name
  alias: (identifier) @type.definition)

(named_type
  name: (identifier) @type)

(borrow_type
  resource: (identifier) @type)

(own_type
  resource: (identifier) @type)

(primitive_type) @type.builtin

[
  "list"
  "map"
  "option"
  "result"
  "tuple"
  "future"
  "stream"
  "borrow"
  "own"
] @type.builtin

; The `_` of `result<_, E>`.
"_" @character.special

(record_field
  name: (identifier) @property)

(variant_case
  name: (identifier) @constant)

(enum_case
  name: (identifier) @constant)

(flag
  name: (identifier) @constant)

; Literals
; --------

(version) @string.special

(integer) @number

(string) @string

; Comments
; --------

(comment) @comment

(doc_comment) @comment.documentation

; Operators and punctuation
; -------------------------

[
  "="
  "->"
] @operator

[
  "("
  ")"
  "{"
  "}"
  "<"
  ">"
] @punctuation.bracket

[
  ","
  ";"
  ":"
  "."
  "/"
] @punctuation.delimiter

; The `@` before a version, as in `a:b/c@1.0.0`.
(package_name
  "@" @punctuation.delimiter)

(use_path
  "@" @punctuation.delimiter)
