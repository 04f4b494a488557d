; Scopes, definitions and references for WIT (nvim-treesitter conventions).
;
; Names of interfaces and worlds live in the package scope; type definitions,
; `use` imports and functions in the scope of their interface or world body;
; methods in their resource body; parameters in their parameter list.

; Scopes
; ------

[
  (source_file)
  (package_body)
  (interface_body)
  (world_body)
  (resource_body)
  (param_list)
] @local.scope

; Definitions
; -----------

(interface_item
  name: (identifier) @local.definition.namespace)

(world_item
  name: (identifier) @local.definition.namespace)

(toplevel_use_item
  alias: (identifier) @local.definition.namespace)

(toplevel_use_item
  path: (use_path
    name: (identifier) @local.definition.namespace)
  !alias)

(type_alias
  name: (identifier) @local.definition.type)

(record_item
  name: (identifier) @local.definition.type)

(variant_item
  name: (identifier) @local.definition.type)

(enum_item
  name: (identifier) @local.definition.type)

(flags_item
  name: (identifier) @local.definition.type)

(resource_item
  name: (identifier) @local.definition.type)

; `use iface.{a, b as c}` defines `a` and `c`.
(use_name
  name: (identifier) @local.definition.import
  !alias)

(use_name
  alias: (identifier) @local.definition.import)

(func_item
  name: (identifier) @local.definition.function)

(import_item
  name: (identifier) @local.definition.function
  type: (func_type))

(export_item
  name: (identifier) @local.definition.function
  type: (func_type))

(import_item
  name: (identifier) @local.definition.namespace
  !type)

(export_item
  name: (identifier) @local.definition.namespace
  !type)

(method_item
  name: (identifier) @local.definition.method)

(param
  name: (identifier) @local.definition.parameter)

(record_field
  name: (identifier) @local.definition.field)

; References
; ----------

(named_type
  name: (identifier) @local.reference)

(borrow_type
  resource: (identifier) @local.reference)

(own_type
  resource: (identifier) @local.reference)

; A path that is a single name refers to an interface or world of this package
; (`use types.{t}`, `import types;`, `include base;`), except in a top-level
; `use`, where it is the definition above.
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
