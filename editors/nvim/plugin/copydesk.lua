-- User commands; the server itself starts with require('copydesk').setup() or vim.lsp.enable('copydesk').
vim.api.nvim_create_user_command('CopydeskLedger', function()
  require('copydesk').show_ledger()
end, { desc = 'copydesk: show the claim ledger of this story' })
vim.api.nvim_create_user_command('CopydeskRestart', function()
  require('copydesk').restart()
end, { desc = 'copydesk: restart the language server' })
