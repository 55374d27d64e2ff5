// VS Code's protocol stack without VS Code: vscode-languageserver-protocol (what
// vscode-languageclient 9 is built on) drives `copydesk lsp` over stdio with VS Code's client
// capabilities (UTF-16 positions only): initialize, diagnostics, hover, code action.
// Run: COPYDESK_BIN=... COPYDESK_ROOT=... node --test tests/editors/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.env.COPYDESK_ROOT;
const bin = process.env.COPYDESK_BIN;
const require = createRequire(join(root, 'editors/vscode/package.json'));
const rpc = require('vscode-languageserver-protocol/node');

function offsetOf(text, pos) {
  const lines = text.split('\n');
  let off = 0;
  for (let i = 0; i < pos.line; i++) off += lines[i].length + 1; // JS strings are UTF-16
  return off + pos.character;
}

test('VS Code client capabilities: diagnostics, hover, code action', async () => {
  const proc = spawn(bin, ['lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  const diagnostics = new Promise((resolve) => {
    conn.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => resolve(p));
  });
  conn.listen();
  const init = await conn.sendRequest(rpc.InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: {
      general: { positionEncodings: ['utf-16'] },
      textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } },
    },
    initializationOptions: { debounceMs: 0 },
  });
  assert.equal(init.capabilities.positionEncoding, 'utf-16');
  await conn.sendNotification(rpc.InitializedNotification.type, {});

  // An emoji before the findings: UTF-16 columns must count it as two units.
  const text = '🙂 ' + readFileSync(join(root, 'seeds/peace-talks.txt'), 'utf8');
  const uri = 'untitled:Untitled-1';
  await conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
  const pub = await diagnostics;
  assert.equal(pub.version, 1);
  const byCode = (c) => pub.diagnostics.filter((d) => d.code === c);
  const loaded = byCode('loaded-attribution-verb')[0];
  assert.ok(loaded, 'a loaded-attribution-verb finding');
  assert.equal(text.slice(offsetOf(text, loaded.range.start), offsetOf(text, loaded.range.end)), 'conceded');
  const scare = byCode('scare-quote')[0];
  assert.equal(text.slice(offsetOf(text, scare.range.start), offsetOf(text, scare.range.end)), "'off-ramp'");
  assert.ok(byCode('unattributed-claim').length >= 4);
  assert.equal(pub.diagnostics[0].source, 'copydesk');

  const at = text.indexOf('Peskov stated');
  const before = text.slice(0, at).split('\n');
  const hover = await conn.sendRequest(rpc.HoverRequest.type, {
    textDocument: { uri },
    position: { line: before.length - 1, character: before[before.length - 1].length },
  });
  assert.match(hover.contents.value, /Dmitry Peskov/);
  assert.match(hover.contents.value, /Press Secretary/);

  const actions = await conn.sendRequest(rpc.CodeActionRequest.type, {
    textDocument: { uri },
    range: loaded.range,
    context: { diagnostics: [loaded] },
  });
  const said = actions.find((a) => a.title === "Replace 'conceded' with 'said'");
  assert.ok(said, JSON.stringify(actions.map((a) => a.title)));
  const edit = said.edit.documentChanges[0];
  assert.equal(edit.textDocument.version, 1);
  assert.deepEqual(edit.edits[0].range, loaded.range);
  assert.equal(edit.edits[0].newText, 'said');

  await conn.sendRequest(rpc.ShutdownRequest.type);
  await conn.sendNotification(rpc.ExitNotification.type);
  const code = await new Promise((resolve) => proc.on('exit', resolve));
  assert.equal(code, 0);
  conn.dispose();
});
