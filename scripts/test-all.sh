#!/usr/bin/env bash
# The one command that runs every test: installs what is missing, type-checks, lints, then runs the suite
# (unit, integration against real Zabbix/MariaDB and the real keychain, simulators) under a private keyring.
# Ends with the line "N passed, N failed" and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
source scripts/toolchain.sh
out=$(mktemp -d)
extra_failed=0
extra_passed=0
echo "== typecheck" >&2
if npx tsc -p tsconfig.json --noEmit; then extra_passed=$((extra_passed+1)); else extra_failed=$((extra_failed+1)); fi
if npx tsc -p renderer/tsconfig.json --noEmit; then extra_passed=$((extra_passed+1)); else extra_failed=$((extra_failed+1)); fi
echo "== lint" >&2
if npx eslint . ; then extra_passed=$((extra_passed+1)); else extra_failed=$((extra_failed+1)); fi
echo "== build renderer" >&2
if bash scripts/build-renderer.sh; then extra_passed=$((extra_passed+1)); else extra_failed=$((extra_failed+1)); fi
echo "== tests" >&2
bash scripts/with-keyring.sh npx vitest run --reporter=default --reporter=json --outputFile="$out/vitest.json" "$@"
vrc=$?
read -r passed failed < <(node -e '
  const fs = require("fs");
  let r = { numPassedTests: 0, numFailedTests: 0, numTotalTestSuites: 0, testResults: [] };
  try { r = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); } catch {}
  // A test file that failed to load counts as a failure too.
  const brokenFiles = (r.testResults || []).filter((f) => f.status === "failed" && (f.assertionResults || []).length === 0).length;
  console.log(r.numPassedTests, r.numFailedTests + brokenFiles);
' "$out/vitest.json")
[ "$vrc" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
if [ "$#" -eq 0 ] || [ "${FERRY_E2E:-}" = "1" ]; then
  # The UI end to end: Playwright in Debian's Chromium against `ferry serve` (simulator + real Zabbix behind it).
  echo "== e2e" >&2
  FERRY_E2E_JSON="$out/e2e.json" bash scripts/with-keyring.sh npx playwright test
  erc=$?
  read -r ep ef < <(node -e '
    const fs = require("fs");
    let r = { stats: { expected: 0, unexpected: 0, flaky: 0 } };
    try { r = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); } catch {}
    const s = r.stats || {};
    console.log((s.expected || 0) + (s.flaky || 0), (s.unexpected || 0) + ((r.errors || []).length));
  ' "$out/e2e.json")
  [ "$erc" -ne 0 ] && [ "$ef" -eq 0 ] && ef=1
  passed=$((passed + ep)); failed=$((failed + ef))
fi
passed=$((passed + extra_passed)); failed=$((failed + extra_failed))
rm -rf "$out"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
