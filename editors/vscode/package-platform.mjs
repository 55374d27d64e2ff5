// Packages a platform .vsix with the copydesk server inside (bin/copydesk), as Harper and
// rust-analyzer ship theirs: the extension finds it before PATH.
//
//   node package-platform.mjs --server ../../target/release/copydesk [--target linux-x64] [-o out.vsix]
//
// --target is a VS Code platform (linux-x64, linux-arm64, darwin-x64, darwin-arm64, win32-x64,
// ...); the default is this machine's. Build the server for that platform first (cargo build
// --release, with --target for a cross build).
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const target = opt('--target', `${process.platform}-${process.arch}`);
const server = opt('--server');
if (!server) {
  console.error('package-platform: --server PATH (the copydesk binary for the target) is required');
  process.exit(2);
}
const exe = target.startsWith('win32') ? 'copydesk.exe' : 'copydesk';
const out = opt('-o', `copydesk-${target}.vsix`);

const run = (cmd, cmdArgs) => {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
rmSync('bin', { recursive: true, force: true });
mkdirSync('bin');
copyFileSync(server, join('bin', exe));
chmodSync(join('bin', exe), 0o755);
try {
  run('node', ['esbuild.mjs', '--production']);
  run('npx', ['--no-install', 'vsce', 'package', '--no-dependencies', '--target', target, '-o', out,
    '--baseContentUrl', 'https://github.com/copydesk/copydesk/blob/HEAD/editors/vscode',
    '--baseImagesUrl', 'https://github.com/copydesk/copydesk/raw/HEAD/editors/vscode']);
} finally {
  rmSync('bin', { recursive: true, force: true });
}
