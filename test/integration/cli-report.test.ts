import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { cli } from './cli-harness';
import { makeInventory } from './cli-data-fixtures';
import { HubStore } from '../../electron/core/store/hub-store';
import { initialTrackerState } from '../../electron/core/tracking/types';
import { live } from '../unit/tracking-fixtures';

/** `hubkeeper report`: from the data folder only, deterministic for the same data and span. */
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hk-cli-report-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const at = (h: number, m = 0) => new Date(Date.UTC(2024, 4, 2, h, m)).toISOString();

async function seedSite(): Promise<void> {
  const hubs = await makeInventory(dir, { name: 'Acme Studios' }, [
    { host: '127.0.62.2', port: 80, name: 'Studio <A>' },
    { host: '127.0.62.3', port: 8080, name: 'Studio B' },
  ]);
  const store = await HubStore.open(dir);
  if (!store.ok) throw new Error(store.error.message);
  const s = store.value;
  const newest = { version: '2.1.28', digest: 'c'.repeat(64), preRelease: false, releasedAt: at(0) };
  const online = {
    checkedAt: at(8),
    checkResult: 0,
    updateResult: 0,
    isNewest: true,
    newest,
    checkEnabled: true,
    includePreRelease: false,
  };
  await s.writeStatus(hubs[0]!.id, {
    savedAt: at(11),
    tracker: initialTrackerState(),
    live: live(hubs[0]!.id, { version: '2.1.28', online, lastSuccessAt: at(11) }),
  });
  await s.appendEvents(hubs[0]!.id, [
    { at: at(9), type: 'download-started', from: '2.1.27', target: '2.1.28' },
    { at: at(9, 20), type: 'version-changed', from: '2.1.27', to: '2.1.28' },
    {
      at: at(9, 20),
      type: 'update-finished',
      outcome: 'verified',
      reason: 'new-version',
      to: '2.1.28',
      updateResult: null,
    },
  ]);
  await s.writeStatus(hubs[1]!.id, {
    savedAt: at(11),
    tracker: initialTrackerState(),
    live: live(hubs[1]!.id, {
      version: '2.1.27',
      state: { code: 0x200, hex: '0x200', names: ['failed'], unknownBits: 0 },
      online: { ...online, isNewest: false },
      lastSuccessAt: at(10, 30),
    }),
  });
  await s.appendEvents(hubs[1]!.id, [
    { at: at(10), type: 'download-started', from: '2.1.27', target: '2.1.28' },
    { at: at(10, 5), type: 'update-finished', outcome: 'failed', reason: 'update-failed', to: null, updateResult: 11 },
  ]);
}

const span = ['--from', '2024-05-02T08:00:00Z', '--to', '2024-05-02T12:00:00Z'];

