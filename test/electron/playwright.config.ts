import { defineConfig } from '@playwright/test';

// Only the packaged app's smoke test (run by .github/workflows/release.yml on Windows). Neither vitest
// (test/**/*.test.ts) nor the renderer's e2e config (test/e2e) picks this folder up.
export default defineConfig({
  testDir: '.',
  testMatch: 'smoke.spec.ts',
  timeout: 120_000,
  retries: 0,
  workers: 1,
  outputDir: '../../test-results/electron',
});
