import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { track } from '../../electron/core/tracking/tracker';
import {
  DEFAULT_TRACKER_CONFIG,
  initialTrackerState,
  type Observation,
  type TrackerState,
} from '../../electron/core/tracking/types';
import { deriveUpdates, timelineEventSchema, type TimelineEvent } from '../../electron/shared/timeline';
import { fail } from '../../electron/shared/errors';
import type { AppError } from '../../electron/shared/errors';
import type { UpdateStatus } from '../../electron/shared/domain';
import { downloading, status } from './tracking-fixtures';

const T0 = Date.UTC(2024, 0, 2, 10, 0, 0);

function err(code: 'UNREACHABLE' | 'TIMEOUT' | 'AUTH_FAILED'): AppError {
  const r = fail(code, `simulated ${code}`);
  if (r.ok) throw new Error('unreachable');
  return r.error;
}

/** Feed a sequence of observations one second apart; return all events and the final state. */
function run(
  steps: Array<UpdateStatus | AppError>,
  start: TrackerState = initialTrackerState(),
  config = DEFAULT_TRACKER_CONFIG,
) {
  let state = start;
  const events: TimelineEvent[] = [];
  steps.forEach((s, i) => {
    const at = T0 + i * 1000;
    const obs: Observation = 'state' in s ? { at, ok: true, status: s } : { at, ok: false, error: s };
    const r = track(state, obs, config);
    state = r.state;
    events.push(...r.events);
  });
  return { state, events, types: events.map((e) => e.type) };
}

const idleOld = status(0, '2.1.27', '2.1.28');
const idleNew = status(0, '2.1.28', '2.1.28');

