-- WIT buffers: comments, and tree-sitter highlighting when the `wit` parser is installed
-- (see editors/neovim/README.md). Set `vim.g.wit_treesitter = false` to leave
-- tree-sitter alone (for example when nvim-treesitter starts it).
if vim.b.did_ftplugin then
  return
end
vim.b.did_ftplugin = 1

vim.bo.commentstring = '// %s'
vim.bo.comments = 's1:/*,mb:*,ex:*/,:///,://'
vim.b.undo_ftplugin = 'setlocal commentstring< comments<'

-- The layout `wit-lsp fmt` and `wasm-tools component wit` print: two spaces. (The
-- server formats with the buffer's 'shiftwidth' and 'expandtab'.) Opt out with
-- `vim.g.wit_recommended_style = false`.
if vim.g.wit_recommended_style ~= false then
  vim.bo.expandtab = true
  vim.bo.shiftwidth = 2
  vim.bo.softtabstop = 2
  vim.b.undo_ftplugin = vim.b.undo_ftplugin .. ' expandtab< shiftwidth< softtabstop<'
end

if vim.g.wit_treesitter ~= false then
  -- 0.10 raises when there is no parser; 0.11 returns nil with `error = false`.
  local ok, parser = pcall(vim.treesitter.get_parser, 0, 'wit', { error = false })
  if ok and parser then
    vim.treesitter.start(0, 'wit')
  end
end
