-- copydesk for Neovim 0.11+: setup() and user commands.
local M = {}

M.config = {
  -- Path to the copydesk binary.
  cmd = nil,
  -- Milliseconds to wait after a keystroke before findings are published.
  debounce_ms = 75,
  -- Passed to the server as its `copydesk` settings (checks, citations).
  settings = {},
}

local function cmd()
  return M.config.cmd or vim.g.copydesk_path or 'copydesk'
end

--- Configures and enables the language server; adds :CopydeskLedger and :CopydeskRestart.
function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', M.config, opts or {})
  local settings = vim.tbl_deep_extend('force', { debounceMs = M.config.debounce_ms }, M.config.settings)
  vim.lsp.config('copydesk', {
    cmd = { cmd(), 'lsp' },
    init_options = { debounceMs = M.config.debounce_ms },
    settings = { copydesk = settings },
  })
  vim.lsp.enable('copydesk')
end

--- The claim ledger of the current buffer, as readable Markdown lines.
function M.ledger_lines(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') .. '\n'
  local name = vim.api.nvim_buf_get_name(bufnr)
  local ext = name:match('%.(%w+)$') or (vim.bo[bufnr].filetype == 'markdown' and 'md' or 'txt')
  local tmp = vim.fn.tempname() .. '.' .. ext
  vim.fn.writefile(vim.split(text, '\n', { plain = true }), tmp)
  local out = vim.system({ cmd(), 'analyze', '--format', 'json', tmp }, { text = true }):wait()
  os.remove(tmp)
  if out.code ~= 0 then
    return nil, 'copydesk analyze failed: ' .. (out.stderr or '')
  end
  local ok, led = pcall(vim.json.decode, out.stdout)
  if not ok then
    return nil, 'copydesk analyze printed something unexpected'
  end
  local function cut(s, e)
    return text:sub(s + 1, e):gsub('%s+', ' ')
  end
  local lines = { '# Claim ledger: ' .. (name ~= '' and vim.fn.fnamemodify(name, ':t') or '[No Name]'), '', '## People', '' }
  for _, p in ipairs(led.people) do
    local roles = #p.roles > 0 and (' — ' .. table.concat(p.roles, '; ')) or ''
    table.insert(lines, string.format('- **%s**%s (%d mentions)', p.name, roles, #p.mentions))
  end
  vim.list_extend(lines, { '', '## Quotes', '' })
  for _, q in ipairs(led.quotes) do
    table.insert(lines, string.format('- %s — %s', cut(q.start, q['end']), q.speaker ~= vim.NIL and q.speaker or 'no speaker'))
  end
  vim.list_extend(lines, { '', '## Claims', '' })
  for _, c in ipairs(led.claims) do
    table.insert(lines, string.format('- [%s, %s] %s', c.status, c.kind, cut(c.start, c['end'])))
  end
  return lines
end

--- Opens the ledger in a new scratch buffer.
function M.show_ledger()
  local lines, err = M.ledger_lines()
  if not lines then
    vim.notify(err, vim.log.levels.ERROR)
    return
  end
  vim.cmd('new')
  local buf = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  vim.bo[buf].buftype = 'nofile'
  vim.bo[buf].bufhidden = 'wipe'
  vim.bo[buf].filetype = 'markdown'
end

function M.restart()
  for _, client in ipairs(vim.lsp.get_clients({ name = 'copydesk' })) do
    client:stop()
  end
  vim.defer_fn(function()
    vim.lsp.enable('copydesk', false)
    vim.lsp.enable('copydesk')
  end, 200)
end

return M