describe('update tracker', () => {
  it('follows a full update through the restart and ends verified on the new version', () => {
    const { events, types, state } = run([
      idleOld,
      status(0x2, '2.1.27', '2.1.28'),
      downloading(0),
      downloading(30),
      downloading(80),
      downloading(100),
      status(0x8, '2.1.27', '2.1.28'),
      status(0x40, '2.1.27', '2.1.28'),
      err('UNREACHABLE'),
      err('UNREACHABLE'),
      idleNew,
    ]);
    expect(types).toEqual([
      'download-started',
      'progress',
      'progress',
      'progress',
      'progress',
      'verifying',
      'restarting',
      'hub-offline',
      'hub-back',
      'version-changed',
      'update-finished',
    ]);
    expect(events.filter((e) => e.type === 'progress').map((e) => (e.type === 'progress' ? e.percent : 0))).toEqual([
      25, 50, 75, 100,
    ]);
    expect(events[0]).toEqual({
      at: new Date(T0 + 2000).toISOString(),
      type: 'download-started',
      from: '2.1.27',
      target: '2.1.28',
    });
    expect(events.at(-1)).toMatchObject({
      type: 'update-finished',
      outcome: 'verified',
      reason: 'new-version',
      to: '2.1.28',
    });
    expect(state.open).toBeNull();
    expect(deriveUpdates(events)).toEqual([
      {
        from: '2.1.27',
        to: '2.1.28',
        outcome: 'verified',
        startedAt: new Date(T0 + 2000).toISOString(),
        endedAt: new Date(T0 + 10000).toISOString(),
        updateResult: null,
      },
    ]);
    for (const e of events) expect(timelineEventSchema.parse(e)).toEqual(e);
  });

  it('never calls an update verified before reading the version after the restart', () => {
    const { events } = run([
      idleOld,
      downloading(50),
      status(0x8, '2.1.27', '2.1.28'),
      status(0x40, '2.1.27', '2.1.28'),
      err('UNREACHABLE'),
    ]);
    expect(events.some((e) => e.type === 'update-finished')).toBe(false);
    expect(deriveUpdates(events)[0]?.outcome).toBe('in-progress');
  });

  it('verifies when the restart was too quick to see but the version read afterwards changed to the newest', () => {
    const { events } = run([idleOld, downloading(90), status(0x8, '2.1.27', '2.1.28'), idleNew]);
    expect(events.at(-1)).toMatchObject({ type: 'update-finished', outcome: 'verified' });
  });

  it('ends failed with the hub update-result', () => {
    const { events } = run([idleOld, downloading(10), downloading(40), status(0x200, '2.1.27', '2.1.28', {}, 11)]);
    expect(events.at(-1)).toMatchObject({
      type: 'update-finished',
      outcome: 'failed',
      reason: 'update-failed',
      to: null,
      updateResult: 11,
    });
    expect(deriveUpdates(events)[0]).toMatchObject({ from: '2.1.27', to: null, outcome: 'failed', updateResult: 11 });
  });

  it('does not open a second update while the hub stays in the failed state', () => {
    const failed = status(0x200, '2.1.27', '2.1.28', {}, 11);
    const { events } = run([downloading(10), failed, failed, failed]);
    expect(events.filter((e) => e.type === 'update-finished')).toHaveLength(1);
  });

  it('ends unverified when the hub comes back on the old version', () => {
    const { events } = run([idleOld, downloading(100), status(0x40, '2.1.27', '2.1.28'), err('UNREACHABLE'), idleOld]);
    expect(events.at(-1)).toMatchObject({
      type: 'update-finished',
      outcome: 'unverified',
      reason: 'same-version',
      to: '2.1.27',
    });
    expect(events.some((e) => e.type === 'version-changed')).toBe(false);
  });

  it('ends unverified when the new version is not the newest known before the restart', () => {
    const { events } = run([idleOld, downloading(100), err('UNREACHABLE'), status(0, '2.1.29', '2.1.29')]);
    expect(events.at(-1)).toMatchObject({ outcome: 'unverified', reason: 'unexpected-version', to: '2.1.29' });
  });

  it('ends unverified when the newest version was never known', () => {
    const { events } = run([
      status(0, '2.1.27', null),
      status(0x4, '2.1.27', null, { progress: 5, progressRaw: 5 }),
      err('TIMEOUT'),
      status(0, '2.1.28', null),
    ]);
    expect(events.at(-1)).toMatchObject({ outcome: 'unverified', reason: 'newest-unknown' });
  });

  it('ends unverified when the hub is not back within the configured time', () => {
    const config = { ...DEFAULT_TRACKER_CONFIG, backTimeoutMs: 3000 };
    const { events, state } = run(
      [
        idleOld,
        downloading(100),
        status(0x40, '2.1.27', '2.1.28'),
        err('UNREACHABLE'),
        err('UNREACHABLE'),
        err('UNREACHABLE'),
        err('UNREACHABLE'),
      ],
      undefined,
      config,
    );
    const finished = events.filter((e) => e.type === 'update-finished');
    expect(finished).toHaveLength(1);
    expect(finished[0]).toMatchObject({
      outcome: 'unverified',
      reason: 'not-back',
      to: null,
      at: new Date(T0 + 6000).toISOString(),
    });
    // Coming back later records the return and the version change, but never reopens the outcome.
    const later = track(state, { at: T0 + 60_000, ok: true, status: idleNew }, config);
    expect(later.events.map((e) => e.type)).toEqual(['hub-back', 'version-changed']);
  });

  it('closes a cancelled download as unverified without a restart', () => {
    const { events } = run([idleOld, downloading(20), status(0x20, '2.1.27', '2.1.28'), idleOld]);
    expect(events.map((e) => e.type)).toEqual(['download-started', 'cancelling', 'update-finished']);
    expect(events.at(-1)).toMatchObject({ outcome: 'unverified', reason: 'no-restart' });
  });

  it('opens on an upload and on an update already under way', () => {
    expect(run([status(0x10, '2.1.27', '2.1.28')]).types).toEqual(['upload-started']);
    expect(run([status(0x40, '2.1.27', '2.1.28')]).types).toEqual(['update-observed', 'restarting']);
    expect(
      run([
        status(0x8, '2.1.27', '2.1.28'),
        status(0x40, '2.1.27', '2.1.28'),
        status(0x40, '2.1.27', '2.1.28'),
        err('UNREACHABLE'),
        status(0x40, '2.1.28', '2.1.28'),
      ]).types,
    ).toEqual(['update-observed', 'restarting', 'hub-offline', 'hub-back', 'version-changed']);
  });

  it('records the hub offline only after repeated failures outside an update, and back once', () => {
    const { types } = run([
      idleOld,
      err('TIMEOUT'),
      err('TIMEOUT'),
      err('TIMEOUT'),
      err('TIMEOUT'),
      idleOld,
      err('TIMEOUT'),
      idleOld,
    ]);
    expect(types).toEqual(['hub-offline', 'hub-back']);
  });

  it('ignores failures that are not silence (wrong password) for offline', () => {
    const { types } = run([
      idleOld,
      err('AUTH_FAILED'),
      err('AUTH_FAILED'),
      err('AUTH_FAILED'),
      err('AUTH_FAILED'),
      idleOld,
    ]);
    expect(types).toEqual([]);
  });

  it('records version changes outside updates', () => {
    expect(run([idleOld, idleNew]).events).toEqual([
      { at: new Date(T0 + 1000).toISOString(), type: 'version-changed', from: '2.1.27', to: '2.1.28' },
    ]);
  });

  it('keeps following the newest version until the restart and then freezes the target', () => {
    const { events } = run([
      idleOld,
      downloading(10, '2.1.27', '2.1.28'),
      downloading(60, '2.1.27', '2.1.29'),
      status(0x40, '2.1.27', '2.1.29'),
      status(0, '2.1.29', '2.1.30'),
    ]);
    expect(events.at(-1)).toMatchObject({ outcome: 'verified', to: '2.1.29' });
  });

  it('is pure: the previous state object is never modified', () => {
    const before = run([idleOld, downloading(10)]).state;
    const copy = structuredClone(before);
    track(before, { at: T0, ok: false, error: err('UNREACHABLE') });
    expect(before).toEqual(copy);
  });

  it('never verifies without a successful read of a different version, whatever the sequence', () => {
    const codes = [0, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x100, 0x200];
    const versions = ['2.1.27', '2.1.28', null];
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('ok' as const),
        code: fc.constantFrom(...codes),
        v: fc.constantFrom(...versions),
        n: fc.constantFrom(...versions),
        p: fc.integer({ min: -10, max: 150 }),
      }),
      fc.record({
        kind: fc.constant('err' as const),
        code: fc.constantFrom('UNREACHABLE' as const, 'TIMEOUT' as const, 'AUTH_FAILED' as const),
      }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let state = initialTrackerState();
        let open: { from: string | null } | null = null;
        steps.forEach((s, i) => {
          const at = T0 + i * 1000;
          const obs: Observation =
            s.kind === 'ok'
              ? {
                  at,
                  ok: true,
                  status: status(s.code, s.v, s.n, { progress: Math.min(100, Math.max(0, s.p)), progressRaw: s.p }),
                }
              : { at, ok: false, error: err(s.code) };
          const r = track(state, obs);
          for (const e of r.events) {
            timelineEventSchema.parse(e);
            if (e.type === 'download-started' || e.type === 'upload-started' || e.type === 'update-observed')
              open = { from: e.from };
            if (e.type === 'update-finished') {
              if (e.outcome === 'verified') {
                // Verified only on this very read, which must be a success naming a different version.
                expect(obs.ok).toBe(true);
                expect(e.to).toBe(obs.ok ? obs.status.version : undefined);
                expect(e.to).not.toBe(open?.from);
                expect(e.to).not.toBeNull();
              }
              open = null;
            }
          }
          state = r.state;
        });
      }),
      { numRuns: 2000 },
    );
  });
});
