-- End-to-end test of the Neovim client in a real, headless Neovim 0.11: the plugin is
-- loaded from the repository (editors/neovim on the runtimepath), the server is the real
-- wit-lsp, the workspace a copy of test/fixture (with deps/) plus the greeter example.
--
--   nvim --headless --clean --cmd 'set rtp^=REPO/editors/neovim' -l e2e.lua
--
-- Environment (scripts/neovim-test.sh sets it):
--   WIT_TEST_REPO        the repository
--   WIT_TEST_WORKSPACE   the scratch copy of the fixture
--   WIT_TEST_SERVER      the server's command, split on spaces ("…/wit-lsp serve")
--   WIT_TEST_PARSER_DIR  optional: a directory with parser/wit.so (tree-sitter tests)
--
-- Prints one line per test and `N passed, N failed`; exits 1 when a test failed.

local api = vim.api
local env = vim.env
local repo = assert(env.WIT_TEST_REPO, 'WIT_TEST_REPO is not set')
local ws = assert(env.WIT_TEST_WORKSPACE, 'WIT_TEST_WORKSPACE is not set')
local server = vim.split(assert(env.WIT_TEST_SERVER, 'WIT_TEST_SERVER is not set'), ' ', { trimempty = true })
local parser_dir = env.WIT_TEST_PARSER_DIR ~= '' and env.WIT_TEST_PARSER_DIR or nil
ws = vim.fs.normalize(vim.uv.fs_realpath(ws))

local TIMEOUT = 15000
local passed, failed = 0, 0

local function out(line)
  io.stdout:write(line .. '\n')
end

local function test(name, fn)
  local ok, err = pcall(fn)
  if ok then
    passed = passed + 1
    out('ok    ' .. name)
  else
    failed = failed + 1
    out('FAIL  ' .. name)
    io.stdout:write('      ' .. tostring(err):gsub('\n', '\n      ') .. '\n')
  end
end

local function wait(what, condition, timeout)
  if not vim.wait(timeout or TIMEOUT, condition, 20) then
    error('timed out waiting for ' .. what, 2)
  end
end

local function eq(expected, actual, what)
  if not vim.deep_equal(expected, actual) then
    error(('%s: expected %s, got %s'):format(what or 'value', vim.inspect(expected), vim.inspect(actual)), 2)
  end
end

local function check(condition, message)
  if not condition then
    error(message, 2)
  end
end

-- Messages the plugin shows, for the tests to look at.
local messages = {}
vim.notify = function(message, level)
  table.insert(messages, { message = message, level = level })
end

local function path(rel)
  return ws .. '/' .. rel
end

local function open(rel)
  if api.nvim_buf_get_name(0) ~= path(rel) then
    vim.cmd.edit(vim.fn.fnameescape(path(rel)))
  end
  return api.nvim_get_current_buf()
end

--- Throws away the unsaved changes of every buffer.
local function revert_all()
  for _, b in ipairs(api.nvim_list_bufs()) do
    if api.nvim_buf_is_loaded(b) and vim.bo[b].modified and vim.bo[b].buftype == '' then
      api.nvim_buf_call(b, function()
        vim.cmd('silent edit!')
      end)
    end
  end
end

local function lines(buf)
  return api.nvim_buf_get_lines(buf, 0, -1, false)
end

--- Puts the cursor on the first occurrence of `pattern` (plain) on line `lnum` (1-based).
local function cursor_on(lnum, pattern)
  local line = api.nvim_buf_get_lines(0, lnum - 1, lnum, false)[1]
  local col = assert(line:find(pattern, 1, true), ('%q not on line %d: %q'):format(pattern, lnum, line))
  api.nvim_win_set_cursor(0, { lnum, col - 1 })
end

local client
local function need_client()
  if not client or client:is_stopped() then
    error('no wit-lsp client (the server did not start, or died)', 0)
  end
  return client
end

local function request(buf, method, params)
  need_client()
  local answer, err = client:request_sync(method, params, TIMEOUT, buf)
  check(answer, method .. ': no answer: ' .. tostring(err))
  check(not answer.err, method .. ': ' .. vim.inspect(answer.err))
  return answer.result
end

local function position_params(buf)
  return vim.lsp.util.make_position_params(0, need_client().offset_encoding)
end

-- The output buffer of :WitRun and the lenses.
local function output_text()
  local buf = vim.fn.bufnr('wit-lsp://output')
  return buf ~= -1 and table.concat(lines(buf), '\n') or ''
end

