//! The language server of wit-lsp. The `wit-lsp` binary runs it with no
//! arguments or `serve`; the command-line subcommands live in the binary.

pub mod server;
