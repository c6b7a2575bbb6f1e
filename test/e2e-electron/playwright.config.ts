import { defineConfig } from '@playwright/test';

// The Electron smoke test: one app at a time, never part of `npm test` (Electron cannot be
// installed on the CI machines here). Run with `npm run test:e2e-electron` after `npm run build`;
// on Linux without a display: `xvfb-run --auto-servernum npm run test:e2e-electron`.
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  reporter: [['list']],
  outputDir: '../../test-results/e2e-electron',
});
