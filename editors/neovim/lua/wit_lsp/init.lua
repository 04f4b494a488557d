-- wit-lsp for Neovim: the parts that are not in `lsp/wit_lsp.lua`.
--
--   require('wit_lsp').setup({...})   start the server (vim.lsp.config on 0.11+,
--                                     a FileType autocommand on 0.10)
--   require('wit_lsp').check({...})   :WitCheck, `wit-lsp check` into the quickfix list
--   require('wit_lsp').run({...})     :WitRun, `wit-lsp.runWorld` for a world
--   require('wit_lsp').commands       client-side handlers for the server's commands,
--                                     so that code lenses show their results
local M = {}

local api = vim.api
local has_011 = vim.fn.has('nvim-0.11') == 1

--- The name of the configuration (`lsp/wit_lsp.lua`).
M.name = 'wit_lsp'

--- Where a WIT project starts: the directory holding `wit/`, else the one holding `deps/`,
--- else the repository.
M.root_markers = { 'wit', 'deps', '.git' }

--- The defaults of `setup()`: the same as `lsp/wit_lsp.lua`.
function M.defaults()
  return {
    cmd = { 'wit-lsp', 'serve' },
    filetypes = { 'wit' },
    root_markers = vim.deepcopy(M.root_markers),
  }
end

local function notify(message, level)
  vim.notify('wit-lsp: ' .. message, level or vim.log.levels.INFO)
end

--- Whether `client` is a wit-lsp client, whatever its configuration is called.
function M.is_wit_client(client)
  return client.name == M.name
    or client.name == 'wit-lsp'
    or (client.server_info ~= nil and client.server_info.name == 'wit-lsp')
end

--- The wit-lsp clients attached to `bufnr` (all of them when nil).
function M.clients(bufnr)
  return vim.tbl_filter(M.is_wit_client, vim.lsp.get_clients({ bufnr = bufnr }))
end

local function request(client, method, params, handler, bufnr)
  if has_011 then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

--- The `wit-lsp` executable: `vim.g.wit_lsp_binary`, else the first word of the server's
--- command, else `wit-lsp` on PATH.
function M.binary(bufnr)
  if vim.g.wit_lsp_binary then
    return vim.g.wit_lsp_binary
  end
  local client = M.clients(bufnr)[1]
  local cmd = client and client.config.cmd
  if not cmd and has_011 then
    local ok, config = pcall(function()
      return vim.lsp.config[M.name]
    end)
    cmd = ok and config and config.cmd or nil
  end
  if type(cmd) == 'table' and type(cmd[1]) == 'string' then
    return cmd[1]
  end
  return 'wit-lsp'
end

--- The project directory of `bufnr`: its client's root, else found by the root markers,
--- else the current directory.
function M.root_dir(bufnr)
  bufnr = bufnr or api.nvim_get_current_buf()
  local client = M.clients(bufnr)[1]
  if client and client.root_dir then
    return client.root_dir
  end
  if api.nvim_buf_get_name(bufnr) ~= '' and vim.fs.root then
    local root = vim.fs.root(bufnr, M.root_markers)
    if root then
      return root
    end
  end
  return vim.fn.getcwd()
end

-- :WitCheck -----------------------------------------------------------------------------

local function absolute(dir, file)
  if file:sub(1, 1) == '/' or file:match('^%a:[/\\]') then
    return file
  end
  return vim.fs.normalize(dir .. '/' .. file)
end

--- 1-based byte column of the 1-based character `column` of line `lnum` of `file`.
local function byte_column(lines_of, file, lnum, column)
  local lines = lines_of(file)
  local line = lines and lines[lnum]
  if not line then
    return column
  end
  local byte = vim.fn.byteidxcomp(line, column - 1)
  return byte >= 0 and byte + 1 or #line + 1
end

