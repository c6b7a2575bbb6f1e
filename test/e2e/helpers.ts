import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SHOTS = path.join(ROOT, 'test-results', 'screenshots');

/** Save a screenshot of the whole window under test-results/screenshots (kept for the README). */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  // Let transitions (progress bar, focus) settle so the picture shows what a person sees.
  await page.waitForTimeout(350);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** WCAG 2.1 A/AA rules of axe-core on what is on screen now; violations listed readably. */
export async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const violations = result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join(' | ')}`,
  );
  expect(violations, `axe on ${screen}`).toEqual([]);
}

/** Close the transient notices so a screenshot shows the screen itself. */
export async function dismissNotices(page: Page): Promise<void> {
  const buttons = page.locator('[data-test="notices"] [data-test="dismiss"]');
  while ((await buttons.count()) > 0) await buttons.first().click();
}

/** Call the contract from the page, exactly as the renderer's bridge does. */
export async function invoke(page: Page, channel: string, args: unknown): Promise<unknown> {
  return page.evaluate(
    async ([c, a]) => {
      const api = (window as unknown as { hubkeeper: { invoke(c: string, a: unknown): Promise<unknown> } }).hubkeeper;
      return api.invoke(c as string, a);
    },
    [channel, args] as const,
  );
}
