import { test, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeCredential } from '../../electron/core/app/credentials';
import { silentLog } from '../../electron/core/app/log';
import { startPreview, type Preview } from '../../electron/web/preview';
import { startHub, type SimulatedHub } from '../simulator';
import { ROOT, dismissNotices, expectNoAxeViolations, invoke, shoot } from './helpers';

/**
 * Site visits, end to end: the real backend behind the browser transport, the built renderer in
 * Chromium. Harbour Studio is visited, then Hubkeeper quits; on the next start the window offers
 * to resume the visit and its hubs get no connection before the click. An imported customer
 * list (never visited) is shown as last known, "not visited", and counted apart.
 *
 * Addresses (this file only): Harbour Studio's simulated hubs on 127.0.67.2–.3; the imported
 * list names 127.0.67.20–.22, where nothing listens and nothing is ever sent.
 */

test.describe.configure({ mode: 'serial' });

const USERS = [{ name: 'Admin', password: 'Harbour-63', type: 1, permission: 0xffffffff }];
let dataDir: string;
let preview: Preview;
let studio: SimulatedHub[] = [];
let page: Page;
let studioSiteId = '';

/** Start Hubkeeper; a restart keeps the last run's keychain, as the OS keychain outlives the app. */
function open(last?: Preview): Promise<Preview> {
  return startPreview({
    dataDir,
    rendererDir: path.join(ROOT, 'dist', 'renderer'),
    port: 0,
    keychain: 'memory',
    ...(last ? { secrets: last.secrets } : {}),
    log: silentLog,
  });
}

/** Move within the open page (a new page load would need this run's token again). */
async function go(hash: string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
}

const connections = () => studio.reduce((n, hub) => n + hub.connectionCount, 0);

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'hubkeeper-e2e-visits-'));
  studio = await Promise.all(
    ['127.0.67.2', '127.0.67.3'].map((host) => startHub({ host, port: 0, scenario: 'update-available', users: USERS })),
  );
  // The last session: the technician was at Harbour Studio; a colleague's list was imported.
  preview = await open();
  const { inventory, visits, settings } = preview.backend.services;
  const fast = await settings.set({ monitor: { busyMs: 300, idleMs: 300, backoffBaseMs: 300 } });
  if (!fast.ok) throw new Error(fast.error.message);
  const site = await inventory.addSite({ name: 'Harbour Studio', defaultUser: 'Admin', notes: '' });
  if (!site.ok) throw new Error(site.error.message);
  studioSiteId = site.value.id;
  const added = await inventory.addHubs(
    studioSiteId,
    studio.map((hub) => ({
      address: hub.host,
      endpoints: [{ scheme: 'http' as const, port: hub.port, fingerprint: null }],
    })),
  );
  if (!added.ok) throw new Error(added.error.message);
  for (const hub of added.value.added)
    await preview.secrets.save(
      hub.id,
      encodeCredential({ user: 'Admin', password: 'Harbour-63', binding: { pin: null, mac: null } }),
    );
  const visit = await visits.start(studioSiteId);
  if (!visit.ok) throw new Error(visit.error.message);
  const csv = [
    'site,name,address,http_port',
    'Northwind Broadcast,Gallery 1,127.0.67.20,80',
    'Northwind Broadcast,Gallery 2,127.0.67.21,80',
    'Northwind Broadcast,Master control,127.0.67.22,80',
  ].join('\n');
  const imported = await inventory.importText(csv, 'csv');
  if (!imported.ok) throw new Error(imported.error.message);
  // Read once, so the not-visited rows of the next session have a last-known state to show… for
  // the visited site; the imported one was never read.
  const deadline = Date.now() + 20_000;
  while (preview.backend.services.monitor.snapshot().filter((h) => h.lastSuccessAt).length < 2) {
    if (Date.now() > deadline) throw new Error('Harbour Studio was not read');
    await new Promise((r) => setTimeout(r, 100));
  }
  await preview.stop(); // quitting ends every visit
});

