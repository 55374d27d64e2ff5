#!/usr/bin/env bash
# Opt-in (tests/run --browser): the extension in real VS Code (code-server 4.100.3, VS Code
# 1.100.3) driven in headless Chromium. Installs what it needs: Debian packages (Chromium,
# ripgrep, code-server's build dependencies) and code-server + playwright-core from npm.
# Screenshots go to $COPYDESK_SCREENSHOTS (default target/screenshots).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
TOOLS=$ROOT/target/editor-tools
if ! command -v chromium >/dev/null || ! command -v rg >/dev/null || ! dpkg -s libsecret-1-dev >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq build-essential pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev ripgrep chromium
fi
CS=$TOOLS/code-server
if [ ! -x "$CS/node_modules/.bin/code-server" ]; then
  mkdir -p "$CS"
  # @vscode/ripgrep's postinstall would download rg: hand it Debian's instead.
  cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$cache"
  tmp=$(mktemp -d)
  cp "$(command -v rg)" "$tmp/rg"
  tar czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$tmp" rg
  (cd "$CS" && npm init -y > /dev/null && npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-audit --no-fund --loglevel=error code-server@4.100.3 playwright-core@1)
fi
export COPYDESK_CODE_SERVER=$CS/node_modules/.bin/code-server
export NODE_PATH=$CS/node_modules
exec node tests/editors/browser.mjs
