import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli } from './cli-harness';
import { makeInventory } from './cli-data-fixtures';
import { HubStore } from '../../electron/core/store/hub-store';
import { adhocHubId } from '../../electron/core/monitor/hub-directory';
import type { TimelineEvent } from '../../electron/shared/timeline';
import { initialTrackerState } from '../../electron/core/tracking/types';
import { live } from '../unit/tracking-fixtures';

/** `hubkeeper timeline`: reads the data folder only; `--json` has exactly the documented shape. */
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hk-cli-timeline-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const at = (m: number) => new Date(Date.UTC(2024, 4, 2, 9, m)).toISOString();
const events: TimelineEvent[] = [
  { at: at(0), type: 'download-started', from: '2.1.27', target: '2.1.28' },
  { at: at(1), type: 'progress', percent: 50 },
  { at: at(2), type: 'verifying' },
  { at: at(3), type: 'restarting' },
  { at: at(4), type: 'hub-offline', code: 'UNREACHABLE', message: 'refused' },
  { at: at(6), type: 'hub-back' },
  { at: at(6), type: 'version-changed', from: '2.1.27', to: '2.1.28' },
  { at: at(6), type: 'update-finished', outcome: 'verified', reason: 'new-version', to: '2.1.28', updateResult: null },
  { at: at(30), type: 'download-started', from: '2.1.28', target: '2.1.29' },
  { at: at(31), type: 'update-finished', outcome: 'failed', reason: 'update-failed', to: null, updateResult: 11 },
  { at: at(40), type: 'download-started', from: '2.1.28', target: '2.1.29' },
];

async function seed(hubId: string, withStatus = false): Promise<void> {
  const store = await HubStore.open(dir);
  if (!store.ok) throw new Error(store.error.message);
  await store.value.appendEvents(hubId, events);
  if (withStatus) {
    const lastSuccessAt = new Date(Date.now() - 3 * 3_600_000).toISOString();
    await store.value.writeStatus(hubId, {
      savedAt: lastSuccessAt,
      tracker: initialTrackerState(),
      live: live(hubId, { version: '2.1.28', lastSuccessAt }),
    });
  }
}

describe('hubkeeper timeline', () => {
  it('--json prints exactly {hub, events, updates} with the documented keys', async () => {
    await seed(adhocHubId({ scheme: 'http', host: '127.0.61.2', port: 8080 }));
    const r = await cli(['timeline', 'http://127.0.61.2:8080', '--json', '--data-dir', dir]);
    expect(r.code).toBe(0);
    const doc = r.json<{
      hub: string;
      events: Array<Record<string, unknown>>;
      updates: Array<Record<string, unknown>>;
    }>();
    expect(Object.keys(doc)).toEqual(['hub', 'events', 'updates']);
    expect(doc.hub).toBe('http://127.0.61.2:8080');
    expect(doc.events).toEqual(events);
    for (const e of doc.events) expect(Object.keys(e).slice(0, 2)).toEqual(['at', 'type']);
    expect(doc.updates).toEqual([
      { from: '2.1.27', to: '2.1.28', outcome: 'verified', startedAt: at(0), endedAt: at(6), updateResult: null },
      { from: '2.1.28', to: null, outcome: 'failed', startedAt: at(30), endedAt: at(31), updateResult: 11 },
      { from: '2.1.28', to: null, outcome: 'in-progress', startedAt: at(40), endedAt: null, updateResult: null },
    ]);
    for (const u of doc.updates)
      expect(Object.keys(u)).toEqual(['from', 'to', 'outcome', 'startedAt', 'endedAt', 'updateResult']);
  });

  it('finds an inventory hub by any spelling of its address, and --limit keeps the newest events', async () => {
    const [hub] = await makeInventory(dir, { name: 'Acme' }, [{ host: '127.0.61.3', port: 80, name: 'Studio' }]);
    await seed(hub!.id);
    const r = await cli(['timeline', '127.0.61.3', '--json', '--limit', '2', '--data-dir', dir]);
    expect(r.code).toBe(0);
    const doc = r.json<{ hub: string; events: TimelineEvent[]; updates: unknown[] }>();
    expect(doc.hub).toBe('http://127.0.61.3');
    expect(doc.events).toEqual(events.slice(-2));
    expect(doc.updates).toHaveLength(3);
  });

  it('prints a readable timeline, and says so when nothing is recorded', async () => {
    await seed(adhocHubId({ scheme: 'http', host: '127.0.61.4', port: 80 }), true);
    const r = await cli(['timeline', 'http://127.0.61.4', '--data-dir', dir], { env: { TZ: 'UTC' } });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Last known: idle, version 2\.1\.28 — as of .* \(3 h ago\)/);
    expect(r.out).toMatch(/download started \(2\.1\.27 → 2\.1\.28\)/);
    expect(r.out).toMatch(/update VERIFIED \(new-version, now 2\.1\.28\)/);
    expect(r.out).toMatch(/2\.1\.28 → \?\s+failed .*hub result 11/);
    const empty = await cli(['timeline', 'http://127.0.61.9', '--data-dir', dir]);
    expect(empty.code).toBe(0);
    expect(empty.out).toMatch(/No events recorded/);
    const emptyJson = await cli(['timeline', 'http://127.0.61.9', '--json', '--data-dir', dir]);
    expect(emptyJson.json()).toEqual({ hub: 'http://127.0.61.9', events: [], updates: [] });
  });

  it('rejects a bad address with a usage exit code and no output on stdout', async () => {
    const r = await cli(['timeline', 'ftp://x/y', '--json', '--data-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/BAD_INPUT/);
  });
});
