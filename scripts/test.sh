#!/usr/bin/env bash
# `npm test`: every check and test, on a fresh Debian 12 machine too (it installs what it needs).
# Arguments go to vitest, e.g. `npm test -- test/integration`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/node24.sh
bash scripts/ensure-system.sh
bash scripts/ensure-deps.sh
export TZ=UTC
step() { printf '\n==> %s\n' "$*"; }
step "typecheck"; npx --no-install tsc -p tsconfig.json --noEmit
step "lint and format"; npx --no-install biome check --error-on-warnings .
step "layering"; npx --no-install depcruise --config .dependency-cruiser.cjs main preload renderer shared test
step "build (electron-vite: main, preload, renderer)"; npx --no-install electron-vite build >/dev/null
step "unit, integration and end-to-end tests"
bash scripts/with-keyring.sh npx --no-install vitest run "$@"
