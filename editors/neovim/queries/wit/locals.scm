; Scopes, definitions and references for WIT.
;
; Capture names are the plain `@local.scope`, `@local.definition` and
; `@local.reference` understood by tree-sitter-highlight, tree-sitter-tags
; (which rejects `@local.definition.<kind>`) and Neovim.
;
; Only names that can be referred to are defined: interfaces and worlds (in
; the package scope) and types (in their interface or world body). Functions,
; parameters and record fields are left out on purpose: WIT keeps them apart
; from type names, and `write: func(bytes: bytes)` or `record r { point: point }`
; would otherwise resolve the type `bytes` or `point` to the parameter or field.
; tree-sitter-highlight gives a resolved reference the highlight of its
; definition, so a use of a type defined in the same file is `@type.definition`.

; Scopes
; ------

[
  (source_file)
  (package_body)
  (interface_body)
  (world_body)
  (resource_body)
] @local.scope

; Definitions
; -----------

(interface_item
  name: (identifier) @local.definition)

(world_item
  name: (identifier) @local.definition)

(toplevel_use_item
  alias: (identifier) @local.definition)

; `use a:b/c;` defines `c`.
(toplevel_use_item
  path: (use_path
    package: (identifier)
    name: (identifier) @local.definition)
  !alias)

(type_alias
  name: (identifier) @local.definition)

(record_item
  name: (identifier) @local.definition)

(variant_item
  name: (identifier) @local.definition)

(enum_item
  name: (identifier) @local.definition)

(flags_item
  name: (identifier) @local.definition)

(resource_item
  name: (identifier) @local.definition)

; `use iface.{a, b as c}` defines `a` and `c`.
(use_name
  name: (identifier) @local.definition
  !alias)

(use_name
  alias: (identifier) @local.definition)

; References
; ----------

(named_type
  name: (identifier) @local.reference)

(borrow_type
  resource: (identifier) @local.reference)

(own_type
  resource: (identifier) @local.reference)

; A path that is a single name refers to an interface or world of this package
; (`use types.{t}`, `import types;`, `include base;`).
(toplevel_use_item
  path: (use_path
    !package
    name: (identifier) @local.reference))

(use_item
  path: (use_path
    !package
    name: (identifier) @local.reference))

(import_item
  path: (use_path
    !package
    name: (identifier) @local.reference))

(export_item
  path: (use_path
    !package
    name: (identifier) @local.reference))

(include_item
  path: (use_path
    !package
    name: (identifier) @local.reference))
