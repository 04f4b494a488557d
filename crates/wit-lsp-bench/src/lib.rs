//! Benchmarks for wit-lsp, run by hand (see `BENCHMARKS.md` at the repository
//! root). The library part is what other benchmarks reuse.

pub mod synth;
