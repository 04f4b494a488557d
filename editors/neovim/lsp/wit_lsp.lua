-- wit-lsp, the WIT language server, for Neovim 0.11+ (and nvim-lspconfig 2.x):
--
--   vim.lsp.enable('wit_lsp')
--
-- Change any field with `vim.lsp.config('wit_lsp', { ... })`, for example the settings:
--
--   vim.lsp.config('wit_lsp', {
--     settings = { ['wit-lsp'] = { run = { component = { host = 'build/greeter.wasm' } } } },
--   })
--
-- The settings are described in docs/server.md ("Settings") of the wit-lsp repository.
-- Write an empty object as `vim.empty_dict()`: an empty Lua table is sent as `[]`.
---@type vim.lsp.Config
return {
  cmd = { 'wit-lsp', 'serve' },
  filetypes = { 'wit' },
  -- The directory holding `wit/` (the project), else the one holding `deps/` (a
  -- package), else the repository.
  root_markers = { 'wit', 'deps', '.git' },
}
