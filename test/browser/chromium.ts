/**
 * Debian's Chromium as the Playwright end-to-end tests and the benchmarks launch it: headless,
 * no sandbox (root in a container), and none of its own network traffic (updates, sync), so a
 * test or a figure never depends on anything but the loopback servers it started.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
