// The packaged .vsix holds the bundled extension and contributes its settings and commands.
// Run after `npm run package` in editors/vscode (tests/run does); COPYDESK_VSIX names the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const vsix = process.env.COPYDESK_VSIX;

function read(name) {
  const py = 'import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); sys.stdout.write(z.read(sys.argv[2]).decode() if sys.argv[2] else "\\n".join(z.namelist()))';
  const r = spawnSync('python3', ['-c', py, vsix, name], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('the vsix contains the bundled extension, its README and settings', { skip: !vsix && 'COPYDESK_VSIX not set' }, () => {
  const files = read('').split('\n');
  for (const f of ['extension/package.json', 'extension/dist/extension.js', 'extension/readme.md', 'extension/LICENSE.txt']) {
    assert.ok(files.some((x) => x.toLowerCase() === f.toLowerCase()), `${f} missing from ${files.join(', ')}`);
  }
  assert.ok(!files.some((f) => f.includes('node_modules/') || f.startsWith('extension/src/')), 'sources or node_modules shipped');
  const pkg = JSON.parse(read('extension/package.json'));
  const props = Object.keys(pkg.contributes.configuration.properties);
  for (const p of ['copydesk.path', 'copydesk.debounceMs', 'copydesk.checks.disable', 'copydesk.checks.severity', 'copydesk.citations.style', 'copydesk.citations.tk', 'copydesk.trace.server']) {
    assert.ok(props.includes(p), p);
  }
  assert.deepEqual(pkg.contributes.commands.map((c) => c.command), ['copydesk.restartServer', 'copydesk.showLedger']);
  assert.deepEqual(pkg.activationEvents, ['onLanguage:markdown', 'onLanguage:plaintext']);
  // Plain-text stories wrap, so squiggles are on screen.
  assert.equal(pkg.contributes.configurationDefaults['[plaintext]']['editor.wordWrap'], 'on');
  // The packaged readme's links point into editors/vscode, and code is not rewritten as a link.
  const readme = read('extension/readme.md');
  assert.ok(readme.includes('](https://github.com/copydesk/copydesk/raw/HEAD/editors/vscode/images/screenshot.png)'), 'screenshot link');
  assert.ok(!/blob\/HEAD\/url\)/.test(readme), 'a code span rewritten as a link');
  assert.ok(readme.includes('Problems panel'), 'the readme says which severities show where');
  const bundle = read('extension/dist/extension.js');
  assert.ok(bundle.includes('copydesk.showLedger') && bundle.length > 100000, 'the language client is bundled');
});
