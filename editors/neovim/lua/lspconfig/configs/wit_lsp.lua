-- wit-lsp for nvim-lspconfig's `require('lspconfig').wit_lsp.setup({})` (before 2.x, or
-- on Neovim 0.10). nvim-lspconfig finds this file on the runtimepath; Neovim 0.11 and
-- nvim-lspconfig 2.x use `lsp/wit_lsp.lua` instead.
local root_markers = { 'wit', 'deps', '.git' }

return {
  default_config = {
    cmd = { 'wit-lsp', 'serve' },
    filetypes = { 'wit' },
    root_dir = function(fname)
      return vim.fs.root(fname, root_markers)
    end,
    single_file_support = true,
  },
  docs = {
    description = [[
https://github.com/wit-lsp/wit-lsp

Language server for WIT, the interface language of the WebAssembly Component Model:
diagnostics, navigation, completion, formatting, and running components.

`cargo install --locked --path crates/wit-lsp` from a clone of the repository.
]],
  },
}