local function clear_output()
  local buf = vim.fn.bufnr('wit-lsp://output')
  if buf ~= -1 then
    vim.bo[buf].modifiable = true
    api.nvim_buf_set_lines(buf, 0, -1, false, {})
  end
end

-- Setup ------------------------------------------------------------------------------

if parser_dir then
  vim.opt.runtimepath:append(parser_dir)
end
vim.cmd('filetype plugin on')

vim.lsp.config('wit_lsp', {
  cmd = server,
  settings = {
    ['wit-lsp'] = {
      run = { component = { host = 'greeter.wat' }, cache = ws .. '/.cache' },
    },
  },
})
vim.lsp.enable('wit_lsp')

-- The plugin -------------------------------------------------------------------------

test('queries/wit/*.scm are copies of grammars/tree-sitter-wit/queries/*.scm', function()
  local ours = vim.fn.globpath(repo .. '/editors/neovim/queries/wit', '*.scm', false, true)
  local grammar = vim.fn.globpath(repo .. '/grammars/tree-sitter-wit/queries', '*.scm', false, true)
  local names = function(files)
    return vim.tbl_map(function(f)
      return vim.fs.basename(f)
    end, files)
  end
  eq(names(grammar), names(ours), 'query files')
  for _, file in ipairs(grammar) do
    local copy = repo .. '/editors/neovim/queries/wit/' .. vim.fs.basename(file)
    check(
      table.concat(vim.fn.readfile(file, 'b'), '\n') == table.concat(vim.fn.readfile(copy, 'b'), '\n'),
      ('%s differs from %s: cp grammars/tree-sitter-wit/queries/*.scm editors/neovim/queries/wit/'):format(copy, file)
    )
  end
end)

test('plugin loaded: :WitCheck, :WitRun, filetype and ftplugin', function()
  eq(2, vim.fn.exists(':WitCheck'), ':WitCheck')
  eq(2, vim.fn.exists(':WitRun'), ':WitRun')
  local buf = open('wit/main.wit')
  eq('wit', vim.bo[buf].filetype, 'filetype')
  eq('// %s', vim.bo[buf].commentstring, 'commentstring')
end)

test('lsp/wit_lsp.lua is the config vim.lsp.enable uses', function()
  local config = vim.lsp.config.wit_lsp
  eq({ 'wit' }, config.filetypes, 'filetypes')
  eq({ 'wit', 'deps', '.git' }, config.root_markers, 'root_markers')
  eq(server, config.cmd, 'cmd (overridden by the test)')
end)

test('nvim-lspconfig config (lua/lspconfig/configs/wit_lsp.lua)', function()
  local config = require('lspconfig.configs.wit_lsp').default_config
  eq({ 'wit-lsp', 'serve' }, config.cmd, 'cmd')
  eq({ 'wit' }, config.filetypes, 'filetypes')
  eq(ws, config.root_dir(path('wit/deps/logging/log.wit')), 'root_dir of a deps file')
end)

-- The server -------------------------------------------------------------------------

test('attach: the server starts, with the workspace as root', function()
  local buf = api.nvim_get_current_buf()
  wait('the client to attach', function()
    client = vim.lsp.get_clients({ bufnr = buf, name = 'wit_lsp' })[1]
    return client ~= nil and client.initialized and not client:is_stopped()
  end)
  eq('wit-lsp', client.server_info and client.server_info.name, 'server name')
  eq(ws, client.root_dir, 'root_dir')
end)

test('diagnostics on a broken file (every syntax error, byte columns)', function()
  need_client()
  local buf = open('broken/broken.wit')
  local diags
  wait('2 diagnostics', function()
    diags = vim.diagnostic.get(buf)
    return #diags == 2
  end)
  table.sort(diags, function(a, b)
    return a.lnum < b.lnum
  end)
  eq({ 3, 21, 'syntax' }, { diags[1].lnum, diags[1].col, diags[1].code }, 'first diagnostic')
  -- `é` is two bytes: character 30 is byte 31.
  eq({ 4, 31, 'syntax' }, { diags[2].lnum, diags[2].col, diags[2].code }, 'second diagnostic')
  eq(vim.diagnostic.severity.ERROR, diags[1].severity, 'severity')
  check(diags[1].message:find('expected a type', 1, true), 'message: ' .. diags[1].message)
end)

