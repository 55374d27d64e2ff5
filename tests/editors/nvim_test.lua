-- Neovim 0.11 headless with the real server and the plugin in editors/nvim:
-- diagnostics (codes and ranges), findings while typing, hover on a person, code actions
-- applied (a fix, "Mark as needing a source", "Disable CODE in this workspace"), copydesk.toml
-- edited and saved, :CopydeskLedger, and what a missing binary says.
-- Run: COPYDESK_BIN=... COPYDESK_ROOT=... nvim --headless --clean -n -u NONE -l nvim_test.lua
local root = assert(os.getenv('COPYDESK_ROOT'))
local bin = assert(os.getenv('COPYDESK_BIN'))
local passed, failed = 0, 0
local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    io.stdout:write('ok - ' .. name .. '\n')
  else
    failed = failed + 1
    io.stdout:write('not ok - ' .. name .. (detail and (': ' .. tostring(detail)) or '') .. '\n')
  end
end

-- The plugin is loaded the way editors/nvim/README.md's lazy.nvim spec does it: that spec,
-- read from the README, with the repository as the plugin's folder (lazy.nvim itself would
-- clone it from GitHub), the binary under test and no debounce.
local readme = table.concat(vim.fn.readfile(root .. '/editors/nvim/README.md'), '\n')
local block = readme:match('## lazy.nvim.-```lua\n(.-)\n```')
local spec = block and load('return ' .. block)()
check('the README has a lazy.nvim spec with a build step', spec and spec.build == 'cargo install --locked --path .', block)
spec.config({ dir = root }, vim.tbl_extend('force', spec.opts, { cmd = bin, debounce_ms = 0 }))
check(':CopydeskLedger exists after the spec', vim.fn.exists(':CopydeskLedger') == 2)

-- A copy of the seed, so that edits stay in the test.
local dir = vim.fn.tempname()
vim.fn.mkdir(dir, 'p')
local story = dir .. '/peace-talks.txt'
vim.fn.writefile(vim.fn.readfile(root .. '/seeds/peace-talks.txt', 'b'), story, 'b')
vim.cmd.edit(story)
local buf = vim.api.nvim_get_current_buf()
check('filetype is text', vim.bo[buf].filetype == 'text', vim.bo[buf].filetype)

local got = vim.wait(15000, function()
  return #vim.diagnostic.get(buf) > 0
end, 50)
check('diagnostics arrive', got)
local diags = vim.diagnostic.get(buf)
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
local function under(d)
  if d.lnum ~= d.end_lnum then
    return lines[d.lnum + 1]:sub(d.col + 1)
  end
  return lines[d.lnum + 1]:sub(d.col + 1, d.end_col)
end
local found = {}
for _, d in ipairs(diags) do
  check('source is copydesk', d.source == 'copydesk', d.source)
  found[d.code .. '|' .. under(d)] = d
end
check('casualty figure flagged', found['unattributed-claim|Talks to end the war with Russia are set to begin, nearly three years after the invasion of Ukraine, which has caused the loss of tens of thousands of lives.'] ~= nil, vim.inspect(vim.tbl_keys(found)))
check('loaded verb range is exact', found['loaded-attribution-verb|conceded'] ~= nil)
check('scare quote range is exact', found["scare-quote|'off-ramp'"] ~= nil)

local client = vim.lsp.get_clients({ bufnr = buf, name = 'copydesk' })[1]
check('client attached', client ~= nil)
-- Findings stay visible in insert mode (Neovim's default hides them while typing).
local ns = vim.lsp.diagnostic.get_namespace(client.id, false)
check('findings update in insert mode', vim.diagnostic.config(nil, ns).update_in_insert == true)

-- Hover on "Peskov".
local row, col
for i, l in ipairs(lines) do
  local c = l:find('Peskov stated', 1, true)
  if c then
    row, col = i - 1, c - 1
  end
end
local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = row, character = col } }
local res = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 5000)
local hover = ''
for _, r in pairs(res or {}) do
  if r.result then
    hover = r.result.contents.value
  end
end
check('hover names Dmitry Peskov, Press Secretary', hover:find('Dmitry Peskov', 1, true) and hover:find('Press Secretary', 1, true), hover)

