import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { buildReport, renderReport, suggestedReportName, type ReportInput } from '../../electron/core/report';
import { REPORT_CSV_COLUMNS } from '../../electron/core/report/render-csv';
import { escapeHtml } from '../../electron/core/report/render-html';
import { reportRowSchema } from '../../electron/shared/contract-models';
import type { TimelineEvent } from '../../electron/shared/timeline';
import { live } from './tracking-fixtures';

const iso = (h: number, m = 0) => new Date(Date.UTC(2024, 0, 2, h, m)).toISOString();
const digest = 'a487'.padEnd(60, '0') + '44b3';

const updateEvents: TimelineEvent[] = [
  { at: iso(9, 10), type: 'download-started', from: '2.1.27', target: '2.1.28' },
  { at: iso(9, 12), type: 'progress', percent: 50 },
  { at: iso(9, 15), type: 'restarting' },
  { at: iso(9, 16), type: 'hub-offline', code: 'UNREACHABLE', message: 'refused' },
  { at: iso(9, 18), type: 'hub-back' },
  { at: iso(9, 18), type: 'version-changed', from: '2.1.27', to: '2.1.28' },
  {
    at: iso(9, 18),
    type: 'update-finished',
    outcome: 'verified',
    reason: 'new-version',
    to: '2.1.28',
    updateResult: null,
  },
];

function input(): ReportInput {
  const online = (newest: string, d: string | null) => ({
    checkedAt: iso(8),
    checkResult: 0,
    updateResult: 0,
    isNewest: false,
    newest: { version: newest, digest: d, preRelease: false, releasedAt: iso(0) },
    checkEnabled: true,
    includePreRelease: false,
  });
  return {
    site: 'Acme <HQ> & "Annex"',
    technician: "Li Wei O'Brien",
    from: iso(8),
    to: iso(12),
    generatedAt: iso(12, 5),
    hubs: [
      {
        hubId: 'h2',
        name: 'Studio B',
        address: 'http://127.0.0.3',
        live: live('h2', { version: '2.1.28', online: online('2.1.28', digest), lastSuccessAt: iso(11, 59) }),
        events: updateEvents,
        published: null,
      },
      {
        hubId: 'h1',
        name: '<script>alert(1)</script>',
        address: 'http://127.0.0.2',
        live: live('h1', {
          state: { code: 0x200, hex: '0x200', names: ['failed'], unknownBits: 0 },
          online: online('2.1.28', null),
          lastSuccessAt: iso(11, 58),
          offline: true,
          stale: true,
        }),
        events: [
          { at: iso(10), type: 'download-started', from: '2.1.27', target: '2.1.28' },
          {
            at: iso(10, 5),
            type: 'update-finished',
            outcome: 'failed',
            reason: 'update-failed',
            to: null,
            updateResult: 11,
          },
        ],
        published: [{ version: '2.1.28', digest: 'b'.repeat(64), preRelease: false, releasedAt: null }],
      },
      {
        hubId: 'h3',
        name: '=HYPERLINK("http://x")',
        address: 'http://127.0.0.4',
        live: null,
        events: [],
        published: null,
      },
      {
        hubId: 'h4',
        name: 'Old update',
        address: 'http://127.0.0.5',
        live: live('h4', {
          version: '2.1.28',
          state: { code: 0x84, hex: '0x84', names: ['downloading'], unknownBits: 0x80 },
          progress: 37,
        }),
        events: updateEvents.map((e) => ({ ...e, at: iso(2) })), // finished long before the visit
        published: null,
      },
    ],
  };
}

