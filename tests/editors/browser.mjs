// The extension in code-server, in headless Chromium: squiggles, the Problems panel, a hover,
// a screenshot. Started by tests/editors/browser.sh.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(path.join(process.env.NODE_PATH, 'x.js'));
const { chromium } = require('playwright-core');
const root = process.env.COPYDESK_ROOT;
const bin = process.env.COPYDESK_BIN;
const vsix = process.env.COPYDESK_VSIX;
const codeServer = process.env.COPYDESK_CODE_SERVER;
const shots = process.env.COPYDESK_SCREENSHOTS || path.join(root, 'target/screenshots');

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok' : 'not ok'} - ${name}${ok || !detail ? '' : ': ' + detail}`);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-browser-'));
const home = path.join(tmp, 'home');
const data = path.join(tmp, 'data');
const exts = path.join(tmp, 'extensions');
const folder = path.join(tmp, 'story');
for (const d of [home, path.join(data, 'User'), exts, folder]) fs.mkdirSync(d, { recursive: true });
fs.copyFileSync(path.join(root, 'seeds/peace-talks.txt'), path.join(folder, 'peace-talks.txt'));
fs.writeFileSync(
  path.join(data, 'User/settings.json'),
  JSON.stringify({
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'copydesk.path': bin,
    'copydesk.debounceMs': 0,
    'telemetry.telemetryLevel': 'off',
  }),
);
const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config') };
const common = ['--user-data-dir', data, '--extensions-dir', exts];
const inst = spawnSync(codeServer, [...common, '--install-extension', vsix], { env, encoding: 'utf8' });
check('extension installs', inst.status === 0, inst.stderr || inst.stdout);

const port = 18000 + (process.pid % 1000);
const server = spawn(
  codeServer,
  ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', ...common, folder],
  { env, detached: true, stdio: 'ignore' },
);
const stop = () => {
  try {
    process.kill(-server.pid, 'SIGKILL');
  } catch {}
};
process.on('exit', stop);

async function main() {
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url, { timeout: 120000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 120000 });
    const row = page.locator('.monaco-list-row', { hasText: 'peace-talks.txt' }).first();
    await row.waitFor({ timeout: 120000 });
    await row.click();
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: 60000 });
    const squiggles = page.locator('.squiggly-warning');
    await squiggles.first().waitFor({ timeout: 90000 }).catch(() => {});
    const n = await squiggles.count();
    check('squiggles under the unattributed claims', n >= 4, `found ${n}`);

    // Hover first, while nothing covers the editor.
    fs.mkdirSync(shots, { recursive: true });
    // Near the start of the first squiggle: long lines run past the editor's right edge.
    const box = await squiggles.first().boundingBox();
    if (box) {
      const y = box.y + box.height / 2 - 6;
      await page.mouse.move(box.x + 40, y);
      await page.waitForTimeout(500);
      await page.mouse.move(box.x + 44, y);
      await page.waitForTimeout(1500);
    }
    const hover = page.locator('.monaco-hover:visible').first();
    await hover.waitFor({ state: 'visible', timeout: 30000 }).catch(() => {});
    const htext = (await hover.innerText().catch(() => '')).replace(/\u00a0/g, ' ');
    check('hover on a finding explains it', /copydesk|source|judgement|Speculation|Casualty/i.test(htext), htext.slice(0, 300));
    await page.screenshot({ path: path.join(shots, 'vscode-hover.png') });

    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel .monaco-list-row');
    await problems.first().waitFor({ timeout: 30000 }).catch(() => {});
    const ptext = (await page.locator('.markers-panel').innerText().catch(() => '')).replace(/\u00a0/g, ' ');
    check('Problems panel lists the findings', ptext.includes('Casualty figure with no source'), ptext.slice(0, 300));
    check('Problems panel names copydesk and the code', ptext.includes('copydesk') && ptext.includes('unattributed-claim'), ptext.slice(0, 300));
    const shot = path.join(shots, 'vscode.png');
    await page.screenshot({ path: shot });
    check('screenshot written', fs.existsSync(shot), shot);
  } finally {
    await browser.close();
  }
}

main()
  .catch((e) => {
    failed++;
    console.log(`not ok - browser run: ${e.stack || e}`);
  })
  .finally(() => {
    stop();
    console.log(`browser: ${passed} passed, ${failed} failed`);
    process.exit(failed === 0 ? 0 : 1);
  });
