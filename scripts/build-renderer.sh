#!/usr/bin/env bash
# Builds the renderer into dist/renderer when any of its sources (or the shared contract) is newer than the build.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
out=dist/renderer/index.html
if [ -f "$out" ] && [ -z "$(find renderer shared package-lock.json -newer "$out" -type f -print -quit)" ]; then exit 0; fi
echo "build: renderer (vite)" >&2
npx vite build --config renderer/vite.config.ts --logLevel warn >&2
