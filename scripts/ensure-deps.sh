#!/usr/bin/env bash
# Installs node_modules with the Node on PATH (Node 24), again whenever the lockfile or the
# Node version changed (native modules are built for one Node ABI).
set -euo pipefail
stamp="node_modules/.clawster-install"
want="$(node --version) $(sha256sum package-lock.json | cut -c1-16)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then exit 0; fi
echo "clawster: installing dependencies with Node $(node --version)" >&2
export ELECTRON_SKIP_BINARY_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