--- The quickfix items of a `wit-lsp check --format json` report whose paths are
--- relative to `dir`.
function M.quickfix_items(report, dir)
  local cache = {}
  local function lines_of(file)
    if cache[file] == nil then
      cache[file] = vim.fn.filereadable(file) == 1 and vim.fn.readfile(file) or false
    end
    return cache[file] or nil
  end
  local items = {}
  for _, d in ipairs(report.diagnostics or {}) do
    local file = absolute(dir, d.file)
    local start, finish = d.range.start, d.range['end']
    table.insert(items, {
      filename = file,
      lnum = start.line,
      col = byte_column(lines_of, file, start.line, start.column),
      end_lnum = finish.line,
      end_col = byte_column(lines_of, file, finish.line, finish.column),
      type = d.severity == 'error' and 'E' or 'W',
      text = ('[%s] %s'):format(d.code, (d.message:gsub('\n%s*', ' '))),
    })
  end
  for _, e in ipairs(report.load_errors or {}) do
    local file = absolute(dir, e.file)
    local position = e.position
    table.insert(items, {
      filename = file,
      lnum = position and position.line or 0,
      col = position and byte_column(lines_of, file, position.line, position.column) or 0,
      type = 'E',
      text = e.message,
    })
  end
  return items
end

--- Runs `wit-lsp check --format json` and fills the quickfix list.
---
--- opts.bufnr: whose project to check (default: the current buffer's root);
--- opts.args: more arguments (paths, relative to the current directory, and options);
--- opts.open: open the quickfix window when there are problems (default true).
--- on_done(err, items, report) is called when done.
function M.check(opts, on_done)
  opts = opts or {}
  local bufnr = opts.bufnr or api.nvim_get_current_buf()
  local args = opts.args or {}
  -- Options of `wit-lsp check` that take the next argument as their value.
  local takes_value = { ['--features'] = true, ['--color'] = true, ['--format'] = true }
  for _, flag in ipairs({ 'A', 'W', 'D', 'allow', 'warn', 'deny' }) do
    takes_value[(#flag == 1 and '-' or '--') .. flag] = true
  end
  local has_paths, i = false, 1
  while i <= #args do
    if takes_value[args[i]] then
      i = i + 1
    elseif args[i]:sub(1, 1) ~= '-' then
      has_paths = true
    end
    i = i + 1
  end
  -- Without paths, the project is checked; paths are the user's, relative to :pwd.
  local dir = has_paths and vim.fn.getcwd() or M.root_dir(bufnr)
  local cmd = { M.binary(bufnr), 'check', '--format', 'json', '--color', 'never' }
  vim.list_extend(cmd, args)
  local function done(err, items, report)
    if err then
      notify(err, vim.log.levels.ERROR)
    end
    if on_done then
      on_done(err, items, report)
    end
  end
  local ok, started = pcall(vim.system, cmd, { cwd = dir, text = true }, function(result)
    vim.schedule(function()
      local decoded, report = pcall(vim.json.decode, result.stdout or '')
      if not decoded or type(report) ~= 'table' or report.version == nil then
        local stderr = vim.trim(result.stderr or '')
        return done(
          ('`%s` failed (exit %s)%s'):format(
            table.concat(cmd, ' '),
            tostring(result.code),
            stderr ~= '' and (': ' .. stderr) or ''
          )
        )
      end
      local items = M.quickfix_items(report, dir)
      vim.fn.setqflist({}, ' ', { title = 'wit-lsp check', items = items })
      local s = report.summary or {}
      notify(
        ('check: %d error(s), %d warning(s) in %d package(s) (%d files)'):format(
          s.errors or 0,
          s.warnings or 0,
          s.packages or 0,
          s.files or 0
        ),
        (s.errors or 0) > 0 and vim.log.levels.WARN or vim.log.levels.INFO
      )
      if opts.open ~= false and #items > 0 then
        local win = api.nvim_get_current_win()
        vim.cmd('botright cwindow')
        if api.nvim_win_is_valid(win) then
          api.nvim_set_current_win(win)
        end
      end
      done(nil, items, report)
    end)
  end)
  if not ok then
    done(('cannot run `%s`: %s'):format(cmd[1], started))
  end
end

-- Output of the server's commands ----------------------------------------------------

M.output_name = 'wit-lsp://output'

--- The scratch buffer that command output goes to.
function M.output_buffer()
  local buf = vim.fn.bufnr(M.output_name)
  if buf == -1 or not api.nvim_buf_is_valid(buf) then
    buf = api.nvim_create_buf(false, true)
    api.nvim_buf_set_name(buf, M.output_name)
    vim.bo[buf].bufhidden = 'hide'
    vim.bo[buf].swapfile = false
  end
  return buf
end

--- Shows a `runWorld` or `checkComponent` answer: `output` in the scratch buffer (in a
--- window at the bottom, opened if needed) and a one-line verdict.
function M.show(title, result)
  local text = result.output or ''
  local lines = vim.split(text:gsub('\n$', ''), '\n', { plain = true })
  local buf = M.output_buffer()
  vim.bo[buf].modifiable = true
  api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  vim.bo[buf].modifiable = false
  if vim.fn.bufwinid(buf) == -1 then
    local win = api.nvim_get_current_win()
    vim.cmd('botright sbuffer ' .. buf)
    api.nvim_win_set_height(0, math.max(3, math.min(#lines + 1, 15)))
    if api.nvim_win_is_valid(win) then
      api.nvim_set_current_win(win)
    end
  end
  local verdict
  if result.status then
    verdict = ('%s %s'):format(result['function'] or 'run', result.status)
    if result.status == 'exited' then
      verdict = verdict .. ' with ' .. tostring(result.exitCode)
    end
    if result.status == 'returned' and type(result.results) == 'table' and #result.results > 0 then
      verdict = verdict .. ': ' .. table.concat(result.results, ', ')
    end
  else
    verdict = lines[#lines] or ''
  end
  notify(('%s: %s'):format(title, verdict), result.ok and vim.log.levels.INFO or vim.log.levels.WARN)
end

--- Sends `workspace/executeCommand` and shows the answer; on_done(err, result) after.
function M.execute(client, command, argument, bufnr, on_done)
  local title = command:gsub('^wit%-lsp%.', '')
  request(client, 'workspace/executeCommand', {
    command = command,
    arguments = { argument },
  }, function(err, result)
    if err then
      -- The server's messages start with the command's name.
      notify(err.message or vim.inspect(err), vim.log.levels.ERROR)
    elseif type(result) == 'table' then
      M.show(title .. ' ' .. (argument.world or ''), result)
    end
    if on_done then
      on_done(err, result)
    end
  end, bufnr)
end

-- :WitRun --------------------------------------------------------------------------------

local SYMBOL_PACKAGE, SYMBOL_MODULE = 4, 2

--- The worlds of a document symbol tree: modules right under a package, or at the top.
local function worlds_of(symbols, parent_kind, out)
  for _, symbol in ipairs(symbols or {}) do
    if symbol.kind == SYMBOL_MODULE and (parent_kind == nil or parent_kind == SYMBOL_PACKAGE) then
      table.insert(out, symbol)
    elseif symbol.kind == SYMBOL_PACKAGE then
      worlds_of(symbol.children, SYMBOL_PACKAGE, out)
    end
  end
  return out
end

local function pick(worlds, on_world)
  if #worlds == 1 then
    return on_world(worlds[1])
  end
  vim.ui.select(worlds, { prompt = 'World:' }, function(world)
    if world then
      on_world(world)
    end
  end)
end

--- Finds the world to run: the one under the cursor, else the only one of the file, else
--- of the file's package (its directory); asks when there are several.
function M.find_world(client, bufnr, on_world)
  local line = api.nvim_win_get_buf(0) == bufnr and api.nvim_win_get_cursor(0)[1] - 1 or -1
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }
  request(client, 'textDocument/documentSymbol', params, function(err, symbols)
    if err then
      return notify('documentSymbol: ' .. (err.message or ''), vim.log.levels.ERROR)
    end
    local worlds = {}
    for _, symbol in ipairs(worlds_of(symbols, nil, {})) do
      table.insert(worlds, symbol.name)
      if symbol.range.start.line <= line and line <= symbol.range['end'].line then
        return on_world(symbol.name)
      end
    end
    if #worlds > 0 then
      return pick(worlds, on_world)
    end
    -- No world in this file: those of the other files of its package.
    local dir = vim.fs.dirname(api.nvim_buf_get_name(bufnr))
    request(client, 'workspace/symbol', { query = '' }, function(err2, found)
      local names, seen = {}, {}
      for _, symbol in ipairs(not err2 and found or {}) do
        local uri = symbol.location and symbol.location.uri
        if
          symbol.kind == SYMBOL_MODULE
          and uri
          and vim.fs.dirname(vim.uri_to_fname(uri)) == dir
          and (symbol.containerName or ''):find(':', 1, true)
          and not seen[symbol.name]
        then
          seen[symbol.name] = true
          table.insert(names, symbol.name)
        end
      end
      if #names == 0 then
        return notify('no world in this package to run', vim.log.levels.WARN)
      end
      pick(names, on_world)
    end, bufnr)
  end, bufnr)
end

--- Runs a world's component through the server (`wit-lsp.runWorld`) and shows the output.
---
--- opts.bufnr (default current), opts.world (default: found as `find_world` does),
--- opts.invoke (a call in WAVE; default `wasi:cli/run`), opts.component (a path; default
--- the world's component, from the `run.component` setting or found in the workspace),
--- opts.stubs. on_done(err, result) after the answer is shown.
function M.run(opts, on_done)
  opts = opts or {}
  local bufnr = opts.bufnr or api.nvim_get_current_buf()
  local client = M.clients(bufnr)[1]
  if not client then
    return notify('no wit-lsp server is attached to this buffer', vim.log.levels.ERROR)
  end
  local function go(world)
    local argument = { uri = vim.uri_from_bufnr(bufnr), world = world }
    if opts.invoke and opts.invoke ~= '' then
      argument.invoke = opts.invoke
    end
    if opts.component and opts.component ~= '' then
      argument.component = opts.component:match('^file:') and opts.component
        or vim.fn.fnamemodify(vim.fn.expand(opts.component), ':p')
    end
    argument.stubs = opts.stubs
    M.execute(client, 'wit-lsp.runWorld', argument, bufnr, on_done)
  end
  if opts.world then
    go(opts.world)
  else
    M.find_world(client, bufnr, go)
  end
end

--- `:WitRun [COMPONENT] [CALL]`: a first word ending in `.wasm` or `.wat` names the
--- component, the rest is the call.
function M.parse_run_args(args)
  args = vim.trim(args or '')
  local first, rest = args:match('^(%S+)%s*(.*)$')
  if first and (first:match('%.wasm$') or first:match('%.wat$')) then
    return { component = first, invoke = rest ~= '' and rest or nil }
  end
  return { invoke = args ~= '' and args or nil }
end

-- Client-side handlers of the server's commands (code lenses) ---------------------------

local last_call = {}

M.commands = {
  --- `▶ Run`: asks for the call (empty for `wasi:cli/run`), then runs it.
  ['wit-lsp.runWorld'] = function(command, ctx)
    local client = vim.lsp.get_client_by_id(ctx.client_id)
    local argument = vim.deepcopy((command.arguments or {})[1] or {})
    if not client then
      return
    end
    local key = (argument.uri or '') .. '#' .. (argument.world or '')
    vim.ui.input({
      prompt = ('Run %s: call (WAVE, empty for wasi:cli/run): '):format(argument.world or 'world'),
      default = last_call[key] or '',
    }, function(call)
      if call == nil then
        return
      end
      last_call[key] = call
      argument.invoke = call ~= '' and call or nil
      M.execute(client, command.command, argument, ctx.bufnr)
    end)
  end,
  --- `Check component`: shows what `wit-lsp targets` says.
  ['wit-lsp.checkComponent'] = function(command, ctx)
    local client = vim.lsp.get_client_by_id(ctx.client_id)
    if client then
      M.execute(client, command.command, (command.arguments or {})[1] or {}, ctx.bufnr)
    end
  end,
}

--- Registers the command handlers (unless the user has their own) and keeps the code
--- lenses of `bufnr` fresh. Called on LspAttach by `plugin/wit_lsp.lua`.
function M.on_attach(client, bufnr)
  for name, handler in pairs(M.commands) do
    if vim.lsp.commands[name] == nil then
      vim.lsp.commands[name] = handler
    end
  end
  local caps = client.server_capabilities or {}
  if vim.g.wit_lsp_codelens == false or not caps.codeLensProvider then
    return
  end
  local group = api.nvim_create_augroup('wit_lsp_codelens_' .. bufnr, { clear = true })
  local function refresh()
    if api.nvim_buf_is_valid(bufnr) and #M.clients(bufnr) > 0 then
      vim.lsp.codelens.refresh({ bufnr = bufnr })
    end
  end
  -- Neovim does not tell the server it may ask for a refresh
  -- (`workspace/codeLens/refresh`), so the lenses are asked for again whenever the
  -- server may have found, checked or lost a component: after each analysis (new
  -- diagnostics), on entering the buffer and after writing it.
  api.nvim_create_autocmd({ 'BufEnter', 'InsertLeave', 'BufWritePost', 'DiagnosticChanged' }, {
    group = group,
    buffer = bufnr,
    callback = refresh,
  })
  refresh()
end

-- Starting the server ------------------------------------------------------------------

--- Starts wit-lsp for the WIT buffers. On Neovim 0.11+ this is
--- `vim.lsp.config('wit_lsp', opts)` and `vim.lsp.enable('wit_lsp')`; on 0.10 a FileType
--- autocommand (see `setup_autostart`). opts are those of `vim.lsp.config`/`vim.lsp.start`
--- (cmd, settings, capabilities, on_attach, ...) and `root_markers`.
function M.setup(opts)
  opts = opts or {}
  if has_011 and vim.lsp.config and vim.lsp.enable then
    vim.lsp.config(M.name, opts)
    vim.lsp.enable(M.name)
  else
    M.setup_autostart(opts)
  end
end

--- What `setup` does on Neovim 0.10 (it works on 0.11 too): `vim.lsp.start` for each
--- buffer whose filetype is `wit`, one client per project root.
function M.setup_autostart(opts)
  opts = vim.tbl_deep_extend('force', M.defaults(), opts or {})
  local function start(bufnr)
    if vim.bo[bufnr].buftype ~= '' then
      return
    end
    local root = type(opts.root_dir) == 'function' and opts.root_dir(bufnr) or opts.root_dir
    root = root
      or vim.fs.root(bufnr, opts.root_markers)
      or vim.fs.dirname(api.nvim_buf_get_name(bufnr))
    local config = vim.tbl_extend('keep', {
      name = M.name,
      root_dir = root,
    }, opts)
    config.filetypes, config.root_markers = nil, nil
    vim.lsp.start(config, { bufnr = bufnr })
  end
  local group = api.nvim_create_augroup('wit_lsp_setup', { clear = true })
  api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = opts.filetypes,
    callback = function(args)
      start(args.buf)
    end,
  })
  for _, bufnr in ipairs(api.nvim_list_bufs()) do
    if api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(opts.filetypes, vim.bo[bufnr].filetype) then
      start(bufnr)
    end
  end
end

return M
