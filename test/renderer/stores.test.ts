import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { decodeState } from '../../electron/shared/update-state';
import type { FoundHub, HistoryResult } from '../../electron/shared/contract';
import { useHubsStore } from '../../renderer/src/stores/hubs';
import { useFleetViewStore } from '../../renderer/src/stores/fleet-view';
import { useDiscoveryStore } from '../../renderer/src/stores/discovery';
import { HISTORY_PAGE_SIZE, useHubDetailStore } from '../../renderer/src/stores/hub-detail';
import { useSettingsStore } from '../../renderer/src/stores/settings';
import { useReportStore } from '../../renderer/src/stores/report';
import { useAppStore } from '../../renderer/src/stores/app';
import { useNoticesStore } from '../../renderer/src/stores/notices';
import { DEFAULT_MONITOR_CONFIG } from '../../electron/shared/monitor';
import { i18n } from '../../renderer/src/i18n';
import { FakeApi, installApi, removeApi } from './fake-api';
import { entry, hub, live, site } from './fixtures';

let api: FakeApi;

beforeEach(() => {
  setActivePinia(createPinia());
  api = new FakeApi();
  installApi(api);
  i18n.global.locale.value = 'en';
});
afterEach(removeApi);

describe('useFleetViewStore', () => {
  function seed() {
    const hubs = useHubsStore();
    hubs.setInventory({
      sites: [site('s1', 'Studio'), site('s2', 'Lab')],
      hubs: [
        hub('a', { name: 'Alpha' }),
        hub('b', { name: 'bravo', siteId: 's2' }),
        hub('c', { name: 'Charlie', notes: 'rack 7' }),
      ],
    });
    hubs.live.set('a', live('a', { version: '2.1.27', state: decodeState(0x4), progress: 60 }));
    hubs.live.set('b', live('b', { offline: true }));
    hubs.live.set('c', live('c', { state: decodeState(0x200), version: '2.1.26' }));
    return useFleetViewStore();
  }

  it('sorts by name case-insensitively, and reverses on a second click', () => {
    const view = seed();
    expect(view.visibleIds).toEqual(['a', 'b', 'c']);
    view.sortBy('name');
    expect(view.visibleIds).toEqual(['c', 'b', 'a']);
  });

  it('sorts versions numerically and states by urgency', () => {
    const view = seed();
    useHubsStore().live.get('b')!.version = '2.1.100';
    view.sortBy('installed');
    expect(view.visibleIds).toEqual(['c', 'a', 'b']);
    view.sortBy('state');
    expect(view.visibleIds[0]).toBe('c');
  });

  it('filters by site, quick filter, state, version and search, and summarises only the site', () => {
    const view = seed();
    view.siteId = 's1';
    expect(view.visibleIds).toEqual(['a', 'c']);
    expect(view.summary.total).toBe(2);
    expect(view.summary.failed).toBe(1);
    view.siteId = '';
    view.quick = 'offline';
    expect(view.visibleIds).toEqual(['b']);
    view.quick = 'all';
    view.stateFilter = 'downloading';
    expect(view.visibleIds).toEqual(['a']);
    view.resetFilters();
    view.versionFilter = '2.1.26';
    expect(view.visibleIds).toEqual(['c']);
    view.resetFilters();
    view.search = 'RACK';
    expect(view.visibleIds).toEqual(['c']);
    view.search = '127.0.0.2:8080';
    expect(view.visibleIds).toHaveLength(3);
  });

  it('lists the installed versions present, newest first', () => {
    expect(seed().installedVersions).toEqual(['2.1.28', '2.1.27', '2.1.26']);
  });
});

