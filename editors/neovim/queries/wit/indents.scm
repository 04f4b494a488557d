; Indentation for WIT (nvim-treesitter conventions).

; The contents of every `{ }` body, `( )` parameter list and `< >` type list
; are indented one level. (Whole items are not: their attributes come first and
; would make the item line look like a continuation.)
[
  (package_body)
  (interface_body)
  (world_body)
  (resource_body)
  (record_body)
  (variant_body)
  (enum_body)
  (flags_body)
  (include_names)
  (param_list)
  (list_type)
  (map_type)
  (option_type)
  (result_type)
  (tuple_type)
  (future_type)
  (stream_type)
  (borrow_type)
  (own_type)
] @indent.begin

; A closing bracket at the start of a line goes back to the opening line's
; level and ends the indented block.
[
  "}"
  ")"
  ">"
] @indent.branch @indent.end

; Keep the text inside block comments where the author put it.
[
  (comment)
  (doc_comment)
] @indent.auto
