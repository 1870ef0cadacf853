#!/usr/bin/env bash
# Everything a fresh machine needs to run Ferry from the repo: Node 22, system packages, npm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
if [ "${FERRY_SKIP_SYSTEM_DEPS:-}" != "1" ]; then bash scripts/install-system-deps.sh; fi
stamp=node_modules/.ferry-install-stamp
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ "$(cat "$stamp")" != "$(node -v)" ]; then
  echo "setup: npm install (Node $(node -v))" >&2
  # `npm ci` is not used: npm 11 rejects this lock file for the platform packages of rollup it leaves out
  # (Missing: @rollup/rollup-android-arm-eabi@ from lock file); `npm install` honours the lock all the same.
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund >&2
  node -v > "$stamp"
fi
