import { test, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLog } from '../../electron/core/app/log';
import { startPreview, type Preview } from '../../electron/web/preview';
import { ROOT, expectNoAxeViolations, shoot } from './helpers';

/**
 * The diagnostics dialog in the browser preview (Settings → Diagnostics…), light and dark: the
 * redacted text from the real backend, with a secret planted in the inventory. No hubs: nothing is
 * sent anywhere but the loopback transport.
 */

test.describe.configure({ mode: 'serial' });

const PLANTED = 'Plant3d-Pw-e2e';
let dataDir: string;
let preview: Preview;
let page: Page;

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'hubkeeper-e2e-diag-'));
  preview = await startPreview({
    dataDir,
    rendererDir: path.join(ROOT, 'dist', 'renderer'),
    port: 0,
    keychain: 'memory',
    log: silentLog,
  });
  // The inventory carries a planted secret: the diagnostics hold counts only, never its text.
  const site = await preview.backend.services.inventory.addSite({
    name: 'Harbour Studio',
    defaultUser: '',
    notes: `http://admin:${PLANTED}@127.0.0.1/ password=${PLANTED}`,
  });
  if (!site.ok) throw new Error(site.error.message);
});

test.afterAll(async () => {
  await page?.context().close();
  await preview?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('Settings → Diagnostics shows the redacted text with a Copy button, light and dark', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 720 }, locale: 'en-US' });
  page = await context.newPage();
  await page.goto(preview.transport.pageUrl);
  await page.evaluate(() => {
    location.hash = '#/settings';
  });
  await page.getByTestId('theme-light').check();
  await page.getByTestId('open-diagnostics').click();
  const text = page.getByTestId('diagnostics-text');
  await expect(text).toBeVisible();
  const value = await text.inputValue();
  expect(value).toContain('Hubkeeper diagnostics');
  expect(value).toContain('Sites: 1');
  expect(value).toMatch(/Last \d+ log lines:/);
  expect(value).not.toContain(PLANTED);
  await expect(page.getByTestId('diagnostics-copy')).toBeVisible();
  await expectNoAxeViolations(page, 'diagnostics dialog (light)');
  await shoot(page, 'diagnostics-light');
  await page.keyboard.press('Escape');
  await page.getByTestId('theme-dark').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('open-diagnostics').click();
  await expect(page.getByTestId('diagnostics-text')).toBeVisible();
  await expectNoAxeViolations(page, 'diagnostics dialog (dark)');
  await shoot(page, 'diagnostics-dark');
  await expect(page).toHaveTitle('Settings — Hubkeeper');
});
