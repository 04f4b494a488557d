-- Neovim 0.11 knows `*.wit` already; older versions learn it here.
vim.filetype.add({ extension = { wit = 'wit' } })
