#!/usr/bin/env bash
# `npm start`: the Electron app where an Electron binary and a display exist; otherwise the same
# app served headless on a loopback URL (open the printed link in a browser).
# Arguments go to `clawster serve`, e.g. `npm start -- --port 4780 --data-dir /tmp/clawster`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/node24.sh
bash scripts/ensure-deps.sh
npx --no-install electron-vite build >/dev/null
# Read electron's path file rather than require("electron"), which would try to download the binary.
electron_bin="$(node -e 'const f=require("fs"),p=require("path"),d=p.join("node_modules","electron");try{const n=f.readFileSync(p.join(d,"path.txt"),"utf8").trim();process.stdout.write(p.join(process.env.ELECTRON_OVERRIDE_DIST_PATH||p.join(d,"dist"),n))}catch{}' 2>/dev/null || true)"
if [ -n "$electron_bin" ] && [ -x "$electron_bin" ] && { [ -n "${DISPLAY:-}" ] || [ "$(uname)" != "Linux" ]; }; then
  exec npx --no-install electron .
fi
echo "clawster: no Electron binary or display here; serving the app headless instead." >&2
exec node bin/clawster.mjs serve "$@"