describe('useDiscoveryStore', () => {
  const found = (n: number, knownHubId: string | null = null): FoundHub => ({
    candidateId: `c${n}`,
    address: `127.0.9.${n}`,
    endpoints: [{ scheme: 'http', port: 80, fingerprint: null }],
    knownHubId,
  });

  it('starts a sweep of what was typed, shows progress and finds as they arrive', async () => {
    api.reply('discovery:start', { sweepId: 'sw1', total: 254 });
    const d = useDiscoveryStore();
    d.target = ' 127.0.9.0/24 ';
    expect(await d.start()).toBe(true);
    expect(api.callsTo('discovery:start')).toEqual([{ target: '127.0.9.0/24' }]);
    expect(d.phase).toBe('running');
    api.emit('discovery:progress', { sweepId: 'sw1', done: 127, total: 254, hubsFound: 1, othersFound: 0 });
    api.emit('discovery:found', { sweepId: 'sw1', hub: found(2) });
    api.emit('discovery:found', { sweepId: 'sw1', hub: found(3, 'hub-3') });
    api.emit('discovery:found', { sweepId: 'other', hub: found(4) });
    expect(d.percent).toBe(50);
    expect(d.found.map((h) => h.candidateId)).toEqual(['c2', 'c3']);
    expect([...d.selected]).toEqual(['c2']);
    api.emit('discovery:finished', {
      sweepId: 'sw1',
      outcome: 'done',
      result: {
        target: '127.0.9.0/24',
        ports: [80],
        scanned: 254,
        elapsedMs: 900,
        others: [],
        hubs: [found(2), found(3, 'hub-3'), found(5)],
      },
      error: null,
    });
    expect(d.phase).toBe('done');
    expect(d.found).toHaveLength(3);
    expect([...d.selected]).toEqual(['c2', 'c5']);
  });

  it('shows a refused sweep as failed with the backend’s error', async () => {
    api.fail('discovery:start', { code: 'BAD_INPUT', message: 'over 4096 addresses' });
    const d = useDiscoveryStore();
    d.target = '127.0.0.0/8';
    expect(await d.start()).toBe(false);
    expect(d.phase).toBe('failed');
    expect(d.error?.message).toBe('over 4096 addresses');
  });

  it('adds the selected finds to a site by candidate id and marks them added', async () => {
    api.reply('discovery:start', { sweepId: 'sw1', total: 4 });
    api.reply('discovery:addFound', { entries: [], added: [hub('n2')], existing: [] });
    const d = useDiscoveryStore();
    d.target = '127.0.9.1-127.0.9.4';
    await d.start();
    api.emit('discovery:found', { sweepId: 'sw1', hub: found(2) });
    await d.addSelected('s1');
    expect(api.callsTo('discovery:addFound')).toEqual([{ sweepId: 'sw1', candidateIds: ['c2'], siteId: 's1' }]);
    expect(d.added.has('c2')).toBe(true);
    expect(d.selectable).toHaveLength(0);
  });
});

describe('useHubDetailStore', () => {
  function page(start: number, count: number, total = 50): HistoryResult {
    const entries = Array.from({ length: Math.max(0, Math.min(count, total - start)) }, (_, i) =>
      entry(`2.1.${100 - start - i}`),
    );
    return { page: { start, total, entries }, source: 'hub', asOf: null };
  }

  it('pages the history with start/count exactly as the hub pages it', async () => {
    api.handle('history:page', ({ start, count }) => ({ ok: true, value: page(start, count) }));
    api.reply('timeline:get', { hub: 'x', hubId: 'a', events: [], updates: [] });
    const d = useHubDetailStore();
    await d.open('a');
    expect(api.callsTo('history:page')).toEqual([{ hubId: 'a', start: 0, count: HISTORY_PAGE_SIZE }]);
    expect(d.hasPrevious).toBe(false);
    for (let i = 0; i < 4; i++) await d.nextPage();
    expect(d.historyStart).toBe(40);
    expect(d.hasNext).toBe(false);
    expect(d.history?.page.entries).toHaveLength(10);
    await d.previousPage();
    expect(d.historyStart).toBe(30);
  });

  it('keeps the last page asked for when an earlier, slower answer arrives late', async () => {
    let release: (() => void) | null = null;
    api.handle('history:page', ({ start, count }) =>
      start === 0
        ? new Promise((resolve) => (release = () => resolve({ ok: true, value: page(0, count) })))
        : { ok: true, value: page(start, count) },
    );
    api.reply('timeline:get', { hub: 'x', hubId: 'a', events: [], updates: [] });
    const d = useHubDetailStore();
    d.hubId = 'a';
    const first = d.loadHistory(0);
    await d.loadHistory(10);
    release!();
    await first;
    expect(d.historyStart).toBe(10);
  });

  it('asks for more when the hub does not say the total and the page was full', async () => {
    api.handle('history:page', ({ start, count }) => ({
      ok: true,
      value: { ...page(start, count), page: { ...page(start, count).page, total: null } },
    }));
    api.reply('timeline:get', { hub: 'x', hubId: 'a', events: [], updates: [] });
    const d = useHubDetailStore();
    await d.open('a');
    expect(d.hasNext).toBe(true);
  });
});