-- The code actions the server offers for diagnostic `x`.
local function actions_at(x)
  local lsp_d = x.user_data and x.user_data.lsp or {}
  local r = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = lsp_d.range,
    context = { diagnostics = { lsp_d } },
  }, 5000)
  local out = {}
  for _, res in pairs(r or {}) do
    vim.list_extend(out, res.result or {})
  end
  return out
end
-- The code actions offered for the first finding of `code`.
local function actions_for(code)
  for _, x in ipairs(vim.diagnostic.get(buf)) do
    if x.code == code then
      return actions_at(x), x
    end
  end
  return {}, nil
end
local function titled(acts, prefix)
  for _, a in ipairs(acts) do
    if a.title:sub(1, #prefix) == prefix then
      return a
    end
  end
end

-- Code action on "conceded", applied through Neovim's own edit machinery.
local d = found['loaded-attribution-verb|conceded']
if d then
  local action = titled(actions_at(d), "Replace 'conceded' with 'said'")
  check('code action offered', action ~= nil)
  if action then
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
    local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
    check('code action applied to the buffer', text:find('membership was unlikely and said that reclaiming', 1, true) ~= nil)
    check('the rest of the text is intact', select(2, text:gsub('Trump', '')) == 11)
    -- The server sees the edit: the loaded-verb finding goes away.
    local gone = vim.wait(10000, function()
      for _, x in ipairs(vim.diagnostic.get(buf)) do
        if x.code == 'loaded-attribution-verb' then
          return false
        end
      end
      return true
    end, 50)
    check('diagnostics follow the edit', gone)
  end
end

-- "Mark as needing a source": the warning becomes an open TK item (info), offered once.
local speculation = 'The potential lifting of sanctions'
local function finding_on(prefix)
  for _, x in ipairs(vim.diagnostic.get(buf)) do
    if x.code == 'unattributed-claim' and (vim.api.nvim_buf_get_lines(buf, x.lnum, x.lnum + 1, false)[1] or ''):sub(x.col + 1, x.col + #prefix) == prefix then
      return x
    end
  end
end
local target = finding_on(speculation)
check('a speculation is a warning', target and target.severity == vim.diagnostic.severity.WARN)
if target then
  local mark = titled(actions_at(target), 'Mark as needing a source')
  check('"Mark as needing a source" offered', mark ~= nil)
  if mark then
    vim.lsp.util.apply_workspace_edit(mark.edit, client.offset_encoding)
    local open = vim.wait(10000, function()
      local x = finding_on(speculation)
      return x and x.severity == vim.diagnostic.severity.INFO and x.message:find('^TK open') ~= nil
    end, 50)
    check('a TK-marked claim is an open item (info)', open, vim.inspect(finding_on(speculation)))
    local x = finding_on(speculation)
    if x then
      local again = actions_at(x)
      check('the TK mark is not offered twice', titled(again, 'Mark as needing a source') == nil and #again > 0)
    end
  end
end

-- "Disable scare-quote in this workspace": copydesk.toml is written and saved, and the finding
-- goes; editing copydesk.toml back (and saving it) brings it back.
local function has_code(code)
  for _, x in ipairs(vim.diagnostic.get(buf)) do
    if x.code == code then
      return true
    end
  end
  return false
end
local acts = actions_for('scare-quote')
local disable = titled(acts, 'Disable scare-quote in this workspace')
check('"Disable scare-quote" offered', disable ~= nil and disable.command ~= nil)
if disable then
  client:exec_cmd(disable.command, { bufnr = buf })
  local gone = vim.wait(10000, function()
    return not has_code('scare-quote')
  end, 50)
  check('disabling removes the finding', gone)
  local cfg = dir .. '/copydesk.toml'
  local saved = vim.fn.filereadable(cfg) == 1 and table.concat(vim.fn.readfile(cfg), '\n') or ''
  check('copydesk.toml is saved with the code disabled', saved:find('disable = ["scare-quote"]', 1, true) ~= nil, saved)
  local cbuf = vim.fn.bufnr(cfg)
  check('no unsaved copydesk.toml buffer is left', cbuf == -1 or not vim.bo[cbuf].modified)
  -- The reporter changes their mind: edit the file in Neovim and save it.
  vim.cmd('silent split ' .. vim.fn.fnameescape(cfg))
  vim.api.nvim_buf_set_lines(0, 0, -1, false, { '[checks]', 'disable = []' })
  vim.cmd('silent write')
  vim.cmd('close')
  local back = vim.wait(10000, function()
    return has_code('scare-quote')
  end, 50)
  check('saving copydesk.toml refreshes the story', back)
end

-- :CopydeskLedger: the buffer's text (unsaved), under the story's configuration.
vim.api.nvim_buf_set_lines(buf, -1, -1, false, { '', 'Zorblax Quint said the talks were over.' })
vim.cmd('CopydeskLedger')
local ledger = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
check(':CopydeskLedger shows the people', ledger:find('# Claim ledger', 1, true) and ledger:find('Kirill Dmitriev', 1, true), ledger:sub(1, 200))
check(':CopydeskLedger reads the unsaved buffer', ledger:find('Zorblax Quint** (1 mention)', 1, true) ~= nil, ledger)
vim.cmd('close')

-- Inlay hints: the speaker after a quote whose tag is in another sentence, and none when the
-- quote's own sentence names the speaker; the setting turns them off.
local qstory = dir .. '/quotes.txt'
vim.fn.writefile({
  'Talks resume',
  '',
  'Kremlin spokesman Dmitry Peskov spoke on Friday. \u{201c}We are ready for talks,\u{201d} Peskov said. \u{201c}The ball is in their court. They know our terms.\u{201d}',
}, qstory)
vim.cmd.edit(qstory)
local qbuf = vim.api.nvim_get_current_buf()
vim.wait(10000, function()
  return #vim.lsp.get_clients({ bufnr = qbuf, name = 'copydesk' }) > 0
end, 50)
check('inlay hints are on for stories', vim.lsp.inlay_hint.is_enabled({ bufnr = qbuf }))
local function hints()
  local r = vim.lsp.buf_request_sync(qbuf, 'textDocument/inlayHint', {
    textDocument = { uri = vim.uri_from_bufnr(qbuf) },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = 3, character = 0 } },
  }, 5000)
  local out = {}
  for _, res in pairs(r or {}) do
    for _, h in ipairs(res.result or {}) do
      table.insert(out, h)
    end
  end
  return out
end
local hs = vim.wait(10000, function()
  return #hints() > 0
end, 50) and hints() or {}
check('one speaker hint, after the untagged quote', #hs == 1 and hs[1].label == '\u{2014} Peskov', vim.inspect(hs))
if #hs == 1 then
  local line = vim.api.nvim_buf_get_lines(qbuf, 2, 3, false)[1]
  check('the hint sits after the closing quote mark', line:sub(1, hs[1].position.character):sub(-3) == '\u{201d}', hs[1].position)
end
local qclient = vim.lsp.get_clients({ bufnr = qbuf, name = 'copydesk' })[1]
qclient:notify('workspace/didChangeConfiguration', { settings = { copydesk = { debounceMs = 0, inlayHints = { speakers = false } } } })
check('the setting turns speaker hints off', vim.wait(5000, function()
  return #hints() == 0
end, 50))

-- No server for a buffer: a message, not a stack trace.
local notes = {}
local real_notify = vim.notify
vim.notify = function(msg, level)
  table.insert(notes, msg)
end
vim.cmd('enew')
local ok = pcall(vim.cmd, 'CopydeskLedger')
check(':CopydeskLedger without a server says so', ok and (notes[#notes] or ''):find('not running', 1, true) ~= nil, vim.inspect(notes))
-- A missing binary is named when a story opens.
require('copydesk').setup({ cmd = dir .. '/no-such-copydesk', debounce_ms = 0 })
vim.cmd.edit(dir .. '/other.md')
local said = vim.wait(3000, function()
  for _, m in ipairs(notes) do
    if m:find('no-such-copydesk', 1, true) and m:find('cannot start', 1, true) then
      return true
    end
  end
  return false
end, 50)
check('a missing binary is reported when a story opens', said, vim.inspect(notes))
vim.notify = real_notify

io.stdout:write(string.format('nvim: %d passed, %d failed\n', passed, failed))
for _, c in ipairs(vim.lsp.get_clients()) do
  c:stop(true)
end
vim.fn.delete(dir, 'rf')
os.exit(failed == 0 and 0 or 1)
