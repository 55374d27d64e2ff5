-- copydesk: a copy editor for news drafts (language server).
-- In the format of nvim-lspconfig's lsp/ configs: with this folder on the runtimepath,
-- `vim.lsp.enable('copydesk')` starts the server for Markdown and text buffers.
---@type vim.lsp.Config
return {
  cmd = { vim.g.copydesk_path or 'copydesk', 'lsp' },
  filetypes = { 'markdown', 'text' },
  root_markers = { 'copydesk.toml', '.git' },
  -- Findings while typing; "Disable CODE in this workspace" saves copydesk.toml.
  on_attach = function(client, bufnr)
    require('copydesk').on_attach(client, bufnr)
  end,
  handlers = require('copydesk').handlers,
  -- Sent as initializationOptions and in workspace/didChangeConfiguration.
  init_options = { debounceMs = 75 },
  settings = {
    copydesk = {
      debounceMs = 75,
      -- The speaker after a quote whose tag is out of sight ("— Peskov"); false to hide.
      inlayHints = { speakers = true },
      -- checks = { disable = { 'editorializing' }, severity = { ['scare-quote'] = 'warning' } },
      -- citations = { style = 'pandoc', tk = '[TK: source]' },
    },
  },
}
