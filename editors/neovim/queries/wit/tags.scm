; Tags (code navigation) for WIT, following tree-sitter's tagging conventions.
; Doc comments directly above a definition become its `@doc`.

; Packages
; --------

(package_decl
  name: (package_name) @name) @definition.namespace

(nested_package
  name: (package_name) @name) @definition.namespace

; Interfaces and worlds
; ---------------------

(
  (doc_comment)* @doc
  .
  (interface_item
    name: (identifier) @name) @definition.interface
  (#strip! @doc "^///\\s?|^/\\*\\*\\s*|\\s*\\*/$")
  (#select-adjacent! @doc @definition.interface)
)

(
  (doc_comment)* @doc
  .
  (world_item
    name: (identifier) @name) @definition.module
  (#strip! @doc "^///\\s?|^/\\*\\*\\s*|\\s*\\*/$")
  (#select-adjacent! @doc @definition.module)
)

; `import name: interface { ... }`
(
  (doc_comment)* @doc
  .
  [
    (import_item
      name: (identifier) @name
      body: (interface_body))
    (export_item
      name: (identifier) @name
      body: (interface_body))
  ] @definition.interface
  (#strip! @doc "^///\\s?|^/\\*\\*\\s*|\\s*\\*/$")
  (#select-adjacent! @doc @definition.interface)
)

; Type definitions
; ----------------

(
  (doc_comment)* @doc
  .
  [
    (type_alias
      name: (identifier) @name)
    (record_item
      name: (identifier) @name)
    (variant_item
      name: (identifier) @name)
    (enum_item
      name: (identifier) @name)
    (flags_item
      name: (identifier) @name)
  ] @definition.type
  (#strip! @doc "^///\\s?|^/\\*\\*\\s*|\\s*\\*/$")
  (#select-adjacent! @doc @definition.type)
)

(
  (doc_comment)* @doc
  .
  (resource_item
    name: (identifier) @name) @definition.class
  (#strip! @doc "^///\\s?|^/\\*\\*\\s*|\\s*\\*/$")
  (#select-adjacent! @doc @definition.class)
)

; Functions
; ---------

(
  (doc_comment)* @doc
  .
  [
    (func_item
      name: (identifier) @name)
    (import_item
      name: (identifier) @name
      type: (func_type))
    (export_item
      name: (identifier) @name
      type: (func_type))
  ] @definition.function
  (#strip! @doc "^///\\s?|^/\\*\\*\\s*|\\s*\\*/$")
  (#select-adjacent! @doc @definition.function)
)

(
  (doc_comment)* @doc
  .
  [
    (method_item
      name: (identifier) @name)
    (constructor_item
      "constructor" @name)
  ] @definition.method
  (#strip! @doc "^///\\s?|^/\\*\\*\\s*|\\s*\\*/$")
  (#select-adjacent! @doc @definition.method)
)

; References
; ----------

(named_type
  name: (identifier) @name) @reference.type

(borrow_type
  resource: (identifier) @name) @reference.type

(own_type
  resource: (identifier) @name) @reference.type

(use_name
  name: (identifier) @name) @reference.type

; Interfaces named by `use`, `import` and `export`, and worlds by `include`.
(use_item
  path: (use_path
    name: (identifier) @name) @reference.interface)

(toplevel_use_item
  path: (use_path
    name: (identifier) @name) @reference.interface)

(import_item
  path: (use_path
    name: (identifier) @name) @reference.interface)

(export_item
  path: (use_path
    name: (identifier) @name) @reference.interface)

(include_item
  path: (use_path
    name: (identifier) @name) @reference.module)