describe('site-visit report', () => {
  it('lists per hub the versions before and after, newest version and digest, state, outcome with times, observation times', () => {
    const report = buildReport(input());
    expect(report.rows.map((r) => r.hubId)).toEqual(['h1', 'h3', 'h4', 'h2']); // by name, code-point order
    const byId = Object.fromEntries(report.rows.map((r) => [r.hubId, r]));
    expect(byId.h2).toMatchObject({
      name: 'Studio B',
      address: 'http://127.0.0.3',
      versionBefore: '2.1.27',
      versionAfter: '2.1.28',
      newestVersion: '2.1.28',
      newestDigest: digest,
      state: 'idle',
      outcome: 'verified',
      outcomeStartedAt: iso(9, 10),
      outcomeEndedAt: iso(9, 18),
      updateResult: null,
      updates: 1,
      observedAt: iso(11, 59),
      newestCheckedAt: iso(8),
    });
    // digest falls back to the stored version list; failure carries the hub's code.
    expect(byId.h1).toMatchObject({
      newestDigest: 'b'.repeat(64),
      state: 'failed',
      outcome: 'failed',
      updateResult: 11,
      offline: true,
      versionBefore: '2.1.27',
      versionAfter: '2.1.27',
    });
    expect(byId.h3).toMatchObject({ versionBefore: null, state: null, outcome: null, observedAt: null, updates: 0 });
    expect(byId.h4).toMatchObject({
      outcome: null,
      updates: 0,
      state: 'downloading+unknown 0x80',
      progress: 37,
      versionBefore: '2.1.28',
    });
    expect(report.summary).toEqual({
      hubs: 4,
      verified: 1,
      failed: 1,
      unverified: 0,
      inProgress: 0,
      noUpdate: 2,
      upToDate: 1,
      offline: 1,
    });
    // The rows fit the contract's ReportRow (what the renderer previews).
    for (const r of report.rows) expect(() => reportRowSchema.parse(r)).not.toThrow();
  });

  it('says why an update is unverified, and escapes every device-supplied figure (version, digest, state)', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const events: TimelineEvent[] = [
      { at: iso(9), type: 'download-started', from: evil, target: '2.1.28' },
      { at: iso(9, 5), type: 'restarting' },
      {
        at: iso(9, 9),
        type: 'update-finished',
        outcome: 'unverified',
        reason: 'same-version',
        to: evil,
        updateResult: null,
      },
    ];
    const hub = {
      hubId: 'h9',
      name: 'Studio U',
      address: 'http://127.0.0.9',
      events,
      published: null,
      live: live('h9', {
        version: evil,
        state: { code: 0x1, hex: '0x1', names: [`idle${evil}`], unknownBits: 0 },
        online: {
          checkedAt: iso(8),
          checkResult: 0,
          updateResult: 0,
          isNewest: false,
          newest: { version: `${evil}2`, digest: `${evil}d`, preRelease: false, releasedAt: null },
          checkEnabled: true,
          includePreRelease: false,
        },
      }),
    };
    const report = buildReport({ ...input(), hubs: [hub] });
    expect(report.rows[0]).toMatchObject({
      outcome: 'unverified',
      outcomeReason: 'same-version',
      outcomeEndedAt: iso(9, 9),
    });
    const csv = parse(renderReport(report, 'csv'), { columns: true }) as Array<Record<string, string>>;
    expect(csv[0]).toMatchObject({ outcome: 'unverified', outcome_reason: 'same-version' });
    const html = renderReport(report, 'html');
    expect(html).toContain('back on the same version');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(buildReport({ ...input(), hubs: [{ ...hub, events: events.slice(0, 2) }] }).rows[0]).toMatchObject({
      outcome: 'in-progress',
      outcomeReason: null,
    });
  });

  it('is deterministic: same input, same bytes, whatever the order of the hubs', () => {
    for (const format of ['csv', 'json', 'html'] as const) {
      const a = renderReport(buildReport(input()), format);
      const shuffled = input();
      shuffled.hubs.reverse();
      const b = renderReport(buildReport(shuffled), format);
      expect(b).toBe(a);
      expect(renderReport(buildReport(input()), format)).toBe(a);
    }
  });

  it('renders CSV as a plain table that parses back, with the header in columns and no formula cells', () => {
    const csv = renderReport(buildReport(input()), 'csv');
    const records = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(records[0]!)).toEqual([...REPORT_CSV_COLUMNS]);
    expect(records).toHaveLength(4);
    expect(records[0]).toMatchObject({
      site: 'Acme <HQ> & "Annex"',
      technician: "Li Wei O'Brien",
      span_from: iso(8),
      span_to: iso(12),
      name: '<script>alert(1)</script>',
      outcome: 'failed',
      update_result: '11',
    });
    const h3 = records.find((r) => r.hub_id === 'h3')!;
    expect(h3.name).toBe(`'=HYPERLINK("http://x")`);
    expect(h3.version_before).toBe('');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('renders JSON with a fixed shape', () => {
    const doc = JSON.parse(renderReport(buildReport(input()), 'json'));
    expect(Object.keys(doc)).toEqual([
      'kind',
      'schema',
      'site',
      'technician',
      'from',
      'to',
      'generatedAt',
      'summary',
      'rows',
    ]);
    expect(doc.kind).toBe('hubkeeper-site-report');
    expect(doc.rows[3].outcome).toBe('verified');
  });

  it('renders self-contained printable HTML with every device and user text escaped', () => {
    const html = renderReport(buildReport(input()), 'html', { language: 'en', timeZone: 'UTC' });
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Site visit report — Acme &lt;HQ&gt; &amp; &quot;Annex&quot;');
    expect(html).toContain('Li Wei O&#39;Brien');
    expect(html).toContain('2024-01-02 08:00:00 – 2024-01-02 12:00:00 <span class="note">UTC</span>');
    expect(html).toContain(digest);
    expect(html).toContain('hub result 11');
    expect(html).toContain('@page { size: A4 landscape');
    // Self-contained: nothing fetched from anywhere.
    expect(html).not.toMatch(/<(link|img|script|iframe)\b|src=|href=|url\(/i);
    expect(html).toContain("default-src 'none'");
  });

  it('speaks Chinese with local times and the zone named, while CSV and JSON keep UTC', () => {
    const report = buildReport(input());
    const html = renderReport(report, 'html', { language: 'zh-CN', timeZone: 'Asia/Shanghai' });
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('现场服务报告 — Acme &lt;HQ&gt;');
    expect(html).toContain('<th>升级前版本</th>');
    // 08:00 UTC is 16:00 in Shanghai, and the header says which clock that is.
    expect(html).toContain(
      '2024-01-02 16:00:00 – 2024-01-02 20:00:00 <span class="note">Asia/Shanghai (UTC+08:00)</span>',
    );
    expect(html).toContain('Hub 结果码 11');
    expect(html).toContain('时间为 Asia/Shanghai (UTC+08:00)');
    expect(html).not.toMatch(/Site visit report|Technician|Version before/);
    // Summer time counts: Berlin is UTC+02:00 in July.
    const july = renderReport({ ...report, generatedAt: '2024-07-01T12:00:00.000Z' }, 'html', {
      language: 'en',
      timeZone: 'Europe/Berlin',
    });
    expect(july).toContain('Europe/Berlin (UTC+02:00)');
    expect(renderReport(report, 'csv')).toContain('2024-01-02T08:00:00.000Z');
    expect(renderReport(report, 'json')).toContain('"2024-01-02T08:00:00.000Z"');
  });

  it('escapes the five HTML specials and suggests a safe file name', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(suggestedReportName({ site: 'Acme / HQ: Studio ü', to: iso(12) }, 'html')).toBe(
      'hubkeeper-report-Acme-HQ-Studio-u-2024-01-02.html',
    );
    expect(suggestedReportName({ site: null, to: iso(12) }, 'csv')).toBe('hubkeeper-report-hubs-2024-01-02.csv');
  });
});
