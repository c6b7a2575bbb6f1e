import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { decodeState, STATE_NAMES, STATE_BITS } from '../../electron/shared/update-state';
import StateBadge from '../../renderer/src/components/StateBadge.vue';
import ProgressBar from '../../renderer/src/components/ProgressBar.vue';
import FreshnessMarker from '../../renderer/src/components/FreshnessMarker.vue';
import DigestCell from '../../renderer/src/components/DigestCell.vue';
import VersionStatusBadge from '../../renderer/src/components/VersionStatusBadge.vue';
import VersionCell from '../../renderer/src/components/VersionCell.vue';
import { i18n } from '../../renderer/src/i18n';
import { mountWith } from './mount';

afterEach(() => {
  i18n.global.locale.value = 'en';
});

describe('StateBadge', () => {
  const codes = [0, ...STATE_BITS.map(([bit]) => bit)];

  it('gives every known state its own words, and colour and icon that set it apart from idle', () => {
    const seen = new Map<string, string>();
    for (const code of codes) {
      const w = mountWith(StateBadge, { props: { state: decodeState(code) } });
      const badge = w.get('[data-test="state-badge"]');
      const text = badge.text();
      const tone = badge.classes().find((c) => c.startsWith('tone-'))!;
      const icon = badge.get('path').attributes('d')!;
      expect(text.length).toBeGreaterThan(2);
      seen.set(text, `${tone}|${icon}`);
    }
    // Every state reads differently, and no two states share both colour and icon.
    expect(seen.size).toBe(codes.length);
    expect(new Set(seen.values()).size).toBe(codes.length);
    expect(STATE_NAMES.length).toBe(codes.length);
  });

  it('shows unknown bits in hex instead of pretending the hub is idle', () => {
    const w = mountWith(StateBadge, { props: { state: decodeState(0x80) } });
    expect(w.text()).toContain('Unknown 0x80');
    expect(w.text()).not.toContain('Idle');
    expect(w.get('[data-test="state-badge"]').classes()).toContain('tone-unknown');
  });

  it('names every set bit, takes the look of the most important one, and keeps unknown bits', () => {
    const w = mountWith(StateBadge, { props: { state: decodeState(0x4 | 0x200 | 0x1000) } });
    expect(w.text()).toContain('Downloading');
    expect(w.text()).toContain('Update failed');
    expect(w.text()).toContain('Unknown 0x1000');
    expect(w.get('[data-test="state-badge"]').classes()).toContain('tone-danger');
    expect(w.get('[data-test="state-badge"]').attributes('title')).toContain('0x1204');
  });

  it('says when there is no status yet', () => {
    expect(mountWith(StateBadge, { props: { state: null } }).text()).toBe('No status yet');
  });

  it('speaks Chinese with Magewell’s terms', async () => {
    const w = mountWith(StateBadge, { props: { state: decodeState(0x4) } });
    i18n.global.locale.value = 'zh-CN';
    await w.vm.$nextTick();
    expect(w.text()).toBe('正在拉取固件');
  });
});

describe('ProgressBar', () => {
  it('exposes its value to assistive technology and as visible text', () => {
    const w = mountWith(ProgressBar, { props: { value: 42.7, label: 'Download' } });
    const bar = w.get('[role="progressbar"]');
    expect(bar.attributes()).toMatchObject({
      'aria-label': 'Download',
      'aria-valuemin': '0',
      'aria-valuemax': '100',
      'aria-valuenow': '42.7',
    });
    expect(w.text()).toContain('42 %');
  });

  it('clamps out-of-range values and shows a dash for no value rather than 0 %', () => {
    expect(
      mountWith(ProgressBar, { props: { value: 140, label: 'x' } })
        .get('[role="progressbar"]')
        .attributes('aria-valuenow'),
    ).toBe('100');
    const none = mountWith(ProgressBar, { props: { value: null, label: 'x' } });
    expect(none.get('[role="progressbar"]').attributes('aria-valuenow')).toBeUndefined();
    expect(none.text()).toContain('—');
  });
});

describe('FreshnessMarker', () => {
  const at = new Date();
  at.setHours(9, 5, 0, 0);

  it('shows "as of hh:mm" for live data without a warning word', () => {
    const w = mountWith(FreshnessMarker, { props: { asOf: at.toISOString(), freshness: 'live' } });
    expect(w.text()).toBe('as of 09:05');
  });

  it('marks stale and offline data with a word, not only a colour', () => {
    expect(mountWith(FreshnessMarker, { props: { asOf: at.toISOString(), freshness: 'stale' } }).text()).toBe(
      'staleas of 09:05',
    );
    const offline = mountWith(FreshnessMarker, { props: { asOf: at.toISOString(), freshness: 'offline' } });
    expect(offline.text()).toContain('offline');
    expect(offline.get('[data-freshness]').attributes('data-freshness')).toBe('offline');
  });

  it('adds the date when the data is not from today', () => {
    const old = mountWith(FreshnessMarker, { props: { asOf: '2023-09-11T02:54:31.000Z', freshness: 'offline' } });
    expect(old.text()).toMatch(/2023/);
  });

  it('says never read when there is no time', () => {
    expect(mountWith(FreshnessMarker, { props: { asOf: null, freshness: 'never' } }).text()).toBe('never read');
  });
});

describe('DigestCell', () => {
  const digest = 'a487c0ffee'.padEnd(60, '0') + '44b3';

  it('shows a shortened digest, keeps the full one in the tooltip and copies the full one', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    const w = mountWith(DigestCell, { props: { digest } });
    expect(w.text()).toContain('a487c0ff…000044b3');
    expect(w.get('.value').attributes('title')).toBe(digest);
    await w.get('[data-test="copy-digest"]').trigger('click');
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith(digest);
    expect(w.get('[data-test="copy-digest"]').text()).toBe('Copied');
  });

  it('shows a dash and no button without a digest', () => {
    const w = mountWith(DigestCell, { props: { digest: null } });
    expect(w.text()).toBe('—');
    expect(w.find('button').exists()).toBe(false);
  });
});

describe('VersionStatusBadge and VersionCell', () => {
  it('words each status', () => {
    expect(mountWith(VersionStatusBadge, { props: { status: 'up-to-date' } }).text()).toBe('Up to date');
    expect(mountWith(VersionStatusBadge, { props: { status: 'update-available' } }).text()).toBe('Update available');
    expect(mountWith(VersionStatusBadge, { props: { status: 'pre-release-available' } }).text()).toBe(
      'Pre-release available',
    );
  });

  it('marks a pre-release in words', () => {
    expect(mountWith(VersionCell, { props: { version: '2.1.29', preRelease: true } }).text()).toBe('2.1.29pre-release');
    expect(mountWith(VersionCell, { props: { version: null } }).text()).toBe('—');
  });
});
