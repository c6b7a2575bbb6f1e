import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, waitFor, type Harness } from './monitor-harness';
import { collectReportInput } from '../../electron/core/report/collect';
import { buildReport, renderReport } from '../../electron/core/report';

/** The site-visit report made from what a real monitoring run recorded. */
let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe('report from a recorded visit', () => {
  it('lists versions before and after, newest version with digest, state, outcomes with times', async () => {
    harness = await startHarness({
      hubs: [
        // Waiting on 2.1.27 until the monitor has read them: a scenario's clock starts when it is set, and on a
        // busy machine a clock started with the hub could run the whole update before the
        // first poll (the test then waited for an update it could never see).
        { id: 'hub-ok', scenario: 'update-available', host: '127.0.65.2' },
        { id: 'hub-fail', scenario: 'update-available', host: '127.0.65.3' },
        { id: 'hub-idle', scenario: 'idle', host: '127.0.65.4' },
      ],
      record: true,
    });
    const h = harness;
    const visitStart = new Date().toISOString();
    h.monitor.start();
    await waitFor(
      () => ['hub-ok', 'hub-fail'].every((id) => h.monitor.get(id)!.lastSuccessAt !== null),
      20_000,
      'a first read of both hubs',
    );
    h.hubs[0]!.setScenario('full-update');
    h.hubs[1]!.setScenario('update-fails');
    await waitFor(
      () => ['hub-ok', 'hub-fail'].every((id) => h.eventTypes(id).includes('update-finished')),
      20_000,
      'both updates to end',
    );
    await waitFor(() => h.monitor.get('hub-ok')!.online?.newest?.digest != null, 5000, 'a newest version read');
    await h.recorder!.flush();
    const visitEnd = new Date(Date.now() + 1000).toISOString();

    const refs = h.hubs.map((hub, i) => ({
      hubId: ['hub-ok', 'hub-fail', 'hub-idle'][i]!,
      name: ['Studio OK', 'Studio Fail', 'Studio Idle'][i]!,
      address: hub.url,
    }));
    const input = await collectReportInput(h.store!, refs, {
      site: 'Loopback',
      technician: 'Test',
      from: visitStart,
      to: visitEnd,
      generatedAt: visitEnd,
    });
    expect(input.ok).toBe(true);
    if (!input.ok) return;
    expect(input.value.warnings).toEqual([]);
    const report = buildReport(input.value);
    const row = (id: string) => report.rows.find((r) => r.hubId === id)!;
    expect(row('hub-ok')).toMatchObject({
      versionBefore: '2.1.27',
      versionAfter: '2.1.28',
      newestVersion: '2.1.28',
      state: 'idle',
      outcome: 'verified',
      updates: 1,
    });
    expect(row('hub-ok').newestDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(row('hub-ok').outcomeEndedAt!)).toBeGreaterThan(Date.parse(row('hub-ok').outcomeStartedAt!));
    expect(row('hub-fail')).toMatchObject({
      versionBefore: '2.1.27',
      versionAfter: '2.1.27',
      state: 'failed',
      outcome: 'failed',
      updateResult: 11,
    });
    expect(row('hub-idle')).toMatchObject({
      versionBefore: '2.1.28',
      versionAfter: '2.1.28',
      outcome: null,
      updates: 0,
    });
    for (const r of report.rows) expect(Date.parse(r.observedAt!)).toBeGreaterThanOrEqual(Date.parse(visitStart));
    expect(report.summary).toMatchObject({ hubs: 3, verified: 1, failed: 1, noUpdate: 1 });

    const html = renderReport(report, 'html');
    expect(html).toContain('Studio OK');
    expect(renderReport(buildReport(input.value), 'html')).toBe(html);
  }, 40_000);
});
