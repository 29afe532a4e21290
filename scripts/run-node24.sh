#!/usr/bin/env bash
# Runs a command with Node 24 first on PATH (fetched from the npm registry if need be).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=node24.sh
source "$here/node24.sh"
exec "$@"
