import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type SimulatedHub } from '../simulator';
import { cli } from './cli-harness';

/**
 * The `--json` output is a stable interface for scripts. These templates are copied from
 * issue 2 ("exactly these keys"); the test compares the structure of real output with them:
 * the same keys at every level, no more, no fewer.
 */
const STATUS_TEMPLATE = JSON.parse(
  `{"hub": "<url>", "ok": true, "status": {"state": {"code": 4, "hex": "0x4", "names": ["downloading"], "unknownBits": 0}, "progress": 37, "version": "2.1.27", "osName": "…", "updateEnabled": true, "versionStatus": "pre-release-available", "online": {"checkedAt": "<ISO-8601>", "checkResult": 0, "updateResult": 0, "isNewest": false, "newest": {"version": "2.1.28", "digest": "…", "preRelease": true, "releasedAt": "<ISO-8601>"}, "checkEnabled": true, "includePreRelease": true}, "history": {"start": 1, "total": 50, "entries": [{"version": "…", "digest": "…", "preRelease": true, "releasedAt": "<ISO-8601>"}]}}, "error": null}`,
);
const FAILURE_TEMPLATE = {
  hub: '<url>',
  ok: false,
  status: null,
  error: { code: 'AUTH_FAILED', hubCode: 39, message: '…' },
};
const HISTORY_TEMPLATE = {
  hub: '<url>',
  ok: true,
  history: {
    start: 0,
    total: 50,
    entries: [{ version: '…', digest: '…', preRelease: true, releasedAt: '<ISO-8601>' }],
  },
  error: null,
};
const HISTORY_FAILURE_TEMPLATE = {
  hub: '<url>',
  ok: false,
  history: null,
  error: { code: 'AUTH_FAILED', hubCode: 39, message: '…' },
};

/**
 * Structure of a JSON value: objects → sorted keys with the shape of each value; arrays → the
 * shape of their first element (expectShape checks every element).
 */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? [shape(value[0])] : [];
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, shape((value as Record<string, unknown>)[k])]),
    );
  }
  return value === null ? 'null' : typeof value;
}

/** Same structure, where the actual value may be null in place of an absent object or value. */
function expectShape(actual: unknown, template: unknown, path = '$'): void {
  if (actual === null) return;
  if (Array.isArray(template)) {
    expect(Array.isArray(actual), path).toBe(true);
    for (const [i, item] of (actual as unknown[]).entries()) expectShape(item, template[0], `${path}[${i}]`);
    return;
  }
  if (template !== null && typeof template === 'object') {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(template).sort());
    for (const key of Object.keys(template))
      expectShape(
        (actual as Record<string, unknown>)[key],
        (template as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
    return;
  }
  if (template !== null) expect(typeof actual, path).toBe(typeof template);
}

let hub: SimulatedHub;
beforeAll(async () => {
  hub = await startHub({ host: '127.0.54.1', port: 0, scenario: 'downloading' });
});
afterAll(async () => {
  await hub.stop();
});

describe('--json values for the seed hub (golden)', () => {
  it('status of a default hub is the seed example, key for key and value for value', async () => {
    const seedHub = await startHub({ host: '127.0.54.1', port: 0 });
    try {
      const run = await cli(['status', seedHub.url, '--json']);
      expect(run.code).toBe(0);
      const entry = (version: string, digest: string, releasedAt: string) => ({
        version,
        digest,
        preRelease: true,
        releasedAt,
      });
      expect(run.json()).toStrictEqual({
        hub: seedHub.url,
        ok: true,
        status: {
          state: { code: 0, hex: '0x0', names: ['idle'], unknownBits: 0 },
          progress: 0,
          version: '2.1.28',
          osName: 'Debian GNU/Linux 11 (bullseye)',
          updateEnabled: true,
          versionStatus: 'up-to-date',
          online: {
            checkedAt: '2023-09-11T02:54:31.000Z',
            checkResult: 0,
            updateResult: 0,
            isNewest: true,
            newest: entry(
              '2.1.28',
              'a487eef9d3e5a81ef9ff8deb143e61a086bc01196d1dce8ff1a1424aff9e44b3',
              '2023-09-05T03:36:25.000Z',
            ),
            checkEnabled: true,
            includePreRelease: true,
          },
          history: {
            start: 1,
            total: 50,
            entries: [
              entry(
                '2.1.27',
                '7cd2737135b7e826d44fa9ceae65c72bd84520b0899bafe7f912cd6bda5385e5',
                '2023-09-04T00:54:27.000Z',
              ),
              entry(
                '2.1.26',
                '550c2abaa1453ddb912ebc6d7b5233a046006b6c1c546115507e2084c8258bca',
                '2023-08-30T07:52:06.000Z',
              ),
              entry(
                '2.1.25',
                '53ecb3892f3090591012dfb1387dcf0562ebe5f41589a8a75151da556e56dc40',
                '2023-08-30T05:39:00.000Z',
              ),
            ],
          },
        },
        error: null,
      });
      // The history document carries the same page.
      const history = await cli(['history', seedHub.url, '--json']);
      expect(history.json()).toStrictEqual({
        hub: seedHub.url,
        ok: true,
        history: (run.json() as { status: { history: unknown } }).status.history,
        error: null,
      });
    } finally {
      await seedHub.stop();
    }
  });
});

describe('--json shapes are exactly the documented ones', () => {
  it('status, downloading: every key present, nothing absent invented', async () => {
    const run = await cli(['status', hub.url, '--json']);
    expect(run.code).toBe(0);
    const doc = run.json();
    expect(shape(doc)).toEqual(shape(STATUS_TEMPLATE));
    expectShape(doc, STATUS_TEMPLATE);
    const status = doc.status as { state: { names: string[] }; online: { checkedAt: string } };
    expect(status.state.names).toEqual(['downloading']);
    expect(new Date(status.online.checkedAt).toISOString()).toBe(status.online.checkedAt);
  });

  it('status with absent information: the same keys, null values', async () => {
    hub.setVariant({ missingOnlineStatus: true });
    try {
      const doc = (await cli(['status', hub.url, '--json'])).json<{ status: Record<string, unknown> }>();
      expectShape(doc, STATUS_TEMPLATE);
      expect(Object.keys(doc.status).sort()).toEqual(Object.keys(STATUS_TEMPLATE.status).sort());
      expect([doc.status.online, doc.status.history]).toEqual([null, null]);
    } finally {
      hub.resetVariant();
    }
  });

  it('status failure', async () => {
    const run = await cli(['status', hub.url, '--json'], { env: { HUBKEEPER_PASSWORD: 'wrong' } });
    expect(run.code).not.toBe(0);
    expect(shape(run.json())).toEqual(shape(FAILURE_TEMPLATE));
    expect(run.json()).toMatchObject({ ok: false, status: null, error: { code: 'AUTH_FAILED', hubCode: 39 } });
  });

  it('history --all and history failure', async () => {
    const all = await cli(['history', hub.url, '--all', '--json']);
    expect(all.code).toBe(0);
    expect(shape(all.json())).toEqual(shape(HISTORY_TEMPLATE));
    expectShape(all.json(), HISTORY_TEMPLATE);
    expect(all.json<{ history: { entries: unknown[] } }>().history.entries).toHaveLength(50);
    const bad = await cli(['history', hub.url, '--json'], { env: { HUBKEEPER_PASSWORD: 'wrong' } });
    expect(bad.code).not.toBe(0);
    expect(shape(bad.json())).toEqual(shape(HISTORY_FAILURE_TEMPLATE));
  });
});
