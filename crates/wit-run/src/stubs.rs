//! Every import that WASI does not provide is served by a stub: it logs the
//! call with its arguments in WAVE and returns a default value of its result
//! type, or the value `--stub 'iface#func=WAVE'` gives. Imported resources
//! get stub resources, so constructors and methods work too.

use std::ops::Range;

use wasmtime::component::types::{ComponentFunc, ComponentItem};
use wasmtime::component::{
    Component, Linker, LinkerInstance, ResourceDynamic, ResourceType, Type, Val,
};
use wasmtime::{Engine, StoreContextMut};

use crate::call::{find_function, qualified, split_qualifier, type_name, wave, wave_error};
use crate::sandbox::Host;
use crate::{RunError, SpecError, error_chain};

/// The WASI 0.2 packages `wasmtime_wasi::p2::add_to_linker_sync` provides;
/// imports of their interfaces are never stubbed.
const HOST_WASI_PACKAGES: [&str; 6] = [
    "wasi:cli",
    "wasi:clocks",
    "wasi:filesystem",
    "wasi:io",
    "wasi:random",
    "wasi:sockets",
];

/// An instance import WASI provides: one of [`HOST_WASI_PACKAGES`] at 0.2.x.
pub(crate) fn provided_by_wasi(import: &str) -> bool {
    let Some((package, rest)) = import.split_once('/') else {
        return false;
    };
    HOST_WASI_PACKAGES.contains(&package)
        && rest
            .split_once('@')
            .is_some_and(|(_, version)| version.starts_with("0.2."))
}

/// A function import to stub.
struct Import {
    instance: Option<String>,
    name: String,
    ty: ComponentFunc,
}

