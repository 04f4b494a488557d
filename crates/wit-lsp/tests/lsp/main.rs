//! The language server, driven in process by a test client over a pipe.

mod diagnostics;
mod lifecycle;
mod navigation;
mod robustness;
mod support;
