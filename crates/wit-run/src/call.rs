//! The function to call: `--invoke` written in WAVE and checked against the
//! export's type before anything runs, or `wasi:cli/run`.

use std::ops::Range;

use wasmtime::component::types::{ComponentFunc, ComponentItem};
use wasmtime::component::wasm_wave::parser::ParserError;
use wasmtime::component::wasm_wave::untyped::UntypedFuncCall;
use wasmtime::component::{Component, Func, Instance, Type, Val};
use wasmtime::{Engine, Store};

use crate::sandbox::Host;
use crate::{RunError, SpecError, Status};

/// The export to call and its arguments.
pub(crate) struct Target {
    /// `example:greeter/greeter@1.0.0#greet`, or `greet` for a function the
    /// component exports itself.
    pub(crate) name: String,
    instance: Option<String>,
    function: String,
    pub(crate) params: Vec<Val>,
    /// `wasi:cli/run`'s `run`, whose result is an exit status.
    is_cli_run: bool,
}

/// A function the component exports, directly or in an exported instance.
pub(crate) struct ExportedFunction {
    pub(crate) instance: Option<String>,
    pub(crate) name: String,
    pub(crate) ty: ComponentFunc,
}

impl ExportedFunction {
    pub(crate) fn full_name(&self) -> String {
        qualified(self.instance.as_deref(), &self.name)
    }
}

pub(crate) fn qualified(instance: Option<&str>, function: &str) -> String {
    match instance {
        Some(instance) => format!("{instance}#{function}"),
        None => function.to_string(),
    }
}

/// The export `invoke` calls with its arguments checked, or `wasi:cli/run`.
pub(crate) fn resolve(
    engine: &Engine,
    component: &Component,
    invoke: Option<&str>,
) -> Result<Target, RunError> {
    let functions = exported_functions(engine, component);
    match invoke {
        Some(text) => resolve_invoke(&functions, text),
        None => functions
            .iter()
            .find(|function| {
                function.name == "run" && function.instance.as_deref().is_some_and(is_cli_run)
            })
            .map(|function| Target {
                name: function.full_name(),
                instance: function.instance.clone(),
                function: function.name.clone(),
                params: Vec::new(),
                is_cli_run: true,
            })
            .ok_or_else(|| RunError::NoRunExport {
                exports: functions.iter().map(ExportedFunction::full_name).collect(),
            }),
    }
}

/// `wasi:cli/run@0.2.x`.
fn is_cli_run(instance: &str) -> bool {
    instance
        .strip_prefix("wasi:cli/run@0.2.")
        .is_some_and(|patch| !patch.is_empty())
}

