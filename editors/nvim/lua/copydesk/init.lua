-- copydesk for Neovim 0.11+: setup(), the client's handlers and user commands.
local M = {}

M.config = {
  -- Path to the copydesk binary.
  cmd = nil,
  -- Milliseconds to wait after a keystroke before findings are published.
  debounce_ms = 75,
  -- Show findings while typing in insert mode (Neovim's default hides them until you leave it).
  update_in_insert = true,
  -- Show the speaker after a quote whose tag is out of sight ("— Peskov"), as an inlay hint.
  speaker_hints = true,
  -- Passed to the server as its `copydesk` settings (checks, citations).
  settings = {},
}

local function cmd()
  return M.config.cmd or vim.g.copydesk_path or 'copydesk'
end

-- The files whose changes the server must hear of (Neovim reports watched files only on some
-- systems): its configuration, libraries and people file.
local WATCHED = { 'copydesk.toml', 'sources.toml', 'sources.json', 'people.toml', '*.bib', '*.json' }

-- Tells the server a file changed, then asks again for every story's findings: Neovim 0.11
-- pulls diagnostics but cannot be asked to pull again (no workspace/diagnostic/refresh).
local function notify_changed(path)
  local uri = vim.uri_from_fname(vim.fn.fnamemodify(path, ':p'))
  for _, client in ipairs(vim.lsp.get_clients({ name = 'copydesk' })) do
    client:notify('workspace/didChangeWatchedFiles', { changes = { { uri = uri, type = 2 } } })
    if client:supports_method('textDocument/diagnostic') then
      for bufnr in pairs(client.attached_buffers) do
        client:request('textDocument/diagnostic', { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }, nil, bufnr)
      end
    end
  end
end

--- Applies a workspace edit as Neovim does, then saves the copydesk.toml it changed: "Disable
--- CODE in this workspace" is a change to the configuration, not a draft to review.
local function apply_edit(err, result, ctx)
  local response = vim.lsp.handlers['workspace/applyEdit'](err, result, ctx)
  if response and response.applied and result and result.edit then
    local uris = {}
    for _, change in ipairs(result.edit.documentChanges or {}) do
      if change.textDocument then
        table.insert(uris, change.textDocument.uri)
      end
    end
    for uri in pairs(result.edit.changes or {}) do
      table.insert(uris, uri)
    end
    for _, uri in ipairs(uris) do
      local path = vim.uri_to_fname(uri)
      if vim.fs.basename(path) == 'copydesk.toml' then
        local buf = vim.uri_to_bufnr(uri)
        if vim.api.nvim_buf_is_loaded(buf) and vim.bo[buf].modified then
          vim.api.nvim_buf_call(buf, function()
            vim.cmd('silent noautocmd write')
          end)
        end
        notify_changed(path)
      end
    end
  end
  return response
end

--- The client's handlers (also used by lsp/copydesk.lua).
M.handlers = { ['workspace/applyEdit'] = apply_edit }

--- Called when the client attaches: findings show while typing.
function M.on_attach(client, bufnr)
  if M.config.update_in_insert then
    for _, pull in ipairs({ false, true }) do
      vim.diagnostic.config({ update_in_insert = true }, vim.lsp.diagnostic.get_namespace(client.id, pull))
    end
  end
  if M.config.speaker_hints and client:supports_method('textDocument/inlayHint') then
    vim.lsp.inlay_hint.enable(true, { bufnr = bufnr })
  end
end

local warned_missing = false

--- Says once, when a story opens, that the binary is missing (the client itself stays silent).
local function check_binary()
  if warned_missing or vim.fn.executable(cmd()) == 1 then
    return
  end
  warned_missing = true
  vim.notify(
    string.format(
      "copydesk: cannot start the language server: '%s' is not an executable on PATH. "
        .. 'Install it (cargo install --locked --path . in the copydesk repository) '
        .. "or set require('copydesk').setup({ cmd = '/path/to/copydesk' }).",
      cmd()
    ),
    vim.log.levels.WARN
  )
end

--- Configures and enables the language server; adds :CopydeskLedger and :CopydeskRestart.
function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', M.config, opts or {})
  local settings = vim.tbl_deep_extend(
    'force',
    { debounceMs = M.config.debounce_ms, inlayHints = { speakers = M.config.speaker_hints } },
    M.config.settings
  )
  vim.lsp.config('copydesk', {
    cmd = { cmd(), 'lsp' },
    init_options = { debounceMs = M.config.debounce_ms },
    settings = { copydesk = settings },
    handlers = M.handlers,
    on_attach = M.on_attach,
  })
  local group = vim.api.nvim_create_augroup('copydesk', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = { 'markdown', 'text' },
    callback = check_binary,
  })
  vim.api.nvim_create_autocmd('BufWritePost', {
    group = group,
    pattern = WATCHED,
    callback = function(ev)
      notify_changed(ev.match)
    end,
  })
  vim.lsp.enable('copydesk')
end

local function client_for(bufnr)
  return vim.lsp.get_clients({ bufnr = bufnr, name = 'copydesk' })[1]
end

--- The claim ledger of the buffer, as readable Markdown lines: from the server, so it is the
--- buffer's text under the story's copydesk.toml. Returns nil and a message when it cannot.
function M.ledger_lines(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local client = client_for(bufnr)
  if not client then
    return nil, 'copydesk is not running for this buffer (open a .md or .txt story; :checkhealth vim.lsp)'
  end
  local res, err = client:request_sync('workspace/executeCommand', {
    command = 'copydesk.server.ledger',
    arguments = { vim.uri_from_bufnr(bufnr) },
  }, 10000, bufnr)
  if not res or res.err or not res.result then
    local why = err or (res and res.err and res.err.message) or 'no answer'
    return nil, 'copydesk: no ledger: ' .. tostring(why)
  end
  local led = res.result
  local text = led.text
  local function cut(s, e)
    return (text:sub(s + 1, e):gsub('%s+', ' '))
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  local lines = { '# Claim ledger: ' .. (name ~= '' and vim.fn.fnamemodify(name, ':t') or '[No Name]'), '', '## People', '' }
  for _, p in ipairs(led.people) do
    local roles = #p.roles > 0 and (' — ' .. table.concat(p.roles, '; ')) or ''
    local n = #p.mentions
    table.insert(lines, string.format('- **%s**%s (%d mention%s)', p.name, roles, n, n == 1 and '' or 's'))
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
