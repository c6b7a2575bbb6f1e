import { afterEach, describe, expect, it } from 'vitest';
import OutcomeTag from '../../renderer/src/components/OutcomeTag.vue';
import SystemPanel from '../../renderer/src/components/SystemPanel.vue';
import { i18n } from '../../renderer/src/i18n';
import { resultCodeText } from '../../renderer/src/lib/result-codes';
import type { UpdateRecord } from '../../electron/shared/timeline';
import type { SystemStatus } from '../../electron/shared/domain';
import { mountWith } from './mount';

afterEach(() => {
  i18n.global.locale.value = 'en';
});

const failed: UpdateRecord = {
  from: '2.1.27',
  to: null,
  outcome: 'failed',
  startedAt: '2026-01-01T10:00:00Z',
  endedAt: '2026-01-01T10:05:00Z',
  updateResult: 11,
};

const system: SystemStatus = {
  clock: '2026-01-01T10:00:00Z',
  cloudVersion: '2.1.28',
  hardwareVersion: 'A',
  sessionTimeoutMin: 30,
  cpu: 10,
  mem: 20,
  netTxMbps: 1,
  netRxMbps: 2,
  diskTotalMb: 1000,
  diskFreeMb: 500,
  statusCode: 0,
  flags: [],
};

describe('result codes in words', () => {
  it('names known codes of both families, keeps the number, and never hides an unknown one', () => {
    const t = i18n.global.t as (key: string, params?: Record<string, unknown>) => string;
    expect(resultCodeText(t, 0)).toBe('Success');
    expect(resultCodeText(t, 11)).toBe('Hub busy (11)');
    expect(resultCodeText(t, -9)).toBe('Hub busy (-9)');
    expect(resultCodeText(t, 4242)).toBe('Error code 4242');
    expect(resultCodeText(t, null)).toBe('—');
  });
});

describe('OutcomeTag', () => {
  it('says why an update failed, not only its number, in both languages', async () => {
    const w = mountWith(OutcomeTag, { props: { record: failed } });
    expect(w.text()).toBe('Failed: Hub busy (11)');
    // Clipped in a narrow fleet cell: the whole text stays reachable as a tooltip.
    expect(w.get('[data-test="outcome"]').attributes('title')).toBe('Failed: Hub busy (11)');
    i18n.global.locale.value = 'zh-CN';
    await w.vm.$nextTick();
    expect(w.text()).toBe('失败：设备忙（11）');
  });
});

describe('SystemPanel', () => {
  it('marks last-known figures of a hub that is not being read, in words', () => {
    const w = mountWith(SystemPanel, { props: { system, asOf: '2026-01-01T10:00:00Z', freshness: 'offline' } });
    const asOf = w.get('[data-test="system-as-of"]');
    expect(asOf.attributes('data-freshness')).toBe('offline');
    expect(asOf.text()).toContain('offline');
  });

  it('shows a plain time when the hub is live, and separates "no flags" from the hex code', () => {
    const w = mountWith(SystemPanel, { props: { system, asOf: '2026-01-01T10:00:00Z', freshness: 'live' } });
    expect(w.get('[data-test="system-as-of"]').text()).not.toContain('offline');
    expect(w.get('.no-flags').text()).toBe('No flags set');
  });
});
