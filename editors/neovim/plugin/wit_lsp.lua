-- wit-lsp for Neovim: :WitCheck, :WitRun, and code lenses that work.
if vim.g.loaded_wit_lsp then
  return
end
vim.g.loaded_wit_lsp = 1

vim.api.nvim_create_user_command('WitCheck', function(opts)
  require('wit_lsp').check({ args = opts.fargs })
end, {
  nargs = '*',
  complete = 'file',
  desc = 'wit-lsp check: the project (or PATHs) into the quickfix list',
})

vim.api.nvim_create_user_command('WitRun', function(opts)
  require('wit_lsp').run(require('wit_lsp').parse_run_args(opts.args))
end, {
  nargs = '*',
  complete = 'file',
  desc = 'Run the world under the cursor: :WitRun [COMPONENT.wasm] [CALL]',
})

vim.api.nvim_create_autocmd('LspAttach', {
  group = vim.api.nvim_create_augroup('wit_lsp_attach', { clear = true }),
  callback = function(args)
    local client = vim.lsp.get_client_by_id(args.data.client_id)
    if client and require('wit_lsp').is_wit_client(client) then
      require('wit_lsp').on_attach(client, args.buf)
    end
  end,
})