describe('hubkeeper report', () => {
  it('writes CSV with one row per hub, the outcome and its times, from the store only', async () => {
    await seedSite();
    const r = await cli([
      'report',
      '--site',
      'acme studios',
      '--format',
      'csv',
      '--technician',
      'Li Wei',
      ...span,
      '--data-dir',
      dir,
    ]);
    expect(r.code).toBe(0);
    const rows = parse(r.out, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((x) => [x.name, x.address, x.version_before, x.version_after, x.outcome, x.update_result])).toEqual(
      [
        ['Studio <A>', 'http://127.0.62.2', '2.1.27', '2.1.28', 'verified', ''],
        ['Studio B', 'http://127.0.62.3:8080', '2.1.27', '2.1.27', 'failed', '11'],
      ],
    );
    expect(rows[0]).toMatchObject({
      site: 'Acme Studios',
      technician: 'Li Wei',
      span_from: at(8),
      span_to: at(12),
      newest_digest: 'c'.repeat(64),
      observed_at: at(11),
      outcome_started_at: at(9),
      outcome_ended_at: at(9, 20),
    });
  });

  it('is deterministic: the same data and span give the same bytes, to stdout or --out', async () => {
    await seedSite();
    for (const format of ['csv', 'json', 'html']) {
      const a = await cli(['report', '--site', 'Acme Studios', '--format', format, ...span, '--data-dir', dir]);
      const b = await cli(['report', '--site', 'Acme Studios', '--format', format, ...span, '--data-dir', dir]);
      expect(a.code).toBe(0);
      expect(b.out).toBe(a.out);
      const file = path.join(dir, `out.${format}`);
      const c = await cli([
        'report',
        '--site',
        'Acme Studios',
        '--format',
        format,
        ...span,
        '--out',
        file,
        '--data-dir',
        dir,
      ]);
      expect(c.code).toBe(0);
      expect(c.out).toBe('');
      expect(await readFile(file, 'utf8')).toBe(a.out);
    }
    const html = (await cli(['report', '--site', 'Acme Studios', '--format', 'html', ...span, '--data-dir', dir])).out;
    expect(html).toContain('Studio &lt;A&gt;');
    expect(html).toContain('Site visit report — Acme Studios');
    const json = JSON.parse(
      (await cli(['report', '--site', 'Acme Studios', '--format', 'json', ...span, '--data-dir', dir])).out,
    );
    expect(json.summary).toMatchObject({ hubs: 2, verified: 1, failed: 1 });
    expect(json.generatedAt).toBe(at(12));
  });

  it('writes the HTML in the language of LANG or --lang, times in --time-zone with the zone named', async () => {
    await seedSite();
    const base = ['report', '--site', 'Acme Studios', '--format', 'html', ...span, '--data-dir', dir];
    const chinese = await cli([...base, '--time-zone', 'Asia/Shanghai'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(chinese.code).toBe(0);
    expect(chinese.out).toContain('现场服务报告 — Acme Studios');
    expect(chinese.out).toContain('2024-05-02 16:00:00 – 2024-05-02 20:00:00');
    expect(chinese.out).toContain('Asia/Shanghai (UTC+08:00)');
    const english = await cli([...base, '--lang', 'en', '--time-zone', 'UTC'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(english.out).toContain('Site visit report — Acme Studios');
    expect(english.out).toContain('2024-05-02 08:00:00 – 2024-05-02 12:00:00');
    const zone = await cli([...base, '--time-zone', 'Mars/Olympus']);
    expect(zone.code).toBe(2);
    expect(zone.err).toMatch(/time zone/);
    const lang = await cli([...base, '--lang', 'fr']);
    expect(lang.code).toBe(2);
    expect(lang.err).toMatch(/en, zh-CN/);
  });

  it('explains an unknown site, a bad format and a reversed span', async () => {
    await seedSite();
    const unknown = await cli(['report', '--site', 'Nowhere', '--data-dir', dir]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/no site "Nowhere".*"Acme Studios"/);
    const format = await cli(['report', '--site', 'Acme Studios', '--format', 'pdf', '--data-dir', dir]);
    expect(format.code).toBe(2);
    expect(format.err).toMatch(/csv, json, html/);
    const reversed = await cli([
      'report',
      '--site',
      'Acme Studios',
      '--from',
      '2024-05-03',
      '--to',
      '2024-05-02',
      '--data-dir',
      dir,
    ]);
    expect(reversed.code).toBe(2);
    expect(reversed.err).toMatch(/after --to/);
    const neither = await cli(['report', '--data-dir', dir]);
    expect(neither.code).toBe(2);
    expect(neither.err).toMatch(/either --site NAME or one or more hub URLs/);
    const both = await cli(['report', 'http://127.0.62.2', '--site', 'Acme Studios', '--data-dir', dir]);
    expect(both.code).toBe(2);
  });

  it('reports on hubs named by URL (as watched without a site), with no site in the header', async () => {
    await seedSite();
    const r = await cli([
      'report',
      'http://127.0.62.3:8080',
      'http://127.0.62.2',
      '--format',
      'csv',
      ...span,
      '--data-dir',
      dir,
    ]);
    expect(r.code, r.err).toBe(0);
    const rows = parse(r.out, { columns: true }) as Record<string, string>[];
    expect(rows.map((x) => [x.site, x.name, x.outcome, x.update_result])).toEqual([
      ['', 'Studio <A>', 'verified', ''],
      ['', 'Studio B', 'failed', '11'],
    ]);
  });
});
