#!/usr/bin/env bash
# `npm run serve`: builds the UI when its sources changed, then runs the engine host and opens the UI in a browser.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
bash scripts/build-renderer.sh
exec node bin/ferry.js serve --open "$@"