test.afterAll(async () => {
  await page?.context().close();
  await preview?.stop();
  await Promise.all(studio.map((hub) => hub.stop()));
  rmSync(dataDir, { recursive: true, force: true });
});

test('after a restart the window offers to resume the visit, and nothing is sent before the click', async ({
  browser,
}) => {
  const before = connections();
  preview = await open(preview);
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
  page = await context.newPage();
  await page.goto(preview.transport.pageUrl);
  const banner = page.getByTestId('resume-banner');
  await expect(banner).toContainText('Resume visit to Harbour Studio?');
  await expect(page.getByTestId('fleet-table')).toBeVisible();
  // Every row is last-known and marked "not visited"; the chips count them apart.
  await expect(page.getByTestId('summary-not-visited')).toContainText('5');
  await expect(page.locator('[data-test="freshness"][data-freshness="not-visited"]')).toHaveCount(5);
  // Harbour Studio's hubs keep their last reading's time; the imported ones were never read.
  await expect(
    page.locator('[data-test="freshness"][data-freshness="not-visited"]').filter({ hasText: 'as of' }),
  ).toHaveCount(2);
  await page.waitForTimeout(1500); // five poll intervals of the restarted backend
  expect(connections()).toBe(before);
  await dismissNotices(page);
  await shoot(page, 'visits-resume-en-light');
  await expectNoAxeViolations(page, 'resume banner');

  await page.getByTestId('resume-visit').click();
  await expect(banner).toHaveCount(0);
  await expect.poll(connections, { timeout: 15_000 }).toBeGreaterThan(before);
  await expect(page.getByTestId('summary-not-visited')).toContainText('3');
  // The remembered passwords are still in the keychain: the resumed hubs are read, not stopped.
  await expect(page.locator('[data-test="freshness"][data-freshness="live"]')).toHaveCount(2);
  await expect(page.getByTestId('access-chip')).toHaveCount(0);
});

test('a hub of a site not visited offers the visit instead of refreshing alone', async () => {
  const northwind = preview.backend.services.inventory.get().hubs.find((h) => h.name === 'Gallery 1')!;
  await go(`#/hub/${encodeURIComponent(northwind.id)}`);
  await page.getByTestId('hub-refresh').click();
  await expect(page.getByTestId('visit-offer')).toContainText('Northwind Broadcast is not being visited');
  await shoot(page, 'visits-offer-en-light');
  await page.getByTestId('visit-offer-cancel').click();
  await expect(page.getByTestId('visit-offer')).toHaveCount(0);
  // The backend refuses it too: nothing reaches a hub of a site nobody visits.
  const refused = (await invoke(page, 'monitor:refresh', { hubIds: [northwind.id] })) as {
    ok: boolean;
    error?: { code: string };
  };
  expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_VISITED' } });
});

test('the fleet with a visited and a not-visited site, light and dark, English and Chinese', async () => {
  for (const [language, theme] of [
    ['en', 'light'],
    ['en', 'dark'],
    ['zh-CN', 'light'],
    ['zh-CN', 'dark'],
  ] as const) {
    await invoke(page, 'settings:set', { language, theme });
    await go('#/fleet');
    await expect(page.getByTestId('fleet-table')).toBeVisible();
    await page.getByTestId('site-filter').selectOption({ label: 'Northwind Broadcast' });
    await expect(page.getByTestId('visit-control')).toHaveAttribute('data-visit', 'not-visited');
    await page.getByTestId('site-filter').selectOption({ value: '' });
    await dismissNotices(page);
    await shoot(page, `visits-fleet-${language === 'en' ? 'en' : 'zh'}-${theme}`);
    await page.getByTestId('site-filter').selectOption({ label: 'Harbour Studio' });
    await expect(page.getByTestId('visit-control')).toHaveAttribute('data-visit', 'visiting');
    await shoot(page, `visits-site-${language === 'en' ? 'en' : 'zh'}-${theme}`);
  }
  await invoke(page, 'settings:set', { language: 'en', theme: 'light' });
});
