import { describe, expect, it } from 'vitest';
import { decodeState } from '../../electron/shared/update-state';
import { accessOf, freshnessOf, hubAddress, needsAttention, summarize } from '../../renderer/src/lib/hub-view';
import { hub, live } from './fixtures';

describe('hubAddress', () => {
  it('shows scheme, host and a non-default port, brackets IPv6', () => {
    expect(hubAddress(hub('a'))).toBe('http://127.0.0.2:8080');
    expect(hubAddress(hub('b', { endpoints: [{ scheme: 'https', port: 443, pin: null }] }))).toBe('https://127.0.0.2');
    expect(hubAddress(hub('c', { address: 'fe80::1', endpoints: [{ scheme: 'http', port: 80, pin: null }] }))).toBe(
      'http://[fe80::1]',
    );
  });
});

describe('freshnessOf', () => {
  it('is never live when the backend says stale or offline, and never before the first read', () => {
    expect(freshnessOf(live('a'))).toBe('live');
    expect(freshnessOf(live('a', { stale: true }))).toBe('stale');
    expect(freshnessOf(live('a', { offline: true, stale: true }))).toBe('offline');
    expect(freshnessOf(live('a', { paused: true }))).toBe('paused');
    expect(freshnessOf(live('a', { lastSuccessAt: null }))).toBe('never');
    expect(freshnessOf(undefined)).toBe('never');
  });

  it('shows a hub the monitor stopped polling (blocked) as stopped, not live or paused by the user', () => {
    expect(freshnessOf(live('a', { blockedBy: 'AUTH_FAILED' }))).toBe('blocked');
  });
});

describe('a hub restarting into an update', () => {
  const update = {
    from: '2.1.27',
    to: '2.1.28',
    outcome: 'in-progress' as const,
    startedAt: '2026-01-01T10:00:00Z',
    endedAt: null,
    updateResult: null,
  };
  const restarting = live('a', { offline: true, stale: true, state: decodeState(0x40), update });

  it('reads "restarting", not live and not a fault, while the announced restart is under way', () => {
    expect(freshnessOf(restarting)).toBe('restarting');
    const s = summarize(['a'], new Map([['a', hub('a')]]), new Map([['a', restarting]]));
    expect(s).toMatchObject({ offline: 0, attention: 0, updating: 1 });
  });

  it('reads offline again when it was not restarting, or once the update stopped being in progress', () => {
    expect(freshnessOf(live('a', { offline: true, state: decodeState(0), update }))).toBe('offline');
    const timedOut = live('a', {
      offline: true,
      state: decodeState(0x40),
      update: { ...update, outcome: 'unverified', endedAt: '2026-01-01T10:20:00Z' },
    });
    expect(freshnessOf(timedOut)).toBe('offline');
    expect(summarize(['a'], new Map([['a', hub('a')]]), new Map([['a', timedOut]]))).toMatchObject({
      offline: 1,
      attention: 1,
    });
  });
});

describe('accessOf', () => {
  const authError = (hubCode: number | null) => ({ code: 'AUTH_FAILED' as const, hubCode, message: '' });

  it('asks for a login when none was given (the hub said "not logged in"), and says wrong password only when the hub refused one', () => {
    expect(accessOf(hub('a'), live('a', { blockedBy: 'AUTH_FAILED', error: authError(37) }))).toBe('needs-login');
    expect(accessOf(hub('a'), live('a', { blockedBy: 'AUTH_FAILED', error: authError(-17) }))).toBe('needs-login');
    expect(accessOf(hub('a'), live('a', { blockedBy: 'AUTH_FAILED', error: authError(null) }))).toBe('needs-login');
    for (const code of [39, 36, -1, 16, -14])
      expect(accessOf(hub('a'), live('a', { blockedBy: 'AUTH_FAILED', error: authError(code) }))).toBe('auth-failed');
  });

  it('maps certificate and permission blocks', () => {
    expect(accessOf(hub('a'), live('a', { blockedBy: 'CERT_CHANGED' }))).toBe('cert-changed');
    expect(accessOf(hub('a'), live('a', { blockedBy: 'DEVICE_CHANGED' }))).toBe('device-changed');
    expect(accessOf(hub('a'), live('a', { blockedBy: 'TLS_UNTRUSTED' }))).toBe('cert-untrusted');
    expect(accessOf(hub('a'), live('a', { blockedBy: 'NOT_PERMITTED' }))).toBe('not-permitted');
    expect(accessOf(hub('a'), live('a', { error: { code: 'TIMEOUT', hubCode: null, message: '' } }))).toBe('ok');
  });
});

describe('summarize', () => {
  it('counts up to date, updating, failed, offline and attention over the given hubs only', () => {
    const hubs = new Map(['a', 'b', 'c', 'd', 'e'].map((id) => [id, hub(id)]));
    const lives = new Map([
      ['a', live('a')],
      ['b', live('b', { state: decodeState(0x4), progress: 40, version: '2.1.27' })],
      ['c', live('c', { state: decodeState(0x200), version: '2.1.27' })],
      ['d', live('d', { offline: true })],
      ['e', live('e', { state: decodeState(0x80) })],
    ]);
    const s = summarize(['a', 'b', 'c', 'd', 'e'], hubs, lives);
    expect(s).toEqual({
      total: 5,
      upToDate: 3,
      updateAvailable: 2,
      updating: 2,
      failed: 1,
      offline: 1,
      attention: 3,
      notVisited: 0,
    });
    expect(summarize(['a'], hubs, lives).total).toBe(1);
  });

  it('needs attention for an unverified update but not for a verified one', () => {
    const base = {
      from: '2.1.27',
      to: '2.1.28',
      startedAt: '2026-01-01T00:00:00Z',
      endedAt: '2026-01-01T00:05:00Z',
      updateResult: null,
    };
    expect(needsAttention(hub('a'), live('a', { update: { ...base, outcome: 'unverified' } }))).toBe(true);
    expect(needsAttention(hub('a'), live('a', { update: { ...base, outcome: 'verified' } }))).toBe(false);
  });
});