/// Every function that can be called from outside: resource constructors,
/// methods and statics (`[method]r.f`) are left out, as a call cannot make
/// the resource they need.
pub(crate) fn exported_functions(engine: &Engine, component: &Component) -> Vec<ExportedFunction> {
    let ty = component.component_type();
    let mut functions = Vec::new();
    for (name, export) in ty.exports(engine) {
        match export.ty {
            ComponentItem::ComponentFunc(ty) => functions.push(ExportedFunction {
                instance: None,
                name: name.to_string(),
                ty,
            }),
            ComponentItem::ComponentInstance(instance) => {
                for (function, export) in instance.exports(engine) {
                    if let ComponentItem::ComponentFunc(ty) = export.ty
                        && !function.starts_with('[')
                    {
                        functions.push(ExportedFunction {
                            instance: Some(name.to_string()),
                            name: function.to_string(),
                            ty,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    functions
}

/// Whether `wanted` names the interface `instance`: in full
/// (`example:greeter/greeter@1.0.0`), without its version, or by its own name
/// (`greeter`).
pub(crate) fn names_instance(instance: &str, wanted: &str) -> bool {
    let unversioned = instance.split_once('@').map_or(instance, |(name, _)| name);
    let short = unversioned
        .rsplit_once('/')
        .map_or(unversioned, |(_, name)| name);
    wanted == instance || wanted == unversioned || wanted == short
}

/// The function `qualifier` (an interface, or `None`) and `name` pick out of
/// `functions`, or why there is none: the error's span is `name_span`, or
/// `qualifier_span` when the interface itself is unknown.
pub(crate) fn find_function<'a, F>(
    functions: &'a [F],
    describe: impl Fn(&F) -> (Option<&str>, &str),
    qualifier: Option<(&str, Range<usize>)>,
    name: (&str, Range<usize>),
) -> Result<&'a F, (Range<usize>, String, Option<String>)> {
    let listing = |items: Vec<String>| {
        if items.is_empty() {
            "there are none".to_string()
        } else {
            items.join(", ")
        }
    };
    let (name, name_span) = name;
    if let Some((qualifier, qualifier_span)) = qualifier {
        let in_interface: Vec<&F> = functions
            .iter()
            .filter(|function| {
                describe(function)
                    .0
                    .is_some_and(|i| names_instance(i, qualifier))
            })
            .collect();
        if in_interface.is_empty() {
            let mut interfaces: Vec<String> = functions
                .iter()
                .filter_map(|function| describe(function).0.map(str::to_string))
                .collect();
            interfaces.dedup();
            return Err((
                qualifier_span,
                format!("no interface `{qualifier}` here"),
                Some(format!("the interfaces: {}", listing(interfaces))),
            ));
        }
        let matching: Vec<&F> = in_interface
            .iter()
            .copied()
            .filter(|function| describe(function).1 == name)
            .collect();
        return match matching.as_slice() {
            [function] => Ok(function),
            [] => Err((
                name_span,
                format!("no function `{name}` in `{qualifier}`"),
                Some(format!(
                    "its functions: {}",
                    listing(
                        in_interface
                            .iter()
                            .map(|function| describe(function).1.to_string())
                            .collect()
                    )
                )),
            )),
            several => Err((
                qualifier_span,
                format!("`{qualifier}` names several interfaces"),
                Some(format!(
                    "write one of: {}",
                    listing(several.iter().map(|f| full(&describe, f)).collect())
                )),
            )),
        };
    }
    if let Some(function) = functions
        .iter()
        .find(|function| describe(function) == (None, name))
    {
        return Ok(function);
    }
    let matching: Vec<&F> = functions
        .iter()
        .filter(|function| describe(function).1 == name)
        .collect();
    match matching.as_slice() {
        [function] => Ok(function),
        [] => Err((
            name_span,
            format!("no function `{name}` here"),
            Some(format!(
                "the functions: {}",
                listing(functions.iter().map(|f| full(&describe, f)).collect())
            )),
        )),
        several => Err((
            name_span,
            format!("several interfaces have a function `{name}`"),
            Some(format!(
                "write one of: {}",
                listing(several.iter().map(|f| full(&describe, f)).collect())
            )),
        )),
    }
}

fn full<F>(describe: &impl Fn(&F) -> (Option<&str>, &str), function: &F) -> String {
    let (instance, name) = describe(function);
    qualified(instance, name)
}

/// Splits `iface#rest` at the `#` that precedes the call's parentheses (WAVE
/// function names cannot hold one): the interface and its span, and where the
/// rest starts.
pub(crate) fn split_qualifier(text: &str) -> (Option<(&str, Range<usize>)>, usize) {
    let head = text.find(['(', '=']).map_or(text, |end| &text[..end]);
    match head.rfind('#') {
        Some(hash) => {
            let qualifier = &text[..hash];
            let start = qualifier.len() - qualifier.trim_start().len();
            let trimmed = qualifier.trim();
            (Some((trimmed, start..start + trimmed.len())), hash + 1)
        }
        None => (None, 0),
    }
}

fn resolve_invoke(functions: &[ExportedFunction], text: &str) -> Result<Target, RunError> {
    let spec_error = |span: Range<usize>, message: String, help: Option<String>| {
        RunError::Spec(SpecError {
            option: "--invoke",
            text: text.to_string(),
            span,
            message,
            help,
        })
    };
    let (qualifier, rest_start) = split_qualifier(text);
    let rest = &text[rest_start..];
    let call = UntypedFuncCall::parse(rest)
        .map_err(|error| wave_error(&error, rest_start, text.len(), &spec_error))?;
    let name = call.name();
    let name_start = rest_start + rest.find(name).unwrap_or(0);
    let function = find_function(
        functions,
        |function| (function.instance.as_deref(), function.name.as_str()),
        qualifier,
        (name, name_start..name_start + name.len()),
    )
    .map_err(|(span, message, help)| spec_error(span, message, help))?;

    let params: Vec<(&str, Type)> = function.ty.params().collect();
    if let Some((param, _)) = params
        .iter()
        .find(|(_, ty)| matches!(ty, Type::Own(_) | Type::Borrow(_)))
    {
        return Err(spec_error(
            name_start..name_start + name.len(),
            format!(
                "`{}` takes a resource (`{param}`), which a call written in WAVE cannot make",
                function.full_name()
            ),
            None,
        ));
    }
    let types: Vec<Type> = params.iter().map(|(_, ty)| ty.clone()).collect();
    let values = call.to_wasm_params::<Val>(types.iter()).map_err(|error| {
        let signature = params
            .iter()
            .map(|(name, ty)| format!("{name}: {}", type_name(ty)))
            .collect::<Vec<_>>()
            .join(", ");
        let mut error = wave_error(&error, rest_start, text.len(), &spec_error);
        if let RunError::Spec(spec) = &mut error {
            spec.help = Some(format!("`{}` takes ({signature})", function.name));
        }
        error
    })?;
    Ok(Target {
        name: function.full_name(),
        instance: function.instance.clone(),
        function: function.name.clone(),
        params: values,
        is_cli_run: false,
    })
}

/// A WAVE error as a spec error, its span moved to where the parsed text
/// starts in the whole; an empty span at the end becomes the last character
/// so that there is something to point at.
pub(crate) fn wave_error(
    error: &ParserError,
    offset: usize,
    text_len: usize,
    spec_error: &impl Fn(Range<usize>, String, Option<String>) -> RunError,
) -> RunError {
    let span = error.span();
    let mut span = offset + span.start..offset + span.end;
    if span.is_empty() && span.start >= text_len && text_len > 0 {
        span = text_len - 1..text_len;
    }
    let mut message = error.kind().to_string();
    if let Some(detail) = error.detail() {
        message.push_str(&format!(": {detail}"));
    }
    if let Some(source) = std::error::Error::source(error) {
        message.push_str(&format!(": {source}"));
    }
    spec_error(span, message, None)
}

/// A type as WIT writes it, as far as a hint needs it.
pub(crate) fn type_name(ty: &Type) -> String {
    match ty {
        Type::Bool => "bool".into(),
        Type::S8 => "s8".into(),
        Type::U8 => "u8".into(),
        Type::S16 => "s16".into(),
        Type::U16 => "u16".into(),
        Type::S32 => "s32".into(),
        Type::U32 => "u32".into(),
        Type::S64 => "s64".into(),
        Type::U64 => "u64".into(),
        Type::Float32 => "f32".into(),
        Type::Float64 => "f64".into(),
        Type::Char => "char".into(),
        Type::String => "string".into(),
        Type::List(list) => format!("list<{}>", type_name(&list.ty())),
        Type::Option(option) => format!("option<{}>", type_name(&option.ty())),
        Type::Result(result) => {
            let side = |ty: Option<Type>| ty.map_or("_".to_string(), |ty| type_name(&ty));
            format!("result<{}, {}>", side(result.ok()), side(result.err()))
        }
        Type::Tuple(tuple) => format!(
            "tuple<{}>",
            tuple
                .types()
                .map(|ty| type_name(&ty))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Type::Record(record) => format!(
            "record {{ {} }}",
            record
                .fields()
                .map(|field| format!("{}: {}", field.name, type_name(&field.ty)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Type::Enum(enum_) => format!(
            "enum {{ {} }}",
            enum_.names().collect::<Vec<_>>().join(", ")
        ),
        Type::Flags(flags) => format!(
            "flags {{ {} }}",
            flags.names().collect::<Vec<_>>().join(", ")
        ),
        Type::Variant(variant) => format!(
            "variant {{ {} }}",
            variant
                .cases()
                .map(|case| match case.ty {
                    Some(ty) => format!("{}({})", case.name, type_name(&ty)),
                    None => case.name.to_string(),
                })
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Type::Own(_) => "own<…>".into(),
        Type::Borrow(_) => "borrow<…>".into(),
        other => format!("{other:?}"),
    }
}

impl Target {
    /// The function in a live instance.
    pub(crate) fn lookup(
        &self,
        instance: &Instance,
        store: &mut Store<Host>,
    ) -> wasmtime::Result<Func> {
        let parent = match &self.instance {
            Some(name) => Some(
                instance
                    .get_export_index(&mut *store, None, name)
                    .ok_or_else(|| wasmtime::format_err!("no export `{name}`"))?,
            ),
            None => None,
        };
        let index = instance
            .get_export_index(&mut *store, parent.as_ref(), &self.function)
            .ok_or_else(|| wasmtime::format_err!("no export `{}`", self.name))?;
        instance
            .get_func(&mut *store, index)
            .ok_or_else(|| wasmtime::format_err!("`{}` is not a function", self.name))
    }

    /// The status a call that returned `results` ends with.
    pub(crate) fn status(&self, results: &[Val]) -> Status {
        if self.is_cli_run {
            return match results {
                [Val::Result(Ok(_))] => Status::Exited(0),
                _ => Status::Exited(1),
            };
        }
        Status::Returned(results.iter().map(wave).collect())
    }
}

/// A value in WAVE; resources, which WAVE cannot write, as `<resource>`.
pub(crate) fn wave(value: &Val) -> String {
    match value {
        Val::Resource(_) => "<resource>".to_string(),
        value => value.to_wave().unwrap_or_else(|_| format!("{value:?}")),
    }
}
