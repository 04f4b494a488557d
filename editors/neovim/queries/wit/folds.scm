; Folding ranges for WIT: every bracketed body or list, and comments. Editors
; only fold nodes that span several lines.

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
  (use_item)
  (comment)
  (doc_comment)
] @fold