test('diagnostics follow edits (didChange) and go on undo', function()
  need_client()
  local buf = open('wit/main.wit')
  wait('main.wit to be clean', function()
    return #vim.diagnostic.get(buf) == 0
  end)
  api.nvim_buf_set_lines(buf, 7, 7, false, { '  bad: func() -> nope;' })
  local diags
  wait('a diagnostic on the new line', function()
    diags = vim.diagnostic.get(buf)
    return #diags > 0
  end)
  eq(7, diags[1].lnum, 'line')
  check(diags[1].message:find('nope', 1, true), 'message: ' .. diags[1].message)
  api.nvim_buf_set_lines(buf, 7, 8, false, {})
  vim.bo[buf].modified = false
  wait('the diagnostic to go', function()
    return #vim.diagnostic.get(buf) == 0
  end)
end)

test('definition across files (vim.lsp.buf.definition)', function()
  need_client()
  open('wit/main.wit')
  cursor_on(7, 'point')
  vim.lsp.buf.definition()
  wait('a jump to types.wit', function()
    return api.nvim_buf_get_name(0) == path('wit/types.wit')
  end)
  eq({ 6, 9 }, api.nvim_win_get_cursor(0), 'cursor on `point` in types.wit')
end)

test('definition into deps/', function()
  need_client()
  local buf = open('wit/main.wit')
  cursor_on(8, 'level')
  local result = request(buf, 'textDocument/definition', position_params(buf))
  local location = result[1] or result
  eq(vim.uri_from_fname(path('wit/deps/logging/log.wit')), location.uri or location.targetUri, 'uri')
  eq(4, (location.range or location.targetSelectionRange).start.line, 'line of `enum level`')
end)

test('hover', function()
  need_client()
  local buf = open('wit/main.wit')
  cursor_on(7, 'point')
  local result = request(buf, 'textDocument/hover', position_params(buf))
  local contents = result.contents
  local text = type(contents) == 'string' and contents or contents.value or vim.inspect(contents)
  check(text:find('record point', 1, true), 'hover lacks `record point`: ' .. text)
  check(text:find('A point on the plane.', 1, true), 'hover lacks the docs: ' .. text)
end)

