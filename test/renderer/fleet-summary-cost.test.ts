import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { createTestingPinia } from '@pinia/testing';
import * as hubView from '../../renderer/src/lib/hub-view';
import { useHubsStore } from '../../renderer/src/stores/hubs';
import { useFleetViewStore } from '../../renderer/src/stores/fleet-view';
import { useVisitsStore } from '../../renderer/src/stores/visits';
import { FakeApi, installApi, removeApi } from './fake-api';
import { hub, site } from './fixtures';

// Count the classifications the fleet view makes (the real function, only watched).
vi.mock('../../renderer/src/lib/hub-view', async (importOriginal) => {
  const actual = await importOriginal<typeof hubView>();
  return { ...actual, classify: vi.fn(actual.classify) };
});

beforeEach(() => {
  setActivePinia(createPinia());
  installApi(new FakeApi());
});
afterEach(removeApi);

const visit = (siteId: string, visited: boolean) => ({
  siteId,
  visited,
  alwaysWatched: false,
  startedAt: null,
  endedAt: null,
  resumable: false,
});

describe('the fleet summary with many hubs nobody visits', () => {
  it('counts them apart without classifying each one (the first paint with 5,000 imported hubs)', () => {
    const hubs = useHubsStore();
    const ids = Array.from({ length: 300 }, (_, i) => `h${i}`);
    hubs.setInventory({
      sites: [site('office', 'Office'), site('customer', 'Customer')],
      hubs: ids.map((id, i) => hub(id, { siteId: i < 10 ? 'office' : 'customer' })),
    });
    useVisitsStore().setAll([visit('office', true), visit('customer', false)]);
    const classify = vi.mocked(hubView.classify);
    classify.mockClear();
    const summary = useFleetViewStore().summary;
    expect(summary).toMatchObject({ total: 300, notVisited: 290 });
    // Only the visited site's hubs are classified; the others count as "not visited" as they are.
    expect(classify).toHaveBeenCalledTimes(10);
  });

  it("asks each site's visit state once per pass, not once per hub", () => {
    setActivePinia(createTestingPinia({ createSpy: vi.fn, stubActions: false }));
    const hubs = useHubsStore();
    const ids = Array.from({ length: 300 }, (_, i) => `h${i}`);
    hubs.setInventory({
      sites: [site('office', 'Office'), site('customer', 'Customer')],
      hubs: ids.map((id, i) => hub(id, { siteId: i < 10 ? 'office' : 'customer' })),
    });
    const visits = useVisitsStore();
    const isSiteVisited = vi.fn((siteId: string) => siteId === 'office');
    const isHubVisited = vi.fn((hubId: string) => isSiteVisited(hubs.hubs.get(hubId)!.siteId));
    // @pinia/testing lets a test set getters: count who asks what.
    (visits as unknown as { isSiteVisited: unknown }).isSiteVisited = isSiteVisited;
    (visits as unknown as { isHubVisited: unknown }).isHubVisited = isHubVisited;
    const view = useFleetViewStore();
    expect(view.visibleIds).toHaveLength(300);
    expect(view.summary).toMatchObject({ total: 300, notVisited: 290 });
    view.sortBy('asOf');
    expect(view.visibleIds.slice(0, 10)).toEqual(ids.slice(0, 10));
    // Three passes (visible, summary, visible sorted by freshness) over two sites; the per-hub
    // classification of the ten visited hubs may ask for their own hub.
    expect(isSiteVisited.mock.calls.length - isHubVisited.mock.calls.length).toBeLessThanOrEqual(6);
    expect(isHubVisited.mock.calls.length).toBeLessThanOrEqual(10);
  });
});
