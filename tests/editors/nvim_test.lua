-- Neovim 0.11 headless with the real server and the plugin in editors/nvim:
-- diagnostics (codes and ranges), hover on a person, a code action applied, :CopydeskLedger.
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

vim.opt.runtimepath:prepend(root .. '/editors/nvim')
vim.cmd('runtime plugin/copydesk.lua')
require('copydesk').setup({ cmd = bin, debounce_ms = 0 })

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

-- Code action on "conceded", applied through Neovim's own edit machinery.
local d = found['loaded-attribution-verb|conceded']
if d then
  local lsp_d = d.user_data and d.user_data.lsp or {}
  local cparams = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = lsp_d.range,
    context = { diagnostics = { lsp_d } },
  }
  local ares = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', cparams, 5000)
  local action
  for _, r in pairs(ares or {}) do
    for _, a in ipairs(r.result or {}) do
      if a.title == "Replace 'conceded' with 'said'" then
        action = a
      end
    end
  end
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

-- :CopydeskLedger opens the ledger.
vim.cmd('CopydeskLedger')
local ledger = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
check(':CopydeskLedger shows the people', ledger:find('# Claim ledger', 1, true) and ledger:find('Kirill Dmitriev', 1, true), ledger:sub(1, 200))

io.stdout:write(string.format('nvim: %d passed, %d failed\n', passed, failed))
for _, c in ipairs(vim.lsp.get_clients()) do
  c:stop(true)
end
vim.fn.delete(dir, 'rf')
os.exit(failed == 0 and 0 or 1)
