#!/usr/bin/env bash
# Runs `ferry` from the repository on a fresh machine: Node 22 (toolchain.sh) and the npm dependencies
# (setup.sh, without system packages) first, then the command. Used by `npm run demo`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
FERRY_SKIP_SYSTEM_DEPS=1 bash scripts/setup.sh
exec node bin/ferry.js "$@"
