import { describe, expect, it } from 'vitest';
import {
  CALL_CHANNELS,
  EVENT_CHANNELS,
  calls,
  envelopeSchema,
  events,
  hubChangeSchema,
  settingsPatchSchema,
} from '../../electron/shared/contract';

describe('contract', () => {
  it('declares every channel once, as domain:verb, calls and events disjoint', () => {
    const all = [...CALL_CHANNELS, ...EVENT_CHANNELS];
    expect(new Set(all).size).toBe(all.length);
    for (const name of all) expect(name).toMatch(/^[a-z]+:[a-zA-Z]+$/);
    expect(Object.keys(calls).sort()).toEqual([...CALL_CHANNELS].sort());
    expect(Object.keys(events).sort()).toEqual([...EVENT_CHANNELS].sort());
  });

  it('rejects unknown keys in arguments (a renderer cannot smuggle a url or path)', () => {
    expect(calls['history:page'].args.safeParse({ hubId: 'h1', start: 0, count: 10 }).success).toBe(true);
    expect(calls['history:page'].args.safeParse({ hubId: 'h1', start: 0, count: 10, url: 'http://x' }).success).toBe(
      false,
    );
    expect(calls['app:info'].args.safeParse({ path: '/etc/passwd' }).success).toBe(false);
    expect(calls['inventory:list'].args.safeParse(undefined).success).toBe(false);
  });

  it('refuses malformed ids, fingerprints and oversized pages', () => {
    expect(calls['cert:trust'].args.safeParse({ hubId: 'h1', fingerprint: 'sha256:' + 'a'.repeat(64) }).success).toBe(
      true,
    );
    expect(calls['cert:trust'].args.safeParse({ hubId: 'h1', fingerprint: 'AA:BB' }).success).toBe(false);
    expect(calls['session:logout'].args.safeParse({ hubId: '../../etc' }).success).toBe(false);
    expect(calls['history:page'].args.safeParse({ hubId: 'h1', start: 0, count: 1000 }).success).toBe(false);
    expect(calls['inventory:addSite'].args.safeParse({ name: 'a\u0000b' }).success).toBe(false);
  });

  it('takes the password only as an argument, never in any result schema', () => {
    const text = JSON.stringify(Object.values(calls).map((c) => c.result.toJSONSchema?.() ?? null));
    expect(text).toContain('"hasSavedPassword"'); // the one thing the renderer may learn
    expect(text).not.toMatch(/"(password|pass|secret|cookie|token)"/i);
    expect(
      calls['session:login'].args.safeParse({ hubId: 'h1', user: 'Admin', password: 'Admin', remember: true }).success,
    ).toBe(true);
  });

  it('patches carry only changed fields', () => {
    expect(
      hubChangeSchema.safeParse({ hubId: 'h1', at: '2026-01-01T00:00:00.000Z', changes: { progress: 42 } }).success,
    ).toBe(true);
    expect(settingsPatchSchema.safeParse({ monitor: { busyMs: 1000 } }).success).toBe(true);
    expect(settingsPatchSchema.safeParse({ monitor: { busyMs: 1 } }).success).toBe(false);
  });

  it('envelopes are ok/value or ok:false/error with a closed code', () => {
    const env = envelopeSchema(calls['monitor:refresh'].result);
    expect(env.safeParse({ ok: true, value: { done: true } }).success).toBe(true);
    expect(env.safeParse({ ok: false, error: { code: 'TIMEOUT', hubCode: null, message: 'x' } }).success).toBe(true);
    expect(env.safeParse({ ok: false, error: { code: 'WHATEVER', hubCode: null, message: 'x' } }).success).toBe(false);
  });
});
