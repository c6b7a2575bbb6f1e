import { test, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeCredential } from '../../electron/core/app/credentials';
import { silentLog } from '../../electron/core/app/log';
import { startPreview, type Preview } from '../../electron/web/preview';
import { startHub, type SimulatedHub } from '../simulator';
import { ROOT, dismissNotices, expectNoAxeViolations, shoot } from './helpers';

/**
 * Managed devices, end to end: the real backend reads `/api/device/list` from simulated hubs,
 * the built renderer shows them in Chromium. Harbour Studio has three hubs:
 * - Gallery (24 devices): two Ultra Encode HDMI were upgraded to 1.2.0, so the other three of
 *   that model on the site are "behind"; one Pro Convert is being upgraded (progress bar);
 * - Control room (8 devices), read with an account that cannot list devices;
 * - Lobby (6 devices), all on the firmware the simulator ships.
 *
 * Addresses (this file only): 127.0.113.2–.4, random ports. Nothing else is contacted.
 */

test.describe.configure({ mode: 'serial' });

const ADMIN = { name: 'Admin', password: 'Harbour-113', type: 1, permission: 0xffffffff };
// Views the update service (0x1) but not devices (0x2).
const VIEWER = { name: 'Viewer', password: 'Viewer-113', type: 4, permission: 0x1 };

let dataDir: string;
let preview: Preview;
let hubs: SimulatedHub[] = [];
let page: Page;
const ids: Record<'gallery' | 'control' | 'lobby', string> = { gallery: '', control: '', lobby: '' };
const pageErrors: string[] = [];

async function go(hash: string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
}

async function openDevicesTab(hubId: string): Promise<void> {
  await go(`#/hub/${encodeURIComponent(hubId)}`);
  await page.getByTestId('tab-devices').click();
  await expect(page.getByTestId('hub-devices')).toBeVisible();
}

test.beforeAll(async ({ browser }) => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'hubkeeper-e2e-devices-'));
  hubs = await Promise.all([
    startHub({
      host: '127.0.113.2',
      port: 0,
      scenario: 'idle',
      users: [ADMIN],
      devices: 24,
      deviceUpgrades: [
        // Positions 0 and 5 are Ultra Encode HDMI (the simulator cycles five models).
        { devices: [0, 5], durationMs: 1, outcome: 'done', toVersion: '1.2.0' },
        { devices: [1], durationMs: 600_000, outcome: 'done' },
      ],
    }),
    startHub({ host: '127.0.113.3', port: 0, scenario: 'idle', users: [ADMIN, VIEWER], devices: 8 }),
    startHub({ host: '127.0.113.4', port: 0, scenario: 'idle', users: [ADMIN], devices: 6 }),
  ]);
  preview = await startPreview({
    dataDir,
    rendererDir: path.join(ROOT, 'dist', 'renderer'),
    port: 0,
    keychain: 'memory',
    log: silentLog,
  });
  const { inventory, visits, settings } = preview.backend.services;
  const fast = await settings.set({ monitor: { busyMs: 500, idleMs: 500, backoffBaseMs: 500 } });
  if (!fast.ok) throw new Error(fast.error.message);
  const site = await inventory.addSite({ name: 'Harbour Studio', defaultUser: 'Admin', notes: '' });
  if (!site.ok) throw new Error(site.error.message);
  const added = await inventory.addHubs(
    site.value.id,
    hubs.map((hub) => ({
      address: hub.host,
      endpoints: [{ scheme: 'http' as const, port: hub.port, fingerprint: null }],
    })),
  );
  if (!added.ok) throw new Error(added.error.message);
  const names = ['Gallery', 'Control room', 'Lobby'];
  for (const [i, key] of (['gallery', 'control', 'lobby'] as const).entries()) {
    const hub = added.value.added.find((h) => h.address === hubs[i]!.host)!;
    ids[key] = hub.id;
    const renamed = await inventory.updateHub(hub.id, { name: names[i] });
    if (!renamed.ok) throw new Error(renamed.error.message);
    const user = key === 'control' ? VIEWER : ADMIN;
    await preview.secrets.save(
      hub.id,
      encodeCredential({ user: user.name, password: user.password, binding: { pin: null, mac: null } }),
    );
  }
  const visit = await visits.start(site.value.id);
  if (!visit.ok) throw new Error(visit.error.message);

  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(preview.transport.pageUrl);
  await expect(page.getByTestId('fleet-table')).toBeVisible();
});

test.afterAll(async () => {
  await page?.context().close();
  await preview?.stop();
  await Promise.all(hubs.map((hub) => hub.stop()));
  rmSync(dataDir, { recursive: true, force: true });
});

