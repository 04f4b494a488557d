//! The language server, driven in process by a test client over a pipe.

mod diagnostics;
mod lifecycle;
mod robustness;
mod support;
