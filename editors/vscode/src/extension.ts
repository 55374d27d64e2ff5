// copydesk for VS Code: starts `copydesk lsp` and adds two commands.
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** The server binary: the setting, else the bundled one, else `copydesk` on PATH. */
export function findServer(context: vscode.ExtensionContext): string | undefined {
  const configured = vscode.workspace.getConfiguration('copydesk').get<string>('path')?.trim();
  if (configured) {
    return fs.existsSync(configured) ? configured : undefined;
  }
  const bundled = context.asAbsolutePath(path.join('bin', process.platform === 'win32' ? 'copydesk.exe' : 'copydesk'));
  if (fs.existsSync(bundled)) {
    return bundled;
  }
  const probe = cp.spawnSync('copydesk', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? 'copydesk' : undefined;
}

function settings() {
  const c = vscode.workspace.getConfiguration('copydesk');
  return {
    debounceMs: c.get<number>('debounceMs', 75),
    checks: { disable: c.get<string[]>('checks.disable', []), severity: c.get<object>('checks.severity', {}) },
    citations: { style: c.get<string>('citations.style', 'pandoc'), tk: c.get<string>('citations.tk', '[TK: source]') },
    inlayHints: { speakers: c.get<boolean>('inlayHints.speakers', true) },
  };
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const command = findServer(context);
  if (!command) {
    const configured = vscode.workspace.getConfiguration('copydesk').get<string>('path');
    void vscode.window.showErrorMessage(
      configured
        ? `copydesk: no server at "${configured}" (the copydesk.path setting). Point it at the copydesk binary.`
        : 'copydesk: the copydesk binary was not found. Install it (cargo install --path . in the copydesk repository) or set copydesk.path.',
    );
    return;
  }
  // TransportKind.stdio makes the client add `--stdio`, which `copydesk lsp` accepts.
  const serverOptions: ServerOptions = { command, args: ['lsp'], transport: TransportKind.stdio };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'untitled', language: 'plaintext' },
    ],
    initializationOptions: settings(),
    synchronize: { configurationSection: 'copydesk' },
    outputChannelName: 'copydesk',
  };
  client = new LanguageClient('copydesk', 'copydesk', serverOptions, clientOptions);
  await client.start();
}

/** The claim ledger of a story (the server's `copydesk.server.ledger`), as Markdown. */
export function ledgerMarkdown(name: string, text: string, ledger: any): string {
  const cut = (s: number, e: number) => Buffer.from(text, 'utf8').subarray(s, e).toString('utf8').replace(/\s+/g, ' ');
  const out = [`# Claim ledger: ${name}`, '', '## People', ''];
  for (const p of ledger.people) {
    const n = p.mentions.length;
    out.push(`- **${p.name}**${p.roles.length ? ' — ' + p.roles.join('; ') : ''} (${n} mention${n === 1 ? '' : 's'})`);
  }
  out.push('', '## Quotes', '');
  for (const q of ledger.quotes) {
    out.push(`- ${cut(q.start, q.end)} — ${q.speaker ?? 'no speaker'}`);
  }
  out.push('', '## Claims', '');
  for (const c of ledger.claims) {
    out.push(`- [${c.status}, ${c.kind}] ${cut(c.start, c.end)}`);
  }
  return out.join('\n') + '\n';
}

/** The ledger from the running server: the editor's text under the story's copydesk.toml. */
async function showLedger(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) {
    void vscode.window.showWarningMessage('copydesk: open a story (and install copydesk) to see its claim ledger.');
    return;
  }
  const doc = editor.document;
  try {
    const ledger: any = await client.sendRequest('workspace/executeCommand', {
      command: 'copydesk.server.ledger',
      arguments: [doc.uri.toString()],
    });
    const md = ledgerMarkdown(path.basename(doc.fileName), ledger.text, ledger);
    const shown = await vscode.workspace.openTextDocument({ language: 'markdown', content: md });
    await vscode.window.showTextDocument(shown, vscode.ViewColumn.Beside);
  } catch (e) {
    void vscode.window.showErrorMessage(`copydesk: could not build the claim ledger: ${e}`);
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('copydesk.restartServer', async () => {
      if (client) {
        await client.stop();
        client = undefined;
      }
      await start(context);
    }),
    vscode.commands.registerCommand('copydesk.showLedger', () => showLedger()),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('copydesk.path')) {
        await vscode.commands.executeCommand('copydesk.restartServer');
      }
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
