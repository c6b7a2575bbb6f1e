import { test, expect, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDevWeb, type DevWeb } from '../../scripts/dev-web';
import { ROOT, dismissNotices, invoke, shoot } from './helpers';

/**
 * A window snapped to half a laptop screen (683×768) or a small 1024×640 one: the fleet keeps
 * hub, state, installed, newest and firmware status in view with no horizontal scrollbar, the
 * side bar shrinks to icons (still named for screen readers), and the hub page fits too.
 * Demo hubs of this file: 127.0.69.2–.13 (one in each state the demo has).
 */

test.describe.configure({ mode: 'serial' });

let dataDir: string;
let dev: DevWeb;

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'hubkeeper-e2e-small-'));
  dev = await startDevWeb({
    demo: 12,
    https: false,
    trust: false,
    port: 0,
    dataDir,
    keychain: 'memory',
    rendererDir: path.join(ROOT, 'dist', 'renderer'),
    demoFrom: '127.0.69.2',
  });
});

test.afterAll(async () => {
  await dev?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Nothing on the page, in the main area or in the fleet's header row scrolls sideways. */
async function expectNoSidewaysScroll(page: Page, screen: string): Promise<void> {
  const overflow = await page.evaluate(() => {
    const over = (el: Element | null) => (el ? el.scrollWidth - el.clientWidth : 0);
    return {
      page: over(document.documentElement),
      main: over(document.querySelector('main')),
      fleetHeader: over(document.querySelector('.head-row')),
      fleetRow: over(document.querySelector('[data-test="fleet-row"]')),
    };
  });
  expect(overflow, screen).toEqual({ page: 0, main: 0, fleetHeader: 0, fleetRow: 0 });
}

async function expectInView(page: Page, testId: string): Promise<void> {
  const box = await page.getByTestId(testId).boundingBox();
  const width = page.viewportSize()!.width;
  expect(box, testId).not.toBeNull();
  expect(box!.x + box!.width, `${testId} ends inside the window`).toBeLessThanOrEqual(width);
}

for (const size of [
  { width: 683, height: 768 },
  { width: 1024, height: 640 },
]) {
  test(`fleet and hub page fit ${size.width}×${size.height}, light and dark`, async ({ browser }) => {
    const page = await browser.newPage({ viewport: size });
    await page.goto(dev.preview.transport.pageUrl);
    await expect(page.getByTestId('fleet-row').first()).toBeVisible();
    // Every hub read once, so the rows show what a technician sees.
    await expect(page.locator('[data-test="version-status"]').first()).toBeVisible();
    for (const theme of ['light', 'dark'] as const) {
      await invoke(page, 'settings:set', { theme });
      await page.evaluate(() => (location.hash = '#/fleet'));
      await expect(page.getByTestId('fleet-table')).toBeVisible();
      await dismissNotices(page);
      for (const column of ['sort-name', 'sort-state', 'sort-installed', 'sort-newest', 'sort-versionStatus'])
        await expectInView(page, column);
      // The side bar's links keep their names (visually hidden labels), and say them on hover.
      await expect(page.getByRole('link', { name: 'Find hubs' })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Find hubs' })).toHaveAttribute('title', 'Find hubs');
      await expectNoSidewaysScroll(page, `fleet ${size.width} ${theme}`);
      await shoot(page, `small-fleet-${size.width}-${theme}`);

      await page.getByTestId('hub-link').nth(3).click();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await dismissNotices(page);
      await expectNoSidewaysScroll(page, `hub ${size.width} ${theme}`);
      await shoot(page, `small-hub-${size.width}-${theme}`);
    }
    await invoke(page, 'settings:set', { theme: 'light' });
    await page.close();
  });
}

test('a truncated firmware status keeps its words in a tooltip, and the fleet narrows without losing a column', async ({
  browser,
}) => {
  const page = await browser.newPage({ viewport: { width: 683, height: 768 } });
  await page.goto(dev.preview.transport.pageUrl);
  const status = page.locator('[data-test="version-status"]').first();
  await expect(status).toBeVisible();
  await expect(status).toHaveAttribute('title', /\S/);
  // Progress, Online check and Data are folded, not gone: their headers leave, the state cell
  // carries a download bar or a freshness marker when there is one.
  await expect(page.getByTestId('sort-progress')).toBeHidden();
  await expect(page.getByTestId('sort-lastCheck')).toBeHidden();
  await expect(page.getByTestId('sort-asOf')).toBeHidden();
  await page.setViewportSize({ width: 1366, height: 768 });
  await expect(page.getByTestId('sort-progress')).toBeVisible();
  await expect(page.getByTestId('sort-asOf')).toBeVisible();
  await page.close();
});

test('the printable report speaks the window’s language, with local times and the zone named', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 1024, height: 640 } });
  await page.goto(dev.preview.transport.pageUrl);
  await expect(page.getByTestId('fleet-row').first()).toBeVisible();
  const saved = (await invoke(page, 'report:save', {
    scope: { siteId: dev.siteId! },
    technician: '李伟',
    format: 'html',
    language: 'zh-CN',
  })) as { ok: true; value: { saved: boolean; fileName: string | null } };
  expect(saved.ok && saved.value.saved).toBe(true);
  const html = readFileSync(path.join(dataDir, 'saved', saved.value.fileName!), 'utf8');
  expect(html).toContain('<html lang="zh-CN">');
  expect(html).toContain('现场服务报告 — Demo site');
  expect(html).toMatch(/时间为 (UTC|[A-Za-z_/]+ \(UTC[+-]\d\d:\d\d\))/);
  // The saved page shown as the customer sees it (it is self-contained: no network needed).
  const report = await browser.newPage({ viewport: { width: 1024, height: 640 } });
  await report.setContent(html);
  await shoot(report, 'report-zh-CN');
  await report.close();
  await page.close();
});
