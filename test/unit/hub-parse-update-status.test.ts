import { describe, expect, it } from 'vitest';
import { parseUpdateStatus } from '../../electron/core/hub/parse-update-status';
import type { UpdateStatus } from '../../electron/shared/domain';
import { STATE_BITS } from '../../electron/shared/update-state';
import seed from '../fixtures/update-status.seed.json';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const clone = <T>(v: T): T => structuredClone(v);
const seedBody = (): { result: number; status: Record<string, Json> } => clone(seed) as never;

/** Applies `f` to every leaf of a JSON value (except the top-level `result`). */
function mapLeaves(value: Json, f: (leaf: Json, key: string) => Json, key = ''): Json {
  if (Array.isArray(value)) return value.map((v) => mapLeaves(v, f, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'result' ? v : mapLeaves(v, f, k)]));
  }
  return f(value, key);
}

const parsed = (body: unknown, opts?: { requestedStart?: number }): UpdateStatus => {
  const r = parseUpdateStatus(body, opts);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/** The seed example in the domain model: the golden answer every variant must reproduce. */
const GOLDEN: UpdateStatus = {
  state: { code: 0, hex: '0x0', names: ['idle'], unknownBits: 0 },
  progress: 0,
  progressRaw: 0,
  version: '2.1.28',
  osName: 'Debian GNU/Linux 11 (bullseye)',
  updateEnabled: true,
  online: {
    checkedAt: '2023-09-11T02:54:31.000Z',
    checkResult: 0,
    updateResult: 0,
    isNewest: true,
    newest: {
      version: '2.1.28',
      digest: 'a487eef9d3e5a81ef9ff8deb143e61a086bc01196d1dce8ff1a1424aff9e44b3',
      preRelease: true,
      releasedAt: '2023-09-05T03:36:25.000Z',
    },
    checkEnabled: true,
    includePreRelease: true,
  },
  history: {
    start: 1,
    total: 50,
    entries: [
      {
        version: '2.1.27',
        digest: '7cd2737135b7e826d44fa9ceae65c72bd84520b0899bafe7f912cd6bda5385e5',
        preRelease: true,
        releasedAt: '2023-09-04T00:54:27.000Z',
      },
      {
        version: '2.1.26',
        digest: '550c2abaa1453ddb912ebc6d7b5233a046006b6c1c546115507e2084c8258bca',
        preRelease: true,
        releasedAt: '2023-08-30T07:52:06.000Z',
      },
      {
        version: '2.1.25',
        digest: '53ecb3892f3090591012dfb1387dcf0562ebe5f41589a8a75151da556e56dc40',
        preRelease: true,
        releasedAt: '2023-08-30T05:39:00.000Z',
      },
    ],
  },
  info: '',
};

describe('parseUpdateStatus: the seed example', () => {
  it('normalises the seed body field for field (golden)', () => {
    expect(parsed(seed)).toEqual(GOLDEN);
  });
});

describe('parseUpdateStatus: every variant of controlhub-api.md', () => {
  it('fields at the top level instead of inside status', () => {
    const { status, result } = seedBody();
    expect(parsed({ result, ...status })).toEqual(GOLDEN);
  });

  it('newest-version as a plain string', () => {
    const body = seedBody();
    (body.status['online-status'] as Record<string, Json>)['newest-version'] = '2.1.28';
    expect(parsed(body).online?.newest).toEqual({
      version: '2.1.28',
      digest: null,
      preRelease: null,
      releasedAt: null,
    });
  });

  it('booleans as 0/1 (numbers and strings)', () => {
    const asNumbers = mapLeaves(seedBody(), (v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
    expect(parsed(asNumbers)).toEqual(GOLDEN);
    const asStrings = mapLeaves(seedBody(), (v) => (typeof v === 'boolean' ? (v ? '1' : '0') : v));
    expect(parsed(asStrings)).toEqual(GOLDEN);
    const words = mapLeaves(seedBody(), (v) => (typeof v === 'boolean' ? String(v).toUpperCase() : v));
    expect(parsed(words)).toEqual(GOLDEN);
  });

  it('numbers as numeric strings (the version strings stay versions)', () => {
    const body = mapLeaves(seedBody(), (v) => (typeof v === 'number' ? String(v) : v));
    expect(parsed(body)).toEqual(GOLDEN);
  });

  it('all of these at once', () => {
    const { status, result } = seedBody();
    const flat = mapLeaves({ result, ...status }, (v) =>
      typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'number' ? ` ${v} ` : v,
    );
    expect(parsed(flat)).toEqual(GOLDEN);
  });

  it.each([
    [140, 100],
    [-5, 0],
    [37.5, 37.5],
    ['250', 100],
  ])('progress %j is clamped to %j for display with the raw value kept', (raw, shown) => {
    const body = seedBody();
    body.status.state = 4;
    body.status.progress = raw;
    const s = parsed(body);
    expect(s.progress).toBe(shown);
    expect(s.progressRaw).toBe(Number(raw));
  });

  it('missing online-status: online and history are null, the rest is read', () => {
    const body = seedBody();
    delete body.status['online-status'];
    expect(parsed(body)).toEqual({ ...GOLDEN, online: null, history: null });
  });

  it('missing versions: online info kept, history null', () => {
    const body = seedBody();
    delete (body.status['online-status'] as Record<string, Json>).versions;
    expect(parsed(body)).toEqual({ ...GOLDEN, history: null });
  });

  it('unknown fields anywhere are ignored', () => {
    const body = seedBody() as Record<string, Json>;
    body['remote-ip'] = '127.0.0.1:51234';
    body.extra = { nested: [1, 2] };
    (body.status as Record<string, Json>)['future-field'] = 'x';
    const online = (body.status as Record<string, Json>)['online-status'] as Record<string, Json>;
    online['channel'] = 'beta';
    ((online.versions as Record<string, Json>).list as Record<string, Json>[])[0]!['size'] = 123456;
    expect(parsed(body)).toEqual(GOLDEN);
  });

  it('every absent field is null, never invented', () => {
    expect(parsed({ result: 0, status: { state: 0 } })).toEqual({
      state: { code: 0, hex: '0x0', names: ['idle'], unknownBits: 0 },
      progress: null,
      progressRaw: null,
      version: null,
      osName: null,
      updateEnabled: null,
      online: null,
      history: null,
      info: null,
    });
  });

  it('fields of the wrong type count as absent instead of failing the status', () => {
    const body = seedBody();
    body.status['enable-update'] = 'maybe';
    body.status.version = { major: 2 };
    body.status['os-name'] = ['Debian'];
    body.status.progress = 'fast';
    const s = parsed(body);
    expect([s.updateEnabled, s.version, s.osName, s.progress, s.progressRaw]).toEqual([null, null, null, null, null]);
    expect(s.online).toEqual(GOLDEN.online);
  });

  it('history entries with only a version are kept, the missing fields null', () => {
    const body = seedBody();
    const versions = (body.status['online-status'] as Record<string, Json>).versions as Record<string, Json>;
    versions.list = [
      { version: '2.1.27' },
      { version: '2.1.26', digest: null, date: 1693381926 },
      { version: '2.1.25', 'is-expr': 0 },
    ];
    expect(parsed(body).history?.entries).toEqual([
      { version: '2.1.27', digest: null, preRelease: null, releasedAt: null },
      { version: '2.1.26', digest: null, preRelease: null, releasedAt: '2023-08-30T07:52:06.000Z' },
      { version: '2.1.25', digest: null, preRelease: false, releasedAt: null },
    ]);
    (body.status['online-status'] as Record<string, Json>)['newest-version'] = { version: '2.1.28' };
    expect(parsed(body).online?.newest).toEqual({
      version: '2.1.28',
      digest: null,
      preRelease: null,
      releasedAt: null,
    });
  });

  it('a version sent as a number is kept as its text', () => {
    const body = seedBody();
    body.status.version = 2.1;
    expect(parsed(body).version).toBe('2.1');
  });

  it('unreadable history entries are skipped, the others kept', () => {
    const body = seedBody();
    const versions = (body.status['online-status'] as Record<string, Json>).versions as Record<string, Json>;
    (versions.list as Json[]).splice(1, 0, null, 'x', { digest: 'no version' }, { version: '' });
    expect(parsed(body).history).toEqual(GOLDEN.history);
  });

  it('a page without start takes the requested start; without total, total is null', () => {
    const body = seedBody();
    const versions = (body.status['online-status'] as Record<string, Json>).versions as Record<string, Json>;
    delete versions.start;
    delete versions.total;
    expect(parsed(body, { requestedStart: 7 }).history).toEqual({ ...GOLDEN.history, start: 7, total: null });
    expect(parsed(body).history?.start).toBe(0);
  });

  it('dates: 0 means never (null); a millisecond value is recognised', () => {
    const body = seedBody();
    const online = body.status['online-status'] as Record<string, Json>;
    online.date = 0;
    (online['newest-version'] as Record<string, Json>).date = 1693884985000;
    const s = parsed(body);
    expect(s.online?.checkedAt).toBeNull();
    expect(s.online?.newest?.releasedAt).toBe('2023-09-05T03:36:25.000Z');
  });
});

describe('parseUpdateStatus: states', () => {
  it.each([[0, ['idle']], ...STATE_BITS.map(([bit, name]) => [bit, [name]] as [number, string[]])])(
    'state %i is named %j',
    (code, names) => {
      const body = seedBody();
      body.status.state = code;
      expect(parsed(body).state).toEqual({ code, hex: `0x${code.toString(16)}`, names, unknownBits: 0 });
    },
  );

  it('keeps unknown bits honestly, never idle', () => {
    const body = seedBody();
    body.status.state = 0x80;
    expect(parsed(body).state).toEqual({ code: 0x80, hex: '0x80', names: [], unknownBits: 0x80 });
    body.status.state = 0x84;
    expect(parsed(body).state).toEqual({ code: 0x84, hex: '0x84', names: ['downloading'], unknownBits: 0x80 });
    body.status.state = 0x80000000;
    expect(parsed(body).state.unknownBits).toBe(0x80000000);
  });

  it('several bits at once', () => {
    const body = seedBody();
    body.status.state = 0x4 | 0x8;
    expect(parsed(body).state.names).toEqual(['downloading', 'verifying']);
  });

  it('state as a numeric or hex string', () => {
    const body = seedBody();
    body.status.state = '0x200';
    expect(parsed(body).state.names).toEqual(['failed']);
    body.status.state = '4';
    expect(parsed(body).state.names).toEqual(['downloading']);
  });
});

describe('parseUpdateStatus: what it refuses (PROTOCOL, never a throw)', () => {
  it.each([
    ['null', null],
    ['a string', 'hello'],
    ['an array', [seed]],
    ['no state', { result: 0, status: { version: '2.1.28' } }],
    ['state as text', { result: 0, status: { state: 'idle' } }],
    ['negative state', { result: 0, status: { state: -1 } }],
    ['fractional state', { result: 0, status: { state: 1.5 } }],
    ['state beyond 32 bits', { result: 0, status: { state: 2 ** 33 } }],
    ['state null', { result: 0, status: { state: null } }],
  ])('%s', (_label, body) => {
    const r = parseUpdateStatus(body);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('PROTOCOL');
      expect(r.error.message).toMatch(/^The hub's update status could not be read: /);
    }
  });
});