describe('useSettingsStore', () => {
  const settings = {
    monitor: DEFAULT_MONITOR_CONFIG,
    language: 'en' as const,
    theme: 'light' as const,
    technician: '',
  };

  it('applies theme and language to the document at once', async () => {
    api
      .reply('settings:get', settings)
      .handle('settings:set', (patch) => ({ ok: true, value: { ...settings, ...patch } as typeof settings }));
    const s = useSettingsStore();
    await s.load();
    expect(document.documentElement.getAttribute('data-theme')).toBe('light');
    await s.update({ theme: 'dark', language: 'zh-CN' });
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark');
    expect(i18n.global.locale.value).toBe('zh-CN');
    expect(document.documentElement.getAttribute('lang')).toBe('zh-CN');
  });

  it('puts the old value back when the backend refuses', async () => {
    api.reply('settings:get', settings).fail('settings:set', { code: 'INTERNAL' });
    const s = useSettingsStore();
    await s.load();
    expect(await s.update({ theme: 'dark' })).toBe(false);
    expect(s.theme).toBe('light');
    expect(s.error?.code).toBe('INTERNAL');
  });

  it('follows settings changed elsewhere (the app menu)', async () => {
    api.reply('settings:get', settings);
    const s = useSettingsStore();
    await s.load();
    api.emit('settings:changed', { ...settings, theme: 'dark' });
    await Promise.resolve();
    expect(s.resolvedTheme).toBe('dark');
  });
});

describe('useReportStore', () => {
  it('previews and saves for a site, or for every hub by id', async () => {
    api
      .reply('report:preview', { site: null, technician: 'Li', from: null, to: null, rows: [] })
      .reply('report:save', { saved: true, fileName: 'visit.csv' });
    const r = useReportStore();
    r.technician = ' Li ';
    await r.loadPreview(['a', 'b']);
    expect(api.callsTo('report:preview')).toEqual([{ scope: { hubIds: ['a', 'b'] }, technician: 'Li' }]);
    r.siteId = 's1';
    expect(await r.save('csv', ['a', 'b'])).toBe(true);
    expect(api.callsTo('report:save')).toEqual([
      { scope: { siteId: 's1' }, technician: 'Li', format: 'csv', language: 'en' },
    ]);
    expect(r.lastSaved).toMatchObject({ saved: true, fileName: 'visit.csv', format: 'csv' });
  });
});

describe('useAppStore', () => {
  it('announces an ended update, in whatever language is chosen while it shows', async () => {
    const app = useAppStore();
    app.announceUpdate({
      hubId: 'a',
      hubName: 'Lobby',
      record: { from: '2.1.27', to: '2.1.28', outcome: 'verified', startedAt: '', endedAt: '', updateResult: null },
    });
    app.announceUpdate({
      hubId: 'b',
      hubName: 'Hall',
      record: { from: '2.1.27', to: null, outcome: 'failed', startedAt: '', endedAt: '', updateResult: 1002 },
    });
    const notices = useNoticesStore().notices;
    const { t } = i18n.global;
    expect(notices[0]).toMatchObject({ tone: 'ok', hubId: 'a' });
    expect(t(notices[0]!.key, notices[0]!.params!)).toBe('Lobby: update verified, now running 2.1.28.');
    expect(notices[1]).toMatchObject({ tone: 'danger' });
    expect(t(notices[1]!.key, notices[1]!.params!)).toBe('Hall: update failed (code 1002).');
    i18n.global.locale.value = 'zh-CN';
    expect(t(notices[1]!.key, notices[1]!.params!)).toBe('Hall：升级失败（错误码 1002）。');
  });

  it('asks for the inventory with the settings, and draws the fleet only once the settings are in', async () => {
    let answerSettings: () => void = () => {};
    api
      .handle(
        'settings:get',
        () =>
          new Promise((resolve) => {
            answerSettings = () =>
              resolve({
                ok: true,
                value: { language: 'zh-CN', theme: 'dark', monitor: DEFAULT_MONITOR_CONFIG, technician: '' },
              });
          }),
      )
      .reply('inventory:list', { sites: [site('s1', 'Studio')], hubs: [hub('a')] })
      .reply('monitor:subscribe', { seq: 1, hubs: [live('a')] });
    const started = useAppStore().start();
    await new Promise((r) => setTimeout(r, 0));
    // Both requests are out before any answer: one round trip, not two.
    expect(api.calls.map((c) => c.channel)).toEqual(expect.arrayContaining(['settings:get', 'inventory:list']));
    expect(useHubsStore().loaded).toBe(false);
    answerSettings();
    await started;
    expect(i18n.global.locale.value).toBe('zh-CN');
    expect(useHubsStore().hubIds).toEqual(['a']);
    expect(api.callsTo('inventory:list')).toHaveLength(1);
  });

  it('shows the disconnected state without a backend instead of failing', async () => {
    removeApi();
    const app = useAppStore();
    await app.start();
    expect(app.connected).toBe(false);
  });
});
