// copydesk for VS Code: starts `copydesk lsp` and adds two commands.
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
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

/** The claim ledger of the active story (from `copydesk analyze`), as Markdown. */
export function ledgerMarkdown(name: string, text: string, ledger: any): string {
  const cut = (s: number, e: number) => Buffer.from(text, 'utf8').subarray(s, e).toString('utf8').replace(/\s+/g, ' ');
  const out = [`# Claim ledger: ${name}`, '', '## People', ''];
  for (const p of ledger.people) {
    out.push(`- **${p.name}**${p.roles.length ? ' — ' + p.roles.join('; ') : ''} (${p.mentions.length} mentions)`);
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

async function showLedger(context: vscode.ExtensionContext): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const command = findServer(context);
  if (!editor || !command) {
    void vscode.window.showWarningMessage('copydesk: open a story (and install copydesk) to see its claim ledger.');
    return;
  }
  const doc = editor.document;
  const ext = doc.languageId === 'markdown' ? '.md' : '.txt';
  const tmp = path.join(os.tmpdir(), `copydesk-ledger-${process.pid}${ext}`);
  fs.writeFileSync(tmp, doc.getText(), 'utf8');
  try {
    const out = cp.execFileSync(command, ['analyze', '--format', 'json', tmp], { encoding: 'utf8' });
    const md = ledgerMarkdown(path.basename(doc.fileName), doc.getText(), JSON.parse(out));
    const shown = await vscode.workspace.openTextDocument({ language: 'markdown', content: md });
    await vscode.window.showTextDocument(shown, vscode.ViewColumn.Beside);
  } catch (e) {
    void vscode.window.showErrorMessage(`copydesk: could not build the claim ledger: ${e}`);
  } finally {
    fs.rmSync(tmp, { force: true });
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
    vscode.commands.registerCommand('copydesk.showLedger', () => showLedger(context)),
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