test('the Devices tab reads the list, marks the devices behind on the site and shows an upgrade running', async () => {
  // The Lobby's Ultra Encode HDMI devices are behind too: "newest seen" is per site.
  await openDevicesTab(ids.lobby);
  await expect(page.getByTestId('device-row')).toHaveCount(6);
  await openDevicesTab(ids.gallery);
  const table = page.getByTestId('device-table');
  await expect(page.getByTestId('devices-shown')).toHaveText('24 of 24 devices');
  await expect(page.getByTestId('devices-status')).toHaveAttribute('data-status', 'current');
  await expect(page.getByTestId('devices-as-of')).toContainText('Devices as of');
  // Per model, the versions in use with counts; the older one marked in words, never "outdated".
  const ultra = page.locator('[data-test="firmware-summary"] li[data-model="Ultra Encode HDMI"]');
  await expect(ultra).toContainText('Ultra Encode HDMI: 1.2.0 ×2, 1.1.945 ×3');
  await expect(ultra.getByTestId('firmware-behind')).toHaveAttribute('title', 'older than others on this site');
  await expect(page.getByTestId('hub-devices')).not.toContainText(/outdated/i);

  // The upgrade in progress: a progress bar, and the list is followed every few seconds.
  await expect(page.getByTestId('devices-upgrading')).toBeVisible();
  await expect(table.locator('[data-test="device-upgrade"] [role="progressbar"]')).toHaveCount(1);

  // Filters: behind only shows the three older Ultra Encode HDMI.
  await page.getByTestId('devices-behind-only').check();
  await expect(page.getByTestId('device-row')).toHaveCount(3);
  await expect(page.getByTestId('device-behind')).toHaveCount(3);
  await page.getByTestId('devices-reset').click();
  // Offline: every fourth device of the simulator.
  await page.getByTestId('devices-offline').check();
  await expect(page.getByTestId('device-row')).toHaveCount(6);
  await page.getByTestId('devices-reset').click();
  await page.getByTestId('devices-search').fill('Director');
  await expect(page.getByTestId('devices-shown')).toHaveText('4 of 24 devices');
  await page.getByTestId('devices-reset').click();

  // Sorting from the keyboard: the header buttons are buttons.
  await page.getByTestId('device-sort-firmware').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('device-sort-firmware').locator('..')).toHaveAttribute('aria-sort', 'ascending');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('device-sort-firmware').locator('..')).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByTestId('device-row').first()).toContainText('Director Mini1.3.120');
  await page.getByTestId('device-sort-serial').click();

  await dismissNotices(page);
  await shoot(page, 'devices-tab-en-light');
  await expectNoAxeViolations(page, 'devices tab');
  expect(pageErrors).toEqual([]);
});

test('an account without device viewing is told so on that hub, and nothing else breaks', async () => {
  await openDevicesTab(ids.control);
  await expect(page.getByTestId('devices-no-permission')).toContainText('This account cannot list devices');
  await expect(page.getByTestId('devices-status')).toHaveAttribute('data-status', 'no-permission');
  await page.getByTestId('tab-overview').click();
  await expect(page.getByTestId('update-service')).toBeVisible();
  await expect(page.getByTestId('hub-name')).toHaveText('Control room');
});

test('the fleet counts devices per hub and summarises the site per model and firmware', async () => {
  await go('#/fleet');
  const gallery = page.locator(`[data-test="fleet-row"][data-hub-id="${ids.gallery}"] [data-test="fleet-devices"]`);
  await expect(gallery).toContainText('24');
  await expect(gallery.getByTestId('fleet-devices-behind')).toContainText('3');
  await expect(gallery.getByTestId('fleet-devices-offline')).toContainText('6');
  const lobby = page.locator(`[data-test="fleet-row"][data-hub-id="${ids.lobby}"] [data-test="fleet-devices"]`);
  await expect(lobby.getByTestId('fleet-devices-behind')).toContainText('2');
  const control = page.locator(`[data-test="fleet-row"][data-hub-id="${ids.control}"] [data-test="fleet-devices"]`);
  await expect(control).toContainText('cannot list');

  const summary = page.getByTestId('site-devices');
  await expect(summary.locator('summary')).toContainText('Harbour Studio — devices: 30');
  await summary.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(summary.locator('li[data-model="Ultra Encode HDMI"]')).toContainText(
    'Ultra Encode HDMI: 1.2.0 ×2, 1.1.945 ×5',
  );
  await dismissNotices(page);
  await shoot(page, 'devices-fleet-en-light');
  await expectNoAxeViolations(page, 'fleet with devices');
});

// One test per look: axe over a full screen takes seconds on a busy machine.
for (const [language, theme] of [
  ['en', 'dark'],
  ['zh-CN', 'light'],
  ['zh-CN', 'dark'],
] as const) {
  const tag = `${language === 'en' ? 'en' : 'zh'}-${theme}`;
  test(`the new screens are readable (${tag})`, async () => {
    const set = await preview.backend.services.settings.set({ language, theme });
    if (!set.ok) throw new Error(set.error.message);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await go('#/fleet');
    await expect(page.getByTestId('site-devices')).toBeVisible();
    await dismissNotices(page);
    await shoot(page, `devices-fleet-${tag}`);
    await expectNoAxeViolations(page, `fleet with devices (${tag})`);
    await openDevicesTab(ids.gallery);
    await expect(page.getByTestId('device-row').first()).toBeVisible();
    await dismissNotices(page);
    await shoot(page, `devices-tab-${tag}`);
    await expectNoAxeViolations(page, `devices tab (${tag})`);
  });
}