test('completion: types in scope and builtins', function()
  need_client()
  local buf = open('wit/main.wit')
  api.nvim_buf_set_lines(buf, 8, 8, false, { '  make: func() -> ' })
  api.nvim_win_set_cursor(0, { 9, #'  make: func() -> ' })
  local result = request(buf, 'textDocument/completion', position_params(buf))
  local items = result.items or result
  local labels = {}
  for _, item in ipairs(items) do
    labels[item.label] = true
  end
  api.nvim_buf_set_lines(buf, 8, 9, false, {})
  vim.bo[buf].modified = false
  for _, label in ipairs({ 'point', 'level', 'u32', 'string' }) do
    check(labels[label], ('no completion `%s` among %s'):format(label, vim.inspect(vim.tbl_keys(labels))))
  end
end)

test('formatting (vim.lsp.buf.format)', function()
  need_client()
  local buf = open('wit/shapes.wit')
  vim.lsp.buf.format({ bufnr = buf, async = false, timeout_ms = TIMEOUT })
  eq({
    'interface shapes {',
    '  use types.{point};',
    '  square: func(corner: point, side: u32) -> list<point>;',
    '}',
  }, lines(buf), 'formatted shapes.wit (2 spaces: ftplugin/wit.lua sets expandtab, shiftwidth=2)')
  revert_all()
end)

test('rename across files (vim.lsp.buf.rename)', function()
  need_client()
  local main = open('wit/main.wit')
  cursor_on(7, 'point')
  vim.lsp.buf.rename('coord')
  local types, shapes
  messages = {}
  local ok = pcall(wait, 'the rename in every file', function()
    types, shapes = vim.fn.bufnr(path('wit/types.wit')), vim.fn.bufnr(path('wit/shapes.wit'))
    return lines(main)[4] == '  use types.{coord};'
      and types ~= -1
      and lines(types)[6] == '  record coord {'
      and shapes ~= -1
      and lines(shapes)[3] == '    square:func(corner:coord,side:u32)->list<coord>;'
  end)
  if not ok then
    error(('timed out waiting for the rename in every file: main.wit %s, types.wit %s, shapes.wit %s, messages %s'):format(
      vim.inspect(lines(main)),
      vim.inspect(types ~= -1 and lines(types)),
      vim.inspect(shapes ~= -1 and lines(shapes)),
      vim.inspect(messages)
    ))
  end
  eq('  report: func(p: coord, l: level);', lines(main)[8], 'main.wit line 8')
  eq('  distance: func(a: coord, b: coord) -> u32;', lines(types)[12], 'types.wit line 12')
end)
revert_all()

test(':WitCheck fills the quickfix list from `wit-lsp check --format json`', function()
  need_client()
  open('wit/main.wit')
  vim.fn.setqflist({}, 'f')
  vim.cmd('WitCheck')
  wait('the quickfix list', function()
    return vim.fn.getqflist({ title = 0 }).title == 'wit-lsp check'
  end)
  local items = vim.fn.getqflist()
  eq(2, #items, 'items: ' .. vim.inspect(items))
  local got = {}
  for _, item in ipairs(items) do
    table.insert(got, { api.nvim_buf_get_name(item.bufnr), item.lnum, item.col, item.type })
  end
  eq({
    { path('broken/broken.wit'), 4, 22, 'E' },
    -- character 31, byte 32 (after `é`).
    { path('broken/broken.wit'), 5, 32, 'E' },
  }, got, 'quickfix items')
  check(items[1].text:find('[syntax] expected a type', 1, true), 'text: ' .. items[1].text)
  eq(path('wit/main.wit'), api.nvim_buf_get_name(0), 'the cursor stays in its window')
end)

test(':WitCheck PATH OPTIONS (relative to the current directory)', function()
  need_client()
  eq(ws, vim.fn.getcwd(), 'cwd')
  vim.fn.setqflist({}, 'f')
  vim.cmd('WitCheck wit --deny warnings')
  wait('the quickfix list', function()
    return vim.fn.getqflist({ title = 0 }).title == 'wit-lsp check'
  end)
  eq({}, vim.fn.getqflist(), 'items of the clean package')
  vim.cmd('WitCheck broken/broken.wit')
  wait('2 items', function()
    return #vim.fn.getqflist() == 2
  end)
  eq(path('broken/broken.wit'), api.nvim_buf_get_name(vim.fn.getqflist()[1].bufnr), 'file')
end)

test(':WitRun CALL runs the world under the cursor (run.component)', function()
  need_client()
  open('greeter/greeter.wit')
  clear_output()
  cursor_on(11, 'export')
  vim.cmd('WitRun greet("nvim")')
  wait('"Hello, nvim!" in the output buffer', function()
    return output_text() == '"Hello, nvim!"'
  end)
  check(vim.fn.bufwinid('wit-lsp://output') ~= -1, 'the output is not shown in a window')
end)

test(':WitRun outside a world runs the only world; :WitRun COMPONENT CALL', function()
  need_client()
  open('greeter/greeter.wit')
  clear_output()
  api.nvim_win_set_cursor(0, { 1, 0 })
  vim.cmd('WitRun greeter.wat greet("only")')
  wait('"Hello, only!" in the output buffer', function()
    return output_text() == '"Hello, only!"'
  end)
end)

test(':WitRun with a wrong call shows the server error', function()
  need_client()
  open('greeter/greeter.wit')
  messages = {}
  vim.cmd('WitRun greet(42)')
  wait('an error message', function()
    return vim.iter(messages):any(function(m)
      return m.level == vim.log.levels.ERROR and m.message:find('greet', 1, true) ~= nil
    end)
  end)
  out('      ' .. messages[#messages].message:gsub('\n', '\n      '))
end)

test(':WitRun in a file without a world runs its package\'s world', function()
  need_client()
  open('wit/types.wit')
  messages = {}
  vim.cmd('WitRun')
  -- world `app` (in main.wit) has no component: the server says so.
  wait('an answer about world `app`', function()
    return vim.iter(messages):any(function(m)
      return m.message:find('world `app`', 1, true) ~= nil
    end)
  end)
end)

test('code lenses: ▶ Run and Check component, run with vim.lsp.codelens.run()', function()
  need_client()
  local buf = open('greeter/greeter.wit')
  local lenses
  wait('two lenses (refreshed by the plugin)', function()
    lenses = vim.lsp.codelens.get(buf)
    return #lenses == 2
  end)
  local titles = vim.tbl_map(function(l)
    return l.command.title
  end, lenses)
  table.sort(titles)
  eq({ 'Check component greeter.wat', '▶ Run greeter.wat' }, titles, 'lens titles')
  api.nvim_win_set_cursor(0, { lenses[1].range.start.line + 1, 0 })

  local ui_select, ui_input = vim.ui.select, vim.ui.input
  local choose
  vim.ui.select = function(items, opts, on_choice)
    for _, item in ipairs(items) do
      local title = opts.format_item and opts.format_item(item) or tostring(item)
      if title:find(choose, 1, true) then
        return on_choice(item)
      end
    end
    on_choice(nil)
  end
  vim.ui.input = function(_, on_confirm)
    on_confirm('greet("lens")')
  end
  local ok, err = pcall(function()
    clear_output()
    choose = '▶ Run'
    vim.lsp.codelens.run()
    wait('"Hello, lens!" from the ▶ Run lens', function()
      return output_text() == '"Hello, lens!"'
    end)
    clear_output()
    messages = {}
    choose = 'Check component'
    vim.lsp.codelens.run()
    wait('the output of Check component', function()
      return output_text():find('greeter.wat', 1, true) ~= nil
    end)
    check(
      vim.iter(messages):any(function(m)
        return m.level == vim.log.levels.INFO and m.message:find('checkComponent host', 1, true) ~= nil
      end),
      'no verdict: ' .. vim.inspect(messages) .. ' output: ' .. output_text()
    )
  end)
  vim.ui.select, vim.ui.input = ui_select, ui_input
  if not ok then
    error(err, 0)
  end
end)

-- Tree-sitter ------------------------------------------------------------------------

test('tree-sitter: the wit parser highlights with our queries', function()
  if not parser_dir then
    error('no parser built (WIT_TEST_PARSER_DIR is not set; is there a C compiler?)')
  end
  local buf = open('wit/types.wit')
  local parser = vim.treesitter.get_parser(buf, 'wit')
  check(parser, 'no parser')
  local tree = parser:parse()[1]
  eq('source_file', tree:root():type(), 'root node')
  check(not tree:root():has_error(), 'types.wit parses with an error')
  check(vim.treesitter.highlighter.active[buf], 'ftplugin/wit.lua did not start highlighting')
  local function captures(row, col)
    return vim.tbl_map(function(c)
      return c.capture
    end, vim.treesitter.get_captures_at_pos(buf, row, col))
  end
  -- `interface` (line 4) and `record` (line 6) are keywords.
  for _, at in ipairs({ { 3, 0 }, { 5, 2 } }) do
    local names = captures(at[1], at[2])
    check(
      vim.iter(names):any(function(n)
        return n == 'keyword' or n:match('^keyword%.') ~= nil
      end),
      ('no @keyword capture at %d:%d: %s'):format(at[1], at[2], vim.inspect(names))
    )
  end
  -- Every query of ours parses against the parser.
  for _, kind in ipairs({ 'highlights', 'folds', 'indents', 'locals' }) do
    check(vim.treesitter.query.get('wit', kind), 'no ' .. kind .. ' query')
  end
end)

-- The 0.10 path: require('wit_lsp').setup_autostart ------------------------------------

test('setup_autostart (the Neovim 0.10 path): attach, diagnostics, definition', function()
  need_client()
  vim.lsp.enable('wit_lsp', false)
  wait('the first client to stop', function()
    return client:is_stopped()
  end)
  vim.cmd('silent! %bwipeout!')
  require('wit_lsp').setup_autostart({ cmd = server })
  local buf = open('broken/broken.wit')
  local legacy
  wait('a client started by setup_autostart', function()
    legacy = vim.lsp.get_clients({ bufnr = buf, name = 'wit_lsp' })[1]
    return legacy ~= nil and legacy.initialized
  end)
  check(legacy.id ~= client.id, 'the same client as before')
  eq(ws, legacy.root_dir, 'root_dir')
  wait('2 diagnostics', function()
    return #vim.diagnostic.get(buf) == 2
  end)
  client = legacy
  open('wit/main.wit')
  cursor_on(7, 'point')
  vim.lsp.buf.definition()
  wait('a jump to types.wit', function()
    return api.nvim_buf_get_name(0) == path('wit/types.wit')
  end)
end)

-- Done -------------------------------------------------------------------------------

if failed > 0 then
  local log = vim.lsp.get_log_path()
  out('lsp log (' .. log .. '), last lines:')
  local log_lines = vim.fn.filereadable(log) == 1 and vim.fn.readfile(log) or {}
  for i = math.max(1, #log_lines - 15), #log_lines do
    out('  ' .. log_lines[i]:sub(1, 400))
  end
end
for _, c in ipairs(vim.lsp.get_clients()) do
  c:stop()
end
vim.wait(3000, function()
  return #vim.lsp.get_clients() == 0
end, 20)
out(('%d passed, %d failed'):format(passed, failed))
os.exit(failed > 0 and 1 or 0)
