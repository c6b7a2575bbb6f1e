import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import ReportView from '../../renderer/src/views/ReportView.vue';
import type { ReportPreview, ReportRow } from '../../electron/shared/contract';
import { FakeApi, installApi, removeApi } from './fake-api';
import { hub, idMap, site } from './fixtures';
import { mountWith } from './mount';

let api: FakeApi;
beforeEach(() => {
  api = new FakeApi();
  installApi(api);
});
afterEach(() => {
  removeApi();
  vi.useRealTimers();
});

function row(hubId: string, overrides: Partial<ReportRow> = {}): ReportRow {
  return {
    hubId,
    name: hubId,
    address: `http://${hubId}`,
    versionBefore: '2.1.27',
    versionAfter: '2.1.28',
    newestVersion: '2.1.28',
    newestDigest: 'a487eef9d3e5a81ef9ff8deb143e61a086bc01196d1dce8ff1a1424aff9e44b3',
    state: 'idle',
    outcome: 'verified',
    outcomeStartedAt: '2026-01-01T10:00:00Z',
    outcomeEndedAt: '2026-01-01T10:05:00Z',
    observedAt: '2026-01-01T10:06:00Z',
    ...overrides,
  };
}

const preview: ReportPreview = {
  site: 'Studio',
  technician: 'Li Wei',
  from: '2026-01-01T09:00:00Z',
  to: '2026-01-01T11:00:00Z',
  rows: [
    row('a'),
    row('b', {
      versionBefore: null,
      versionAfter: null,
      newestVersion: null,
      newestDigest: null,
      state: null,
      outcome: null,
      outcomeStartedAt: null,
      outcomeEndedAt: null,
      observedAt: null,
    }),
    row('c', { versionAfter: '2.1.27', outcome: null, outcomeStartedAt: null, outcomeEndedAt: null }),
    row('d', { versionAfter: '2.1.27', outcome: 'unverified', outcomeReason: 'same-version' }),
  ],
};

function mountReport(printPdf: boolean) {
  return mountWith(
    ReportView,
    { attachTo: document.body },
    {
      stubActions: false,
      initialState: {
        hubs: {
          sites: idMap({ s1: site('s1', 'Studio') }),
          hubs: idMap({ a: hub('a'), b: hub('b'), c: hub('c') }),
          hubIds: ['a', 'b', 'c'],
          loaded: true,
        },
        session: {
          appInfo: {
            name: 'Hubkeeper',
            version: '0.1.0',
            transport: 'web',
            platform: 'linux',
            keychain: { available: false, backend: null, reason: null },
            capabilities: { printPdf, openExternal: false, fileDialogs: false },
          },
        },
        report: { siteId: 's1', technician: '' },
      },
    },
  );
}

describe('ReportView', () => {
  it('previews every hub honestly: verified, no update, and never read (not "no update")', async () => {
    api.reply('report:preview', preview);
    const w = mountReport(true);
    await flushPromises();
    const rows = w.findAll('[data-test="report-row"]');
    expect(rows).toHaveLength(4);
    expect(rows[3]!.get('[data-test="report-reason"]').text()).toBe('came back on the same version');
    expect(rows[0]!.find('[data-test="report-reason"]').exists()).toBe(false);
    expect(rows[0]!.text()).toContain('Verified');
    expect(rows[0]!.text()).toContain('a487eef9');
    expect(rows[1]!.get('[data-test="report-never-read"]').text()).toBe('Not known (never read)');
    expect(rows[1]!.text()).not.toContain('No update');
    expect(rows[2]!.text()).toContain('No update');
    expect(w.get('[data-test="report-counts"]').text()).toContain('4 hubs · 1 verified · 0 failed · 1 not verified');
    w.unmount();
  });

  it('asks for the technician before saving, then saves CSV/JSON/HTML and prints PDF when the app can', async () => {
    api.reply('report:preview', preview);
    api.reply('report:save', { saved: true, fileName: 'report.csv' });
    const w = mountReport(true);
    await flushPromises();
    for (const f of ['csv', 'json', 'html'])
      expect(w.get(`[data-test="report-save-${f}"]`).attributes('disabled')).toBeDefined();
    expect(w.get('[data-test="report-pdf"]').attributes('disabled')).toBeDefined();
    expect(w.find('[data-test="report-pdf-unavailable"]').exists()).toBe(false);
    await w.get('[data-test="report-technician"]').setValue('Li Wei');
    expect(w.get('[data-test="report-save-csv"]').attributes('disabled')).toBeUndefined();
    await w.get('[data-test="report-save-csv"]').trigger('click');
    await flushPromises();
    expect(api.callsTo('report:save')).toEqual([
      { scope: { siteId: 's1' }, technician: 'Li Wei', format: 'csv', language: 'en' },
    ]);
    expect(w.get('[data-test="report-saved"]').text()).toContain('report.csv');
    w.unmount();
  });

  it('explains where PDF went when this window cannot print', async () => {
    api.reply('report:preview', preview);
    const w = mountReport(false);
    await flushPromises();
    expect(w.find('[data-test="report-pdf"]').exists()).toBe(false);
    expect(w.get('[data-test="report-pdf-unavailable"]').text()).toContain('save as HTML');
    w.unmount();
  });
});
