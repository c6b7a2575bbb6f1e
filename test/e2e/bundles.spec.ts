import { test, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { collectBundle, encodeBundle } from '../../electron/core/bundles';
import { silentLog } from '../../electron/core/app/log';
import { startPreview, type Preview } from '../../electron/web/preview';
import { bigBundle, seedSite } from '../unit/bundle-fixtures';
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
    // The first hub's managed devices, as the exporting Hubkeeper had read them.
    devices: async (hubIds) =>
      hubIds.slice(0, 1).map((hubId) => ({
        hubId,
        asOf: '2026-12-01T09:25:00.000Z',
        devices: ['4.1.2', '4.1.2', '4.0.310'].map((firmwareVersion, i) => ({
          serial: `A10${i}`,
          name: `Encoder ${i + 1}`,
          model: 'Ultra Encode HDMI',
          firmwareVersion,
          hardwareVersion: 'A',
          online: i !== 2,
          warnings: 0,
          appliedAt: null,
          upgrade: null,
        })),
        truncated: false,
        error: null,
        upgrading: false,
        stale: false,
      })),
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

test('a bundled hub opened read-only from the bundle: versions, timeline, devices; no traffic', async () => {
  // From the bundle's hub list with the keyboard: the hub's name is a link (Enter opens it).
  await page.getByTestId('nav-bundles').click();
  await page.locator('[data-test="bundle-list"] a').first().click();
  const link = page.getByTestId('bundle-hub-link').first();
  await expect(link).toHaveText('Stage left');
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/bundle\/[^/]+\/hub\/[^/]+$/);
  await expect(page).toHaveTitle('Bundled hub Stage left — Hubkeeper');
  const banner = page.getByTestId('bundled-hub-banner');
  await expect(banner).toContainText('Bundle from Harbour Studio, taken 2026-12-01 12:00 by Li Wei');
  await expect(banner).toContainText('Hubkeeper never contacts it');
  await expect(page.getByTestId('bundled-hub-status')).toContainText('2.1.28');
  await expect(page.getByTestId('history-row')).toHaveCount(2);
  await expect(page.getByTestId('history-row').first()).toContainText('2026-12-01');
  await expect(page.getByTestId('history-from-store')).toContainText('From the bundle');
  await expect(page.getByTestId('timeline-event').first()).toHaveAttribute('data-type', 'update-finished');
  // Nothing on this page can reach the hub.
  await expect(page.getByRole('button', { name: /log in|refresh|pause|certificate|web interface/i })).toHaveCount(0);
  await dismissNotices(page);
  await expectNoAxeViolations(page, 'bundled hub');
  for (const theme of ['light', 'dark'] as const) {
    await invoke(page, 'settings:set', { theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await shoot(page, `bundled-hub-${theme}`);
  }

  // The Devices tab, reached with the arrow key as on a hub's own page.
  await page.getByRole('tab', { name: 'Overview' }).focus();
  await page.keyboard.press('ArrowRight');
  const devices = page.getByTestId('bundled-hub-devices');
  await expect(devices).toContainText('From the bundle: 3 devices as read 2026-12-01 09:25');
  await expect(page.getByTestId('device-row')).toHaveCount(3);
  await expectNoAxeViolations(page, 'bundled hub devices');
  await shoot(page, 'bundled-hub-devices-dark');

  // A technician's half-screen laptop window: nothing cut off sideways, light and dark.
  await page.setViewportSize({ width: 640, height: 720 });
  await page.getByRole('tab', { name: 'Overview' }).click();
  for (const theme of ['light', 'dark'] as const) {
    await invoke(page, 'settings:set', { theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const overflow = await page.evaluate(() => {
      const main = document.getElementById('main')!;
      return main.scrollWidth - main.clientWidth;
    });
    expect(overflow, 'no horizontal scrollbar at 640 px').toBeLessThanOrEqual(0);
    await shoot(page, `bundled-hub-640-${theme}`);
  }
  // Below the status panels at this width: the version history, then the devices.
  await invoke(page, 'settings:set', { theme: 'light' });
  await page.getByTestId('history').scrollIntoViewIfNeeded();
  await shoot(page, 'bundled-hub-640-history-light');
  await page.getByRole('tab', { name: 'Devices' }).click();
  await expect(page.getByTestId('device-row')).toHaveCount(3);
  await shoot(page, 'bundled-hub-640-devices-light');
  await page.getByRole('tab', { name: 'Overview' }).click();
  await invoke(page, 'settings:set', { language: 'zh-CN', theme: 'light' });
  await expect(page).toHaveTitle('站点包中的 Hub Stage left — Hubkeeper');
  await expect(banner).toContainText('来自 Harbour Studio 的站点包');
  await shoot(page, 'bundled-hub-640-zh-light');
  await invoke(page, 'settings:set', { language: 'en', theme: 'light' });
  await page.setViewportSize({ width: 1366, height: 768 });

  // Back returns to the bundle (the browser's Back too).
  await page.getByTestId('bundled-hub-back').click();
  await expect(page.getByTestId('bundle-banner')).toBeVisible();
  await page.goBack();
  await expect(page).toHaveTitle('Bundled hub Stage left — Hubkeeper');
  await page.goBack();
  await expect(page.getByTestId('bundle-banner')).toBeVisible();
  expect(connections()).toBe(0);
});

test('the browser preview opens a 10 MB bundle (over its 6 MB message limit) from the file picker', async () => {
  const text = bigBundle('e2e-big-10mb', 10);
  expect(Buffer.byteLength(text)).toBeGreaterThan(9 * 1024 * 1024);
  await page.getByTestId('nav-bundles').click();
  await page.getByTestId('bundle-file').setInputFiles({
    name: 'big-bundle.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  const banner = page.getByTestId('bundle-banner');
  await expect(banner).toContainText('Bundle from 港口演播室 Harbour', { timeout: 60_000 });
  await expect(page.getByTestId('bundle-hubs').locator('tbody tr')).toHaveCount(2);
  // The page is still connected (a message over the limit would have closed its socket).
  await expect(page.getByTestId('disconnected')).toHaveCount(0);
  await page.getByTestId('bundle-hub-link').first().click();
  await expect(page.getByTestId('history-range')).toContainText(/of \d{5}/);
  await page.getByTestId('bundled-hub-back').click();
  await page.getByTestId('bundle-close').click();
  expect(connections()).toBe(0);
});
