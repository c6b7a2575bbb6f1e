import { test, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { collectBundle, encodeBundle } from '../../electron/core/bundles';
import { silentLog } from '../../electron/core/app/log';
import { startPreview, type Preview } from '../../electron/web/preview';
import { seedSite } from '../unit/bundle-fixtures';
import { listenCounting, totalConnections, type CountingListener } from '../integration/counting-listener';
import { ROOT, dismissNotices, expectNoAxeViolations, invoke, shoot } from './helpers';

/**
 * A support engineer opens a colleague's site bundle: the built renderer in Chromium, the real
 * backend behind the browser transport. The bundle's hubs "live" at 127.0.68.2–.3 (this file's
 * addresses), where plain listeners count connections: none may ever arrive.
 */

test.describe.configure({ mode: 'serial' });

let exporter: string;
let viewer: string;
let preview: Preview;
let page: Page;
let bundleText = '';
const listeners: CountingListener[] = [];
const connections = () => totalConnections(listeners);

async function listen(host: string): Promise<number> {
  const listener = await listenCounting(host);
  listeners.push(listener);
  return listener.port;
}

test.beforeAll(async () => {
  exporter = mkdtempSync(path.join(tmpdir(), 'hubkeeper-e2e-bundle-a-'));
  viewer = mkdtempSync(path.join(tmpdir(), 'hubkeeper-e2e-bundle-b-'));
  const seeded = await seedSite(exporter, 'Harbour Studio', [
    { host: '127.0.68.2', port: await listen('127.0.68.2'), name: 'Stage left' },
    { host: '127.0.68.3', port: await listen('127.0.68.3'), name: 'Stage right' },
  ]);
  const content = await collectBundle(seeded.siteId, {
    inventory: seeded.inventory.get(),
    store: seeded.store,
    hubkeeperVersion: '0.1.0',
    technician: 'Li Wei',
    visitSpan: () => ({ startedAt: '2026-12-01T09:00:00.000Z', endedAt: '2026-12-01T10:00:00.000Z' }),
    now: () => new Date('2026-12-01T12:00:00.000Z'),
  });
  if (!content.ok) throw new Error(content.error.message);
  const encoded = encodeBundle(content.value);
  if (!encoded.ok) throw new Error(encoded.error.message);
  bundleText = encoded.value;
  preview = await startPreview({
    dataDir: viewer,
    rendererDir: path.join(ROOT, 'dist', 'renderer'),
    port: 0,
    keychain: 'memory',
    log: silentLog,
  });
  const own = await preview.backend.services.inventory.addSite({ name: 'Own lab', defaultUser: '', notes: '' });
  if (!own.ok) throw new Error(own.error.message);
});

test.afterAll(async () => {
  await page?.context().close();
  await preview?.stop();
  for (const l of listeners) await l.close();
  rmSync(exporter, { recursive: true, force: true });
  rmSync(viewer, { recursive: true, force: true });
});

test('a bundle opened read-only: marked with where and when, no traffic to its hubs', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
  page = await context.newPage();
  await page.goto(preview.transport.pageUrl);
  await page.getByTestId('nav-bundles').click();
  await expect(page.getByTestId('bundles-empty')).toBeVisible();
  // The preview has no native dialog: the page reads the file the user picks.
  await page.getByTestId('bundle-file').setInputFiles({
    name: 'hubkeeper-bundle-Harbour-Studio-2026-12-01.json',
    mimeType: 'application/json',
    buffer: Buffer.from(bundleText),
  });
  const banner = page.getByTestId('bundle-banner');
  await expect(banner).toContainText('Read-only bundle');
  await expect(banner).toContainText('Bundle from Harbour Studio, taken 2026-12-01 12:00 by Li Wei');
  await expect(page.getByTestId('bundle-hubs').locator('tbody tr')).toHaveCount(2);
  for (const button of await page.getByTestId('bundle-refresh').all()) await expect(button).toBeDisabled();
  for (const button of await page.getByTestId('bundle-login').all()) await expect(button).toBeDisabled();
  await page.getByTestId('bundle-technician').fill('Support desk');
  await page.getByTestId('bundle-report-preview').click();
  await expect(page.getByTestId('bundle-report-counts')).toContainText('2 verified');
  await dismissNotices(page);
  await expectNoAxeViolations(page, 'bundle opened read-only');
  for (const theme of ['light', 'dark'] as const) {
    await invoke(page, 'settings:set', { theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await shoot(page, `bundle-read-only-${theme}`);
  }
  await invoke(page, 'settings:set', { language: 'zh-CN', theme: 'light' });
  await expect(banner).toContainText('只读站点包');
  await shoot(page, 'bundle-read-only-zh-light');
  await invoke(page, 'settings:set', { language: 'en', theme: 'light' });

  // Beside the user's own sites on the fleet.
  await page.getByTestId('nav-fleet').click();
  await expect(page.getByTestId('bundle-strip')).toContainText('Bundle from Harbour Studio');
  await shoot(page, 'bundle-on-fleet-light');
  expect(connections()).toBe(0);
});
