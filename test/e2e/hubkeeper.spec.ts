import { test, expect, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDevWeb, type DevWeb } from '../../scripts/dev-web';
import { startHub, type SimulatedHub } from '../simulator';
import { ROOT, dismissNotices, expectNoAxeViolations, invoke, shoot } from './helpers';

/**
 * A technician's first session, end to end: the real backend behind the browser test transport,
 * simulated Control Hubs on loopback, the built renderer in Debian's Chromium.
 *
 * Addresses (this file only): the demo fleet on 127.0.60.x (random ports), hubs to discover on
 * 127.0.61.x, all on the one port the first of them was given (a sweep probes one port list), and
 * an HTTPS hub on 127.0.61.30 (random port). No fixed port: two runs on one machine never collide.
 * Nothing else is contacted.
 */

const FAST = { leadMs: 800, checkMs: 800, downloadMs: 5000, verifyMs: 1000, restartNoticeMs: 800, restartMs: 2500 };
const DISCOVER_ADDRESSES = ['127.0.61.5', '127.0.61.9', '127.0.61.200'];
const HTTPS_HOST = '127.0.61.30';

test.describe.configure({ mode: 'serial' });

let dev: DevWeb;
let dataDir: string;
let page: Page;
let extraHubs: SimulatedHub[] = [];
let httpsHub: SimulatedHub;
const pageErrors: string[] = [];

/** The inventory id of the demo hub simulated by `fleet.hubs[i]`. */
function demoHubId(i: number): string {
  const sim = dev.fleet!.hubs[i]!;
  const hub = dev.preview.backend.services.inventory.get().hubs.find((h) => h.address === sim.host);
  if (!hub) throw new Error(`demo hub ${sim.host} is not in the inventory`);
  return hub.id;
}

function row(hubId: string) {
  return page.locator(`[data-test="fleet-row"][data-hub-id="${hubId}"]`);
}

async function openFleet(): Promise<void> {
  await page.getByTestId('nav-fleet').click();
  await expect(page.getByTestId('fleet-table')).toBeVisible();
}

test.beforeAll(async ({ browser }) => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'hubkeeper-e2e-'));
  dev = await startDevWeb({
    demo: 6,
    https: false,
    trust: false,
    port: 0,
    dataDir,
    keychain: 'memory',
    rendererDir: path.join(ROOT, 'dist', 'renderer'),
    demoFrom: '127.0.60.2',
  });
  // A calm fleet to start from; each test scripts the hubs it needs.
  // Hubs 0 and 3 start one version behind: 0 will update, 3 will fail to.
  const scenarios = [
    'update-available',
    'update-available',
    'idle',
    'update-available',
    'idle',
    'unavailable',
  ] as const;
  dev.fleet!.hubs.forEach((hub, i) => hub.setScenario(scenarios[i]!, FAST));
  for (const host of DISCOVER_ADDRESSES)
    extraHubs.push(await startHub({ host, port: extraHubs[0]?.port ?? 0, scenario: 'update-available' }));
  httpsHub = await startHub({ host: HTTPS_HOST, port: 0, https: true, scenario: 'idle' });
  extraHubs.push(httpsHub);

  // Its own context (axe needs one); the same window size as a small laptop.
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await page.goto(dev.preview.transport.pageUrl);
  await expect(page.getByTestId('fleet-table')).toBeVisible();
  // Short intervals keep the run quick; the same settings a technician can change on screen.
  const set = await invoke(page, 'settings:set', {
    monitor: {
      busyMs: 250,
      idleMs: 800,
      backoffBaseMs: 250,
      backoffMaxMs: 1000,
      restartProbeMs: 250,
      offlineAfterFailures: 3,
    },
  });
  expect(set).toMatchObject({ ok: true });
});

