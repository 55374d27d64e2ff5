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

// The platform .vsix: the server inside, found by the extension's own lookup (the packaged
// bundle, loaded with a stand-in for the `vscode` module) with nothing on PATH, and it serves.
const platformVsix = process.env.COPYDESK_PLATFORM_VSIX;
test('the platform vsix bundles the server and the extension starts it with nothing on PATH', { skip: !platformVsix && 'COPYDESK_PLATFORM_VSIX not set' }, async () => {
  const { mkdtempSync, rmSync, statSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const Module = (await import('node:module')).default;
  const dir = mkdtempSync(join(tmpdir(), 'copydesk-vsix-'));
  try {
    const py = 'import zipfile,sys,os\nz=zipfile.ZipFile(sys.argv[1])\nfor i in z.infolist():\n  p=z.extract(i,sys.argv[2])\n  m=i.external_attr>>16\n  if m: os.chmod(p,m&0o777)';
    const r = spawnSync('python3', ['-c', py, platformVsix, dir], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const ext = join(dir, 'extension');
    const bin = join(ext, 'bin', 'copydesk');
    assert.ok(statSync(bin).mode & 0o100, 'bin/copydesk is executable');
    const manifest = readManifest(join(dir, 'extension.vsixmanifest'));
    assert.match(manifest, /TargetPlatform="linux-x64"/);
    // `vscode` exists only inside VS Code: a stand-in with an empty copydesk.path setting.
    const realResolve = Module._resolveFilename;
    const stub = join(dir, 'vscode-stub.js');
    // Anything else the bundle touches while loading is an empty class (it extends some).
    (await import('node:fs')).writeFileSync(stub, `
      const any = () => new Proxy(class {}, { get: (t, k) => (k in t ? t[k] : any()) });
      const vscode = { workspace: { getConfiguration: () => ({ get: () => '' }) } };
      module.exports = new Proxy(vscode, { get: (t, k) => (k in t ? t[k] : any()) });`);
    Module._resolveFilename = function (request, ...rest) {
      return request === 'vscode' ? stub : realResolve.call(this, request, ...rest);
    };
    const savedPath = process.env.PATH;
    try {
      process.env.PATH = '';
      const extension = Module.createRequire(join(ext, 'package.json'))('./dist/extension.js');
      const found = extension.findServer({ asAbsolutePath: (p) => join(ext, p) });
      assert.equal(found, bin);
      const v = spawnSync(found, ['--version'], { encoding: 'utf8', env: { PATH: '' } });
      assert.equal(v.status, 0, v.stderr);
      assert.match(v.stdout, /^copydesk \d+\.\d+\.\d+/);
      // It serves: initialize over stdio answers with copydesk's server info.
      const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
      const { spawn } = await import('node:child_process');
      const lsp = spawn(found, ['lsp'], { env: { PATH: '' }, stdio: ['pipe', 'pipe', 'ignore'] });
      const answer = await new Promise((resolve) => {
        let out = '';
        const timer = setTimeout(() => resolve(out), 10000);
        lsp.stdout.on('data', (d) => {
          out += d;
          if (out.includes('"serverInfo"')) {
            clearTimeout(timer);
            resolve(out);
          }
        });
        lsp.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      });
      lsp.kill();
      assert.match(answer, /"name":"copydesk"/);
    } finally {
      process.env.PATH = savedPath;
      Module._resolveFilename = realResolve;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function readManifest(p) {
  return spawnSync('cat', [p], { encoding: 'utf8' }).stdout;
}
