//! The language server, driven in process by a test client over a pipe.

mod code_actions;
mod completion;
#[path = "../support/component.rs"]
mod component;
mod components;
mod diagnostics;
mod formatting;
mod hostile;
mod lifecycle;
mod navigation;
mod ranges;
mod robustness;
mod run_world;
mod support;