test.afterAll(async () => {
  await page?.context().close();
  for (const hub of extraHubs) await hub.stop();
  extraHubs = [];
  await dev?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test.afterEach(() => {
  expect(pageErrors, 'errors in the page').toEqual([]);
});

test('the fleet shows the demo site live, with the token gone from the address bar', async () => {
  expect(page.url()).not.toContain('hubkeeper-token');
  await expect(page.getByTestId('fleet-row')).toHaveCount(6);
  await expect(page.getByTestId('summary-all')).toContainText('6');
  await expect(row(demoHubId(2)).getByTestId('version-cell').first()).toHaveText('2.1.28');
  await expect(row(demoHubId(1)).getByTestId('version-status')).toHaveText(/available/);
  await expect(row(demoHubId(5)).getByTestId('state-badge')).toHaveText('Service unavailable');
});

test('discovers hubs on a loopback subnet and adds them to a new site', async () => {
  await page.getByTestId('nav-discovery').click();
  await page.getByTestId('sweep-target').fill('127.0.61.0/24');
  await page.getByTestId('sweep-ports').fill(String(extraHubs[0]!.port));
  await page.getByTestId('sweep-start').click();
  await expect(page.locator('[data-test="sweep-status"] [role="progressbar"]')).toBeVisible();
  await expect(page.getByTestId('sweep-status')).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('found-row')).toHaveCount(3);
  for (const address of DISCOVER_ADDRESSES) await expect(page.getByTestId('found-table')).toContainText(address);
  await expect(page.getByTestId('sweep-status')).toContainText('254 of 254');

  await page.getByTestId('site-picker').first().selectOption('__new__');
  await page.getByTestId('new-site-name').first().fill('Lab');
  await expect(page.getByTestId('add-selected')).toHaveText(/Add 3 selected/);
  await expectNoAxeViolations(page, 'discovery');
  await shoot(page, 'discovery');
  await page.getByTestId('add-selected').click();
  await expect(page.getByTestId('notices')).toContainText('Added 3 hubs');
  await expect(page.getByTestId('found-table')).toContainText('Added');
});

test('logs in to every hub of the new site at once', async () => {
  await openFleet();
  await page.getByTestId('site-filter').selectOption({ label: 'Lab' });
  await expect(page.getByTestId('fleet-row')).toHaveCount(3);
  // Nothing is known to log in with yet: every new hub asks for it, in words.
  await expect(page.locator('[data-test="access-chip"][data-access="needs-login"]')).toHaveCount(3, {
    timeout: 20_000,
  });

  await page.getByTestId('login-site').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Log in to all 3 hubs of Lab');
  await expect(page.getByTestId('login-user')).toHaveValue('Admin');
  await page.getByTestId('login-password').fill('Admin');
  await expectNoAxeViolations(page, 'login dialog');
  await page.getByTestId('login-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('notices')).toContainText('Logged in to 3 hubs of Lab');
  await expect(page.getByTestId('access-chip')).toHaveCount(0, { timeout: 20_000 });
  for (const r of await page.getByTestId('fleet-row').all())
    await expect(r.getByTestId('version-cell').first()).toHaveText('2.1.27');
  await page.getByTestId('site-filter').selectOption('');
});

test('follows a full update: the progress bar moves, the hub restarts and is verified on the new version', async () => {
  await openFleet();
  const id = demoHubId(0);
  dev.fleet!.hubs[0]!.setScenario('full-update', FAST);
  const bar = row(id).getByRole('progressbar');
  await expect(bar).toBeVisible({ timeout: 15_000 });
  const seen = new Set<number>();
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && (await bar.count()) > 0) {
    const now = Number(await bar.getAttribute('aria-valuenow').catch(() => null));
    if (Number.isFinite(now)) seen.add(now);
    await page.waitForTimeout(200);
  }
  const values = [...seen].sort((a, b) => a - b);
  expect(values.length, `progress values seen: ${values.join(', ')}`).toBeGreaterThanOrEqual(3);
  expect(values.at(-1)! - values[0]!).toBeGreaterThan(30);

  const outcome = row(id).locator('[data-test="outcome"][data-outcome="verified"]');
  await expect(outcome).toHaveText('Verified on 2.1.28', { timeout: 30_000 });
  await expect(row(id).getByTestId('version-cell').first()).toHaveText('2.1.28');
  await expect(row(id).getByTestId('state-badge')).toHaveText('Idle');
  await expect(page.getByTestId('notices')).toContainText('update verified, now running 2.1.28');
});

test('the hub detail shows the update and pages through all 50 published versions', async () => {
  const id = demoHubId(0);
  await row(id).getByTestId('hub-link').click();
  await expect(page.getByTestId('hub-detail')).toBeVisible();
  await expect(page.getByTestId('update-service')).toContainText('2.1.28');
  await expect(page.getByTestId('last-update')).toContainText('2.1.27 → 2.1.28');
  await expect(page.locator('[data-test="timeline-event"][data-type="update-finished"]')).toContainText('Verified');
  await expect(page.getByTestId('history-range')).toHaveText('Entries 1–10 of 50');
  await expect(page.getByTestId('history-row').first()).toContainText('2.1.28');

  await page.getByTestId('rename').click();
  await page.getByTestId('rename-input').fill('Control room');
  await page.getByTestId('rename-save').click();
  await expect(page.getByTestId('hub-name')).toHaveText('Control room');
  await dismissNotices(page);
  await expectNoAxeViolations(page, 'hub detail');
  await shoot(page, 'hub-detail');

  const versions = new Set<string>();
  for (let p = 0; p < 5; p++) {
    await expect(page.getByTestId('history-range')).toHaveText(`Entries ${p * 10 + 1}–${p * 10 + 10} of 50`);
    for (const r of await page.getByTestId('history-row').all())
      versions.add((await r.locator('[data-test="version-cell"] .mono').textContent()) ?? '');
    if (p < 4) await page.getByTestId('history-next').click();
  }
  expect(versions.size).toBe(50);
  await expect(page.getByTestId('history-next')).toBeDisabled();
  await page.getByTestId('history-previous').click();
  await expect(page.getByTestId('history-range')).toHaveText('Entries 31–40 of 50');
});

test('the fleet works from the keyboard: one tab stop, arrows between hubs, Enter opens one', async () => {
  await openFleet();
  await page.getByTestId('site-filter').selectOption('');
  await page.getByTestId('search').focus();
  // Search → filters → the column headers (sort buttons) → the grid's single tab stop (a row).
  for (let i = 0; i < 15 && !(await page.evaluate(() => document.activeElement?.getAttribute('role') === 'row')); i++)
    await page.keyboard.press('Tab');
  await expect(page.locator('[role="row"][data-index="0"]')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[role="row"][data-index="2"]')).toBeFocused();
  const hubName = await page.locator('[role="row"][data-index="2"] [data-test="hub-link"]').textContent();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('hub-name')).toHaveText(hubName!);
  await page.goBack();
  await expect(page.getByTestId('fleet-table')).toBeVisible();
});

test('an HTTPS hub: its fingerprint is shown before trusting it, and a changed certificate is called out', async () => {
  await page.getByTestId('nav-discovery').click();
  await page.getByTestId('manual-text').fill(`https://${HTTPS_HOST}:${httpsHub.port}\nthis is not an address`);
  await page.getByTestId('site-picker').nth(1).selectOption({ label: 'Lab' });
  await page.getByTestId('manual-add').click();
  await expect(page.getByTestId('manual-summary')).toContainText('Added 1 hub (');
  await expect(page.getByTestId('line-error')).toHaveCount(1);
  await expect(page.getByTestId('line-error')).toContainText('this is not an address');
  await expect(page.getByTestId('manual-text')).toHaveValue('this is not an address');

  await openFleet();
  const hubId = dev.preview.backend.services.inventory.get().hubs.find((h) => h.address === HTTPS_HOST)!.id;
  const chip = row(hubId).getByTestId('access-chip');
  await expect(chip).toHaveAttribute('data-access', 'cert-untrusted', { timeout: 20_000 });
  await chip.click();
  const fingerprint = httpsHub.certFingerprint!.replace('sha256:', '').toUpperCase().match(/.{2}/g)!;
  await expect(page.getByTestId('cert-fingerprint')).toContainText(fingerprint.slice(0, 8).join(':'));
  await expect(page.getByTestId('cert-fingerprint')).toContainText(fingerprint.slice(24, 32).join(':'));
  await expectNoAxeViolations(page, 'certificate dialog');
  await page.getByTestId('cert-trust').click();
  await expect(page.getByRole('dialog')).toBeHidden();

  // Trusted: now it needs a login like any new hub.
  await expect(chip).toHaveAttribute('data-access', 'needs-login', { timeout: 20_000 });
  await chip.click();
  await page.getByTestId('login-password').fill('Admin');
  await page.getByTestId('login-submit').click();
  await expect(row(hubId).getByTestId('access-chip')).toHaveCount(0, { timeout: 20_000 });
  await expect(row(hubId).getByTestId('version-cell').first()).toHaveText('2.1.28');

  // The hub presents another certificate: traffic stops and the fleet says why.
  await httpsHub.swapCertificate();
  await page.getByTestId('refresh').click();
  await expect(chip).toHaveAttribute('data-access', 'cert-changed', { timeout: 20_000 });
  await expect(chip).toHaveText('Certificate changed');
  await chip.click();
  await expect(page.getByTestId('cert-changed')).toContainText('has changed');
  await expect(page.getByTestId('cert-trust')).toBeDisabled();
  await expectNoAxeViolations(page, 'changed-certificate dialog');
  await shoot(page, 'certificate-changed');
  await page.getByTestId('cert-confirm').check();
  await page.getByTestId('cert-trust').click();
  await expect(page.getByRole('dialog')).toBeHidden();
  // Trust follows the certificate: the password typed for the old one is not sent to the new
  // one until it is typed again.
  await expect(chip).toHaveAttribute('data-access', 'needs-login', { timeout: 20_000 });
  await chip.click();
  await page.getByTestId('login-password').fill('Admin');
  await page.getByTestId('login-submit').click();
  await expect(row(hubId).getByTestId('access-chip')).toHaveCount(0, { timeout: 20_000 });
});

test('a failed update and a hub that went offline are marked as such', async () => {
  await openFleet();
  const failedId = demoHubId(3);
  const offlineId = demoHubId(4);
  dev.fleet!.hubs[3]!.setScenario('update-fails', FAST);
  await dev.fleet!.hubs[4]!.stop();

  await expect(row(failedId).getByTestId('state-badge')).toHaveText('Update failed', { timeout: 30_000 });
  await expect(row(failedId).locator('[data-test="outcome"][data-outcome="failed"]')).toHaveText(
    'Failed: Hub busy (11)',
  );
  await expect(row(offlineId).getByTestId('freshness')).toHaveAttribute('data-freshness', 'offline', {
    timeout: 20_000,
  });
  await expect(row(offlineId).getByTestId('freshness')).toContainText('offline');
  await expect(page.getByTestId('summary-offline')).toContainText('1');
  await expect(page.getByTestId('summary-failed')).toContainText('1');
  await expect(page.getByTestId('notices')).toContainText('update failed (code 11)');

  await page.getByTestId('summary-attention').click();
  await expect(row(failedId)).toBeVisible();
  await expect(row(offlineId)).toBeVisible();
  await page.getByTestId('summary-attention').click();
  await expectNoAxeViolations(page, 'fleet');
  await shoot(page, 'fleet');

  await row(offlineId).getByTestId('hub-link').click();
  await expect(page.getByTestId('hub-detail').getByTestId('freshness').first()).toContainText('offline');
  await expect(page.getByTestId('error')).toContainText(/not reachable|did not answer/);
  // The update-service and system panels show last-known figures: they say so in words.
  await expect(page.getByTestId('service-freshness')).toHaveAttribute('data-freshness', 'offline');
  await expect(page.getByTestId('system-as-of')).toContainText('offline');
  await expectNoAxeViolations(page, 'hub detail of an offline hub');
});

test('exports a site-visit report', async () => {
  await page.getByTestId('nav-report').click();
  await page.getByTestId('report-site').selectOption({ label: 'Demo site' });
  await page.getByTestId('report-technician').fill('Wang Fang');
  await expect(page.getByTestId('report-row')).toHaveCount(6);
  await expect(page.getByTestId('report-preview')).toContainText('Verified');
  await expect(page.getByTestId('report-preview')).toContainText('Failed');
  await expect(page.getByTestId('report-preview')).toContainText('Control room');
  await dismissNotices(page);
  await expectNoAxeViolations(page, 'report');
  await shoot(page, 'report');

  await page.getByTestId('report-save-csv').click();
  await expect(page.getByTestId('report-saved')).toContainText('Saved');
  const csvName = (await page.getByTestId('report-saved').textContent())!.replace(/.*Saved\s+/, '').trim();
  const csvPath = path.join(dev.preview.outDir, csvName);
  expect(existsSync(csvPath), csvPath).toBe(true);
  const csv = readFileSync(csvPath, 'utf8');
  expect(csv).toContain('verified');
  expect(csv).toContain(dev.fleet!.hubs[0]!.host);

  await page.getByTestId('report-save-html').click();
  await expect(page.getByTestId('report-saved')).toContainText('.html');
});

test('switches to Chinese and to dark mode, and stays readable', async () => {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('language-zh-CN').check();
  await page.getByTestId('theme-dark').check();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByTestId('nav-fleet')).toContainText('设备总览');
  await expectNoAxeViolations(page, 'settings (zh-CN, dark)');

  await page.getByTestId('nav-fleet').click();
  await expect(row(demoHubId(3)).getByTestId('state-badge')).toHaveText('升级失败');
  await expect(row(demoHubId(4)).getByTestId('freshness')).toContainText('离线');
  await expectNoAxeViolations(page, 'fleet (zh-CN, dark)');
  await shoot(page, 'fleet-zh-dark');
  await row(demoHubId(4)).getByTestId('hub-link').click();
  await expect(page.getByTestId('service-freshness')).toContainText('离线');
  await expectNoAxeViolations(page, 'hub detail (zh-CN, dark)');
  await page.getByTestId('nav-discovery').click();
  await expectNoAxeViolations(page, 'discovery (zh-CN, dark)');
  await page.getByTestId('nav-fleet').click();

  // The choice is the backend's setting: a reload keeps it.
  await page.reload();
  await expect(page.getByTestId('nav-fleet')).toContainText('设备总览');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});
