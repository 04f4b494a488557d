/**
 * @file Tree-sitter grammar for WIT, the interface language of the WebAssembly
 * Component Model, following the syntax accepted by wit-parser 0.263.
 * @license Apache-2.0 WITH LLVM-exception
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

// An identifier as wit-parser validates it: dash-separated parts, each all
// lowercase or all uppercase (digits anywhere, but a word starts with a
// letter), optionally `%`-escaped so that keywords can be used as names.
const IDENTIFIER = /%?([a-z][0-9a-z]*|[A-Z][0-9A-Z]*)(-([0-9a-z]+|[0-9A-Z]+))*/;

// Semantic versions: `MAJOR.MINOR.PATCH[-pre.release][+build.meta]`. A `.` that
// is not followed by an identifier character stays a separate token, so that
// `use a:b/c@1.0.0-rc.{x}` lexes as WIT expects.
const NUMERIC = /0|[1-9][0-9]*/.source;
const SEMVER_IDS = /[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*/.source;
const VERSION = new RegExp(
  `(${NUMERIC})\\.(${NUMERIC})\\.(${NUMERIC})(-${SEMVER_IDS})?(\\+${SEMVER_IDS})?`,
);

/**
 * A comma-separated list with an optional trailing comma; may be empty.
 * @param {RuleOrLiteral} rule
 */
function commaList(rule) {
  return optional(seq(rule, repeat(seq(',', rule)), optional(',')));
}

module.exports = grammar({
  name: 'wit',

  word: $ => $.identifier,

  // Whitespace as wit-parser lexes it: a lone carriage return is an error.
  extras: $ => [/[ \t]|\r?\n|\uFEFF/, $.comment, $.doc_comment],

  externals: $ => [$.comment, $.doc_comment],

  supertypes: $ => [$._type],

  inline: $ => [$._path_start],

  rules: {
    source_file: $ => seq(
      optional($.package_decl),
      repeat($._toplevel_item),
    ),

    package_decl: $ => seq('package', field('name', $.package_name), ';'),

    package_name: $ => seq(
      field('namespace', $.identifier),
      ':',
      field('name', $.identifier),
      optional(seq('@', field('version', $.version))),
    ),

    _toplevel_item: $ => choice(
      $.interface_item,
      $.world_item,
      $.toplevel_use_item,
      $.nested_package,
    ),

    nested_package: $ => seq(
      repeat($._attribute),
      'package',
      field('name', $.package_name),
      field('body', $.package_body),
    ),

    package_body: $ => seq('{', repeat($._toplevel_item), '}'),

    toplevel_use_item: $ => seq(
      repeat($._attribute),
      'use',
      field('path', $.use_path),
      optional(seq('as', field('alias', $.identifier))),
      ';',
    ),

    use_path: $ => choice(
      field('name', $._path_start),
      seq(
        field('namespace', $._path_start),
        ':',
        field('package', $.identifier),
        '/',
        field('name', $.identifier),
        optional(seq('@', field('version', $.version))),
      ),
    ),

    // `get` and `set` are words like any other, but after `import x:` the
    // lexer takes them for the accessor keywords; a path may still start
    // there, and so may an import's name (the lexer cannot tell it from a path).
    _path_start: $ => choice($.identifier, alias(choice('get', 'set'), $.identifier)),

    // ---- attributes and feature gates ----------------------------------

    // Every item takes the same attribute list, as in wit-parser, which then
    // rejects `@external-id` on interfaces, worlds and `include`, and any
    // attribute on a nested package; the syntax layer reports those.
    _attribute: $ => choice(
      $.since_gate,
      $.unstable_gate,
      $.deprecated_gate,
      $.external_id_attribute,
    ),

    since_gate: $ => seq(
      '@', 'since', '(', 'version', '=', field('version', $.version), ')',
    ),

    unstable_gate: $ => seq(
      '@', 'unstable', '(', 'feature', '=', field('feature', $.identifier), ')',
    ),

    deprecated_gate: $ => seq(
      '@', 'deprecated', '(', 'version', '=', field('version', $.version), ')',
    ),

    external_id_attribute: $ => seq(
      '@', 'external-id', '(', field('id', $.string), ')',
    ),

    // ---- interfaces ----------------------------------------------------

    interface_item: $ => seq(
      repeat($._attribute),
      'interface',
      field('name', $.identifier),
      field('body', $.interface_body),
    ),

    interface_body: $ => seq('{', repeat($._interface_member), '}'),

    _interface_member: $ => choice(
      $._typedef,
      $.func_item,
      $.use_item,
    ),

    func_item: $ => seq(
      repeat($._attribute),
      field('name', $.identifier),
      ':',
      field('type', $.func_type),
      ';',
    ),

    func_type: $ => seq(
      choice(
        seq(optional(field('async', 'async')), 'func'),
        field('accessor', choice('get', 'set')),
      ),
      field('params', $.param_list),
      optional(field('result', $.result_list)),
    ),

    param_list: $ => seq('(', commaList($.param), ')'),

    param: $ => seq(field('name', $.identifier), ':', field('type', $._type)),

    result_list: $ => seq('->', field('type', $._type)),

    use_item: $ => seq(
      repeat($._attribute),
      'use',
      field('path', $.use_path),
      '.',
      '{',
      commaList($.use_name),
      '}',
      ';',
    ),

    use_name: $ => seq(
      field('name', $.identifier),
      optional(seq('as', field('alias', $.identifier))),
    ),

    // ---- type definitions ----------------------------------------------

    _typedef: $ => choice(
      $.type_alias,
      $.record_item,
      $.variant_item,
      $.enum_item,
      $.flags_item,
      $.resource_item,
    ),

    type_alias: $ => seq(
      repeat($._attribute),
      'type',
      field('name', $.identifier),
      '=',
      field('type', $._type),
      ';',
    ),

    record_item: $ => seq(
      repeat($._attribute),
      'record',
      field('name', $.identifier),
      field('body', $.record_body),
    ),

    record_body: $ => seq('{', commaList($.record_field), '}'),

    record_field: $ => seq(field('name', $.identifier), ':', field('type', $._type)),

    variant_item: $ => seq(
      repeat($._attribute),
      'variant',
      field('name', $.identifier),
      field('body', $.variant_body),
    ),

    variant_body: $ => seq('{', commaList($.variant_case), '}'),

    variant_case: $ => seq(
      field('name', $.identifier),
      optional(seq('(', field('type', $._type), ')')),
    ),

    enum_item: $ => seq(
      repeat($._attribute),
      'enum',
      field('name', $.identifier),
      field('body', $.enum_body),
    ),

    enum_body: $ => seq('{', commaList($.enum_case), '}'),

    enum_case: $ => field('name', $.identifier),

    flags_item: $ => seq(
      repeat($._attribute),
      'flags',
      field('name', $.identifier),
      field('body', $.flags_body),
    ),

    flags_body: $ => seq('{', commaList($.flag), '}'),

    flag: $ => field('name', $.identifier),

    resource_item: $ => seq(
      repeat($._attribute),
      'resource',
      field('name', $.identifier),
      choice(';', field('body', $.resource_body)),
    ),

    resource_body: $ => seq('{', repeat($._resource_member), '}'),

    _resource_member: $ => choice($.constructor_item, $.method_item),

    constructor_item: $ => seq(
      repeat($._attribute),
      'constructor',
      field('params', $.param_list),
      optional(field('result', $.result_list)),
      ';',
    ),

    // A method, or with `static` a static function, of a resource.
    method_item: $ => seq(
      repeat($._attribute),
      field('name', $.identifier),
      ':',
      optional(field('static', 'static')),
      field('type', $.func_type),
      ';',
    ),

    // ---- types ---------------------------------------------------------

    _type: $ => choice(
      $.primitive_type,
      $.named_type,
      $.list_type,
      $.map_type,
      $.option_type,
      $.result_type,
      $.tuple_type,
      $.future_type,
      $.stream_type,
      $.borrow_type,
      $.own_type,
    ),

    primitive_type: _ => choice(
      'bool', 'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64',
      'f32', 'f64', 'char', 'string', 'error-context',
    ),

    named_type: $ => field('name', $.identifier),

    list_type: $ => seq(
      'list', '<',
      field('element', $._type),
      optional(seq(',', field('length', $.integer))),
      '>',
    ),

    map_type: $ => seq(
      'map', '<', field('key', $._type), ',', field('value', $._type), '>',
    ),

    option_type: $ => seq('option', '<', field('type', $._type), '>'),

    result_type: $ => seq(
      'result',
      optional(seq(
        '<',
        choice(
          seq(field('ok', $._type), optional(seq(',', field('err', $._type)))),
          seq('_', ',', field('err', $._type)),
        ),
        '>',
      )),
    ),

    tuple_type: $ => seq('tuple', '<', commaList(field('element', $._type)), '>'),

    future_type: $ => seq('future', optional(seq('<', field('type', $._type), '>'))),

    stream_type: $ => seq('stream', optional(seq('<', field('type', $._type), '>'))),

    borrow_type: $ => seq('borrow', '<', field('resource', $.identifier), '>'),

    own_type: $ => seq('own', '<', field('resource', $.identifier), '>'),

    // ---- worlds --------------------------------------------------------

    world_item: $ => seq(
      repeat($._attribute),
      'world',
      field('name', $.identifier),
      field('body', $.world_body),
    ),

    world_body: $ => seq('{', repeat($._world_member), '}'),

    _world_member: $ => choice(
      $.import_item,
      $.export_item,
      $.include_item,
      $.use_item,
      $._typedef,
    ),

    import_item: $ => seq(repeat($._attribute), 'import', $._extern),

    export_item: $ => seq(repeat($._attribute), 'export', $._extern),

    // What an import or export names: a function, an inline interface, an
    // interface under a label (`label: path`), or an interface path.
    _extern: $ => choice(
      seq(field('name', $._path_start), ':', field('type', $.func_type), ';'),
      seq(field('name', $._path_start), ':', 'interface', field('body', $.interface_body)),
      seq(field('name', $._path_start), ':', field('path', $.use_path), ';'),
      seq(field('path', $.use_path), ';'),
    ),

    include_item: $ => seq(
      repeat($._attribute),
      'include',
      field('path', $.use_path),
      choice(
        ';',
        seq('with', field('names', $.include_names)),
      ),
    ),

    include_names: $ => seq('{', commaList($.include_name), '}'),

    include_name: $ => seq(
      field('name', $.identifier), 'as', field('alias', $.identifier),
    ),

    // ---- tokens --------------------------------------------------------

    identifier: _ => IDENTIFIER,

    version: _ => VERSION,

    integer: _ => /[0-9]+/,

    string: _ => /"([^"\\\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]|\\(["'tnr\\]|u\{[0-9a-fA-F_]+\}|[0-9a-fA-F]{2}))*"/,
  },
});
