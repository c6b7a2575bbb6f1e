import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/browser/chromium';

/**
 * End-to-end tests of the renderer in Debian's Chromium, talking to the real backend through
 * the browser test transport (loopback WebSocket) with simulated hubs on 127.0.0.0/8. Playwright
 * never downloads a browser here. `scripts/run-tests.mjs` reads the JSON report.
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '*.spec.ts',
  globalSetup: './test/e2e/global-setup.ts',
  // One backend and one browser at a time: the machines have two cores shared with everything.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  // Playwright empties this folder at start, so it must not be test-results itself.
  outputDir: 'test-results/playwright-artifacts',
  use: {
    viewport: { width: 1366, height: 768 },
    // The renderer marks test hooks with data-test (the @vue/test-utils convention).
    testIdAttribute: 'data-test',
    locale: 'en-US',
    timezoneId: 'UTC',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
    },
  },
});
