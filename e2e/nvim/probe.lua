-- Scalelint's language server under a second, independent LSP client: Neovim 0.7.2 (Debian bookworm).
-- 0.7 API only: vim.lsp.start / vim.lsp.get_clients / `nvim -l` do not exist there, and 0.7 has no pull
-- diagnostics, so the server has to push textDocument/publishDiagnostics to this client.
--
-- env: SCALELINT_SERVER  server/out/server.js        SCALELINT_ROOT  workspace folder (a copy)
--      SCALELINT_FILE    file to open (absolute)      SCALELINT_WAIT_MS  bound for each wait (default 30000)
-- Prints PASS or FAIL: <why>; exits with :cquit 1 on failure.
local RULE = 'sync-blocking-call'
local CALL = 'readFileSync('
local FIXED = 'await readFile('

local started = vim.loop.hrtime()
local server = os.getenv('SCALELINT_SERVER')
local root = os.getenv('SCALELINT_ROOT')
local file = os.getenv('SCALELINT_FILE')
local wait_ms = tonumber(os.getenv('SCALELINT_WAIT_MS') or '') or 30000

local function say(fmt, ...)
  io.stdout:write(string.format(fmt, ...) .. '\n')
end

local Failure = {}
local function check(ok, fmt, ...)
  if not ok then
    error(setmetatable({ message = string.format(fmt, ...) }, Failure), 0)
  end
  return ok
end

-- 0.7 keeps only the LSP-only fields (code, data, ...) in user_data.lsp.
local function lsp_fields(d)
  return d.user_data and d.user_data.lsp or nil
end

local function utf16_col(bufnr, lnum, byte_col)
  local line = vim.api.nvim_buf_get_lines(bufnr, lnum, lnum + 1, false)[1] or ''
  local _, col = vim.str_utfindex(line, math.min(byte_col, #line))
  return col
end

-- The diagnostic back in LSP form (UTF-16 columns), as the server sent it, for codeAction's context.
local function to_lsp(bufnr, d)
  return vim.tbl_extend('keep', {
    range = {
      start = { line = d.lnum, character = utf16_col(bufnr, d.lnum, d.col) },
      ['end'] = { line = d.end_lnum, character = utf16_col(bufnr, d.end_lnum, d.end_col) },
    },
    severity = d.severity,
    message = d.message,
    source = d.source,
  }, lsp_fields(d))
end

local function rule_diagnostics(bufnr)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = lsp_fields(d)
    if lsp and lsp.code == RULE then
      table.insert(found, d)
    end
  end
  return found
end

local function line_of(bufnr, lnum)
  return vim.api.nvim_buf_get_lines(bufnr, lnum, lnum + 1, false)[1] or ''
end

-- Diagnostics of RULE that sit on a `readFileSync(` call.
local function blocking_reads(bufnr)
  local found = {}
  for _, d in ipairs(rule_diagnostics(bufnr)) do
    if line_of(bufnr, d.lnum):find(CALL, 1, true) then
      table.insert(found, d)
    end
  end
  return found
end

local function first_result(responses, method)
  check(responses ~= nil, '%s: no response within %d ms', method, wait_ms)
  for _, response in pairs(responses) do
    check(response.error == nil, '%s failed: %s', method, vim.inspect(response.error))
    return response.result
  end
end

local function probe()
  check(server and root and file, 'SCALELINT_SERVER, SCALELINT_ROOT and SCALELINT_FILE must be set')
  say('nvim %s', tostring(vim.version().major .. '.' .. vim.version().minor .. '.' .. vim.version().patch))

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  -- With -u NONE there is no filetype detection, and 0.7 sends the filetype as languageId.
  vim.bo[bufnr].filetype = 'typescript'

  local exited
  local client_id = vim.lsp.start_client({
    name = 'scalelint',
    cmd = { 'node', server, '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = vim.fn.fnamemodify(root, ':t') } },
    on_exit = function(code, signal)
      exited = string.format('server exited (code %s, signal %s)', code, signal)
    end,
  })
  check(client_id, 'vim.lsp.start_client returned nothing')
  check(vim.lsp.buf_attach_client(bufnr, client_id), 'buf_attach_client failed')
  local client = vim.lsp.get_client_by_id(client_id)

  vim.wait(wait_ms, function()
    return exited ~= nil or #blocking_reads(bufnr) > 0
  end, 20)
  check(not exited, '%s', exited or '')
  for _, d in ipairs(rule_diagnostics(bufnr)) do
    say('DIAG line %d col %d %s: %s', d.lnum + 1, d.col + 1, RULE, d.message)
  end
  local before = blocking_reads(bufnr)
  check(#before > 0,
    'no %s diagnostic on a %s line within %d ms (0.7 cannot pull diagnostics: the server must push them '
      .. 'to clients without the textDocument.diagnostic capability)', RULE, CALL, wait_ms)
  local target = to_lsp(bufnr, before[1])

  local actions = first_result(vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = target.range,
    context = { diagnostics = { target } },
  }, wait_ms), 'textDocument/codeAction') or {}
  local chosen
  for _, action in ipairs(actions) do
    say('ACTION %s kind=%s preferred=%s', action.title, tostring(action.kind), tostring(action.isPreferred))
    if not chosen and action.title:find('await', 1, true) then
      chosen = action
    end
  end
  check(chosen, 'no code action whose title contains "await" among %d', #actions)

  -- A server may leave the edit to codeAction/resolve, or apply it through a command.
  if not chosen.edit and not chosen.command and chosen.data ~= nil then
    chosen = first_result(vim.lsp.buf_request_sync(bufnr, 'codeAction/resolve', chosen, wait_ms), 'codeAction/resolve')
  end
  if chosen.edit then
    vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
  end
  if chosen.command then
    local command = type(chosen.command) == 'table' and chosen.command or chosen
    first_result(vim.lsp.buf_request_sync(bufnr, 'workspace/executeCommand',
      { command = command.command, arguments = command.arguments }, wait_ms), 'workspace/executeCommand')
  end
  check(chosen.edit or chosen.command, 'the chosen action has neither an edit nor a command')

  local fixed_line
  local mentions = {}
  for lnum, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if text:find(FIXED, 1, true) then
      fixed_line = lnum
      say('LINE %d after fix: %s', lnum, text)
    elseif text:find('readFile', 1, true) then
      table.insert(mentions, string.format('\n  %d: %s', lnum, text))
    end
  end
  check(fixed_line, 'no line contains %q after applying "%s" (edit: %s); lines with readFile now:%s',
    FIXED, chosen.title, vim.inspect(chosen.edit or chosen.command, { newline = ' ', indent = '' }), table.concat(mentions))

  -- The server re-checks the changed buffer and drops the finding.
  local cleared = vim.wait(wait_ms, function()
    return #blocking_reads(bufnr) < #before
  end, 20)
  check(cleared, '%s diagnostics on %s lines stayed at %d for %d ms after the fix', RULE, CALL, #before, wait_ms)
  say('diagnostics on %s lines: %d before the fix, %d after', CALL, #before, #blocking_reads(bufnr))

  vim.lsp.stop_client(client_id)
end

local ok, err = pcall(probe)
if ok then
  say('PASS in %d ms', (vim.loop.hrtime() - started) / 1e6)
  vim.cmd('qall!')
else
  say('FAIL: %s', getmetatable(err) == Failure and err.message or tostring(err))
  vim.cmd('cquit 1')
end
