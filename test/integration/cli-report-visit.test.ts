import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli } from './cli-harness';
import { makeInventory } from './cli-data-fixtures';
import { VisitBook } from '../../electron/core/visits/visit-book';

/** `hubkeeper report --site` covers the site's current or last visit by default (nothing is sent anywhere). */
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hk-cli-report-visit-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const at = (h: number, m = 0) => new Date(Date.UTC(2024, 4, 2, h, m)).toISOString();

async function visit(siteId: string, from: string, to: string | null): Promise<void> {
  let clock = from;
  const book = await VisitBook.open(dir, { now: () => new Date(clock) });
  await book.start(siteId);
  if (to) {
    clock = to;
    await book.end(siteId);
  }
}

describe('hubkeeper report: the default span is the site visit', () => {
  it('uses the last visit of the site when --from and --to are not given', async () => {
    const [hub] = await makeInventory(dir, { name: 'Acme Studios' }, [{ host: '127.0.62.40', port: 80, name: 'A' }]);
    await visit(hub!.siteId, at(8, 15), at(16, 40));
    const run = await cli(['report', '--site', 'Acme Studios', '--format', 'json', '--data-dir', dir]);
    expect(run.code, run.err).toBe(0);
    expect(run.json()).toMatchObject({ from: at(8, 15), to: at(16, 40) });
    // Explicit times still win.
    const explicit = await cli([
      'report',
      '--site',
      'Acme Studios',
      '--format',
      'json',
      '--from',
      at(9),
      '--to',
      at(10),
      '--data-dir',
      dir,
    ]);
    expect(explicit.json()).toMatchObject({ from: at(9), to: at(10) });
  });

  it('a visit still on runs until now; a site never visited keeps the 24 hours up to now', async () => {
    const [hub] = await makeInventory(dir, { name: 'Acme Studios' }, [{ host: '127.0.62.40', port: 80, name: 'A' }]);
    const started = new Date(Date.now() - 3_600_000).toISOString();
    await visit(hub!.siteId, started, null);
    // Reading the folder must not close the app's open visit (VisitBook.open would).
    const run = await cli(['report', '--site', 'Acme Studios', '--format', 'json', '--data-dir', dir]);
    const report = run.json<{ from: string; to: string }>();
    expect(report.from).toBe(started);
    expect(Date.parse(report.to)).toBeGreaterThan(Date.parse(started));
    const again = await cli(['report', '--site', 'Acme Studios', '--format', 'json', '--data-dir', dir]);
    expect(again.json<{ from: string }>().from).toBe(started);

    await rm(path.join(dir, 'visits.json'));
    const never = await cli(['report', '--site', 'Acme Studios', '--format', 'json', '--data-dir', dir]);
    const span = never.json<{ from: string; to: string }>();
    expect(Date.parse(span.to) - Date.parse(span.from)).toBe(24 * 3_600_000);
  });
});