/// One `--stub` as written.
struct StubSpec<'a> {
    text: &'a str,
    qualifier: Option<(&'a str, Range<usize>)>,
    name: (&'a str, Range<usize>),
    value: (&'a str, usize),
}

/// Defines a stub in `linker` for every import of `component` that WASI does
/// not provide, with the results `specs` give.
pub(crate) fn define(
    linker: &mut Linker<Host>,
    engine: &Engine,
    component: &Component,
    specs: &[String],
) -> Result<(), RunError> {
    let link_error = |error: wasmtime::Error| RunError::Link(error_chain(&error));
    let specs = specs
        .iter()
        .map(|text| parse_spec(text))
        .collect::<Result<Vec<_>, _>>()?;

    // Resources of a stubbed instance that are re-exports of resources seen
    // before (`use wasi:io/streams.{output-stream}`) must stay undefined:
    // Wasmtime links them to the first definition.
    let mut seen_resources: Vec<ResourceType> = Vec::new();
    let mut stub_resources: Vec<String> = Vec::new();
    let mut imports: Vec<Import> = Vec::new();
    let ty = component.component_type();
    for (name, import) in ty.imports(engine) {
        match import.ty {
            ComponentItem::ComponentInstance(instance) => {
                let stubbed = !provided_by_wasi(name);
                for (export, item) in instance.exports(engine) {
                    match item.ty {
                        ComponentItem::Resource(resource) => {
                            if seen_resources.contains(&resource) {
                                continue;
                            }
                            seen_resources.push(resource);
                            if stubbed {
                                define_resource(
                                    &mut linker.instance(name).map_err(link_error)?,
                                    export,
                                    &mut stub_resources,
                                    qualified(Some(name), export),
                                )
                                .map_err(link_error)?;
                            }
                        }
                        ComponentItem::ComponentFunc(ty) if stubbed => imports.push(Import {
                            instance: Some(name.to_string()),
                            name: export.to_string(),
                            ty,
                        }),
                        _ => {}
                    }
                }
            }
            ComponentItem::ComponentFunc(ty) => imports.push(Import {
                instance: None,
                name: name.to_string(),
                ty,
            }),
            ComponentItem::Resource(resource) => {
                seen_resources.push(resource);
                define_resource(
                    &mut linker.root(),
                    name,
                    &mut stub_resources,
                    name.to_string(),
                )
                .map_err(link_error)?;
            }
            ComponentItem::Type(_) => {}
            ComponentItem::Module(_) | ComponentItem::Component(_) | ComponentItem::CoreFunc(_) => {
                return Err(RunError::Link(format!(
                    "the component imports `{name}`, which is not an instance, function or \
                     resource and cannot be stubbed"
                )));
            }
        }
    }

    let mut values: Vec<Option<Val>> = vec![None; imports.len()];
    for spec in &specs {
        let (index, value) = spec_value(spec, &imports)?;
        values[index] = Some(value);
    }
    for (import, value) in imports.into_iter().zip(values) {
        let stub = Stub {
            name: qualified(import.instance.as_deref(), &import.name),
            value,
            resources: stub_resources.clone(),
        };
        let result = match &import.instance {
            Some(instance) => linker
                .instance(instance)
                .and_then(|mut linker| define_function(&mut linker, &import.name, stub)),
            None => define_function(&mut linker.root(), &import.name, stub),
        };
        result.map_err(link_error)?;
    }
    Ok(())
}

/// Reads `iface#func=WAVE` (or `func=WAVE`).
fn parse_spec(text: &str) -> Result<StubSpec<'_>, RunError> {
    let Some(equals) = text.find('=') else {
        return Err(RunError::Spec(SpecError {
            option: "--stub",
            text: text.to_string(),
            span: 0..text.len(),
            message: "expected `FUNCTION=VALUE`".to_string(),
            help: Some("for example `--stub 'logger#level=3'`".to_string()),
        }));
    };
    let (qualifier, name_start) = split_qualifier(text);
    let name = &text[name_start..equals];
    let leading = name.len() - name.trim_start().len();
    let name = name.trim();
    let name_start = name_start + leading;
    Ok(StubSpec {
        text,
        qualifier,
        name: (name, name_start..name_start + name.len()),
        value: (&text[equals + 1..], equals + 1),
    })
}

/// The import a `--stub` is for, and its value checked against the import's
/// result type.
fn spec_value(spec: &StubSpec<'_>, imports: &[Import]) -> Result<(usize, Val), RunError> {
    let spec_error = |span: Range<usize>, message: String, help: Option<String>| {
        RunError::Spec(SpecError {
            option: "--stub",
            text: spec.text.to_string(),
            span,
            message,
            help,
        })
    };
    let import = find_function(
        imports,
        |import| (import.instance.as_deref(), import.name.as_str()),
        spec.qualifier.clone(),
        spec.name.clone(),
    )
    .map_err(|(span, message, help)| {
        spec_error(
            span,
            message.replace(" here", " among the stubbed imports"),
            help,
        )
    })?;
    let index = imports
        .iter()
        .position(|candidate| std::ptr::eq(candidate, import))
        .expect("found among the imports");
    let Some(result) = import.ty.results().next() else {
        return Err(spec_error(
            spec.name.1.clone(),
            format!("`{}` returns nothing", spec.name.0),
            None,
        ));
    };
    let (value, value_start) = spec.value;
    let value = Val::from_wave(&result, value).map_err(|error| {
        let help = Some(format!("`{}` returns {}", spec.name.0, type_name(&result)));
        match error.downcast_ref::<wasmtime::component::wasm_wave::parser::ParserError>() {
            Some(error) => wave_error(error, value_start, spec.text.len(), &|span, message, _| {
                spec_error(span, message, help.clone())
            }),
            None => spec_error(value_start..spec.text.len(), error_chain(&error), help),
        }
    })?;
    Ok((index, value))
}

/// A stub resource: a host resource type of its own, numbered by its place
/// in `stub_resources`.
fn define_resource(
    linker: &mut LinkerInstance<'_, Host>,
    name: &str,
    stub_resources: &mut Vec<String>,
    full_name: String,
) -> wasmtime::Result<()> {
    let payload = u32::try_from(stub_resources.len()).expect("fewer than 2^32 resources");
    stub_resources.push(full_name);
    linker.resource(name, ResourceType::host_dynamic(payload), |_, _| Ok(()))
}

/// What a stub function needs when it is called.
struct Stub {
    name: String,
    value: Option<Val>,
    /// The stub resources' names, indexed by their payload.
    resources: Vec<String>,
}

impl Stub {
    /// The payload of the stub resource type `ty`, if it is one.
    fn payload(&self, ty: ResourceType) -> Option<u32> {
        (0..self.resources.len() as u32).find(|&payload| ResourceType::host_dynamic(payload) == ty)
    }

    /// A value for the log: WAVE, or `<counter>` for a stub resource.
    fn show(&self, value: &Val) -> String {
        match value {
            Val::Resource(resource) => match self.payload(resource.ty()) {
                Some(payload) => {
                    let name = &self.resources[payload as usize];
                    format!(
                        "<{}>",
                        name.rsplit_once('#')
                            .map_or(name.as_str(), |(_, name)| name)
                    )
                }
                None => wave(value),
            },
            value => wave(value),
        }
    }
}

fn define_function(
    linker: &mut LinkerInstance<'_, Host>,
    name: &str,
    stub: Stub,
) -> wasmtime::Result<()> {
    linker.func_new(name, move |mut store, ty, params, results| {
        let result = match (&stub.value, ty.results().next()) {
            (Some(value), _) => Some(value.clone()),
            (None, Some(ty)) => Some(default_value(&mut store, &ty, &stub)?),
            (None, None) => None,
        };
        let arguments = params
            .iter()
            .map(|param| stub.show(param))
            .collect::<Vec<_>>()
            .join(", ");
        // Handles lent or given to the host must be let go before the call
        // returns; a stub keeps nothing.
        for param in params {
            release(&mut store, param)?;
        }
        let returned = result
            .as_ref()
            .map_or(String::new(), |value| format!(" -> {}", stub.show(value)));
        let line = format!("{}({arguments}){returned}", stub.name);
        store.data_mut().stub_calls.record(line);
        if let (Some(slot), Some(value)) = (results.first_mut(), result) {
            *slot = value;
        }
        Ok(())
    })
}

/// Drops every resource handle in `value`.
fn release(store: &mut StoreContextMut<'_, Host>, value: &Val) -> wasmtime::Result<()> {
    match value {
        Val::Resource(resource) => resource.resource_drop(&mut *store),
        Val::List(values) | Val::Tuple(values) | Val::FixedLengthList(values) => {
            values.iter().try_for_each(|value| release(store, value))
        }
        Val::Record(fields) => fields
            .iter()
            .try_for_each(|(_, value)| release(store, value)),
        Val::Map(entries) => entries.iter().try_for_each(|(key, value)| {
            release(store, key)?;
            release(store, value)
        }),
        Val::Variant(_, Some(value)) | Val::Option(Some(value)) => release(store, value),
        Val::Result(Ok(Some(value)) | Err(Some(value))) => release(store, value),
        _ => Ok(()),
    }
}

/// The zero of a type: `false`, `0`, `""`, empty lists and flags, the first
/// case, `none`, `ok` of the default; a fresh stub resource for `own`.
fn default_value(
    store: &mut StoreContextMut<'_, Host>,
    ty: &Type,
    stub: &Stub,
) -> wasmtime::Result<Val> {
    Ok(match ty {
        Type::Bool => Val::Bool(false),
        Type::S8 => Val::S8(0),
        Type::U8 => Val::U8(0),
        Type::S16 => Val::S16(0),
        Type::U16 => Val::U16(0),
        Type::S32 => Val::S32(0),
        Type::U32 => Val::U32(0),
        Type::S64 => Val::S64(0),
        Type::U64 => Val::U64(0),
        Type::Float32 => Val::Float32(0.0),
        Type::Float64 => Val::Float64(0.0),
        Type::Char => Val::Char('\0'),
        Type::String => Val::String(String::new()),
        Type::List(_) => Val::List(Vec::new()),
        Type::Map(_) => Val::Map(Vec::new()),
        Type::FixedLengthList(list) => Val::FixedLengthList(
            (0..list.len())
                .map(|_| default_value(store, &list.ty(), stub))
                .collect::<wasmtime::Result<_>>()?,
        ),
        Type::Record(record) => Val::Record(
            record
                .fields()
                .map(|field| {
                    Ok((
                        field.name.to_string(),
                        default_value(store, &field.ty, stub)?,
                    ))
                })
                .collect::<wasmtime::Result<_>>()?,
        ),
        Type::Tuple(tuple) => Val::Tuple(
            tuple
                .types()
                .map(|ty| default_value(store, &ty, stub))
                .collect::<wasmtime::Result<_>>()?,
        ),
        Type::Variant(variant) => {
            let case = variant.cases().next().expect("a variant has a case");
            let payload = match &case.ty {
                Some(ty) => Some(Box::new(default_value(store, ty, stub)?)),
                None => None,
            };
            Val::Variant(case.name.to_string(), payload)
        }
        Type::Enum(enum_) => Val::Enum(enum_.names().next().expect("an enum has a case").into()),
        Type::Option(_) => Val::Option(None),
        Type::Result(result) => Val::Result(Ok(match result.ok() {
            Some(ty) => Some(Box::new(default_value(store, &ty, stub)?)),
            None => None,
        })),
        Type::Flags(_) => Val::Flags(Vec::new()),
        Type::Own(resource) => {
            let payload = stub.payload(*resource).ok_or_else(|| {
                wasmtime::format_err!(
                    "the stub for `{}` cannot make the resource it returns: only the \
                         component's own imported resources can be stubbed",
                    stub.name
                )
            })?;
            let host = store.data_mut();
            let rep = host.next_stub_resource;
            host.next_stub_resource += 1;
            let handle = ResourceDynamic::new_own(rep, payload);
            Val::Resource(handle.try_into_resource_any(&mut *store)?)
        }
        other => wasmtime::bail!(
            "the stub for `{}` cannot make a default {other:?}",
            stub.name
        ),
    })
}

/// How many stub calls a run keeps for its caller, and how long a kept line
/// may be: a guest that calls a stub in a loop, or with a huge argument, must
/// not fill the host's memory with the log.
const STUB_CALLS_KEPT: usize = 1000;
const STUB_CALL_LINE_LIMIT: usize = 1024;

/// The log of stub calls: printed to stderr as they happen on the command
/// line, and kept, up to [`STUB_CALLS_KEPT`], for the caller.
pub(crate) struct StubLog {
    print: bool,
    kept: Vec<String>,
    omitted: usize,
}

impl StubLog {
    pub(crate) fn new(print: bool) -> StubLog {
        StubLog {
            print,
            kept: Vec::new(),
            omitted: 0,
        }
    }

    fn record(&mut self, mut line: String) {
        if line.len() > STUB_CALL_LINE_LIMIT {
            let mut end = STUB_CALL_LINE_LIMIT;
            while !line.is_char_boundary(end) {
                end -= 1;
            }
            line.truncate(end);
            line.push('…');
        }
        if self.print {
            eprintln!("stub: {line}");
        }
        if self.kept.len() < STUB_CALLS_KEPT {
            self.kept.push(line);
        } else {
            self.omitted += 1;
        }
    }

    /// The kept lines, and one that counts the calls left out.
    pub(crate) fn into_lines(self) -> Vec<String> {
        let mut lines = self.kept;
        if self.omitted > 0 {
            lines.push(format!("… and {} more calls", self.omitted));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stub_log_is_bounded() {
        let mut log = StubLog::new(false);
        log.record(format!("ping(\"{}\")", "é".repeat(STUB_CALL_LINE_LIMIT)));
        for n in 1..STUB_CALLS_KEPT + 5 {
            log.record(format!("ping({n})"));
        }
        let lines = log.into_lines();
        assert_eq!(lines.len(), STUB_CALLS_KEPT + 1);
        assert!(lines[0].len() <= STUB_CALL_LINE_LIMIT + '…'.len_utf8());
        assert!(lines[0].ends_with('…'), "{}", lines[0]);
        assert_eq!(lines[1], "ping(1)");
        assert_eq!(
            lines[STUB_CALLS_KEPT - 1],
            format!("ping({})", STUB_CALLS_KEPT - 1)
        );
        assert_eq!(lines[STUB_CALLS_KEPT], "… and 5 more calls");
    }
}
