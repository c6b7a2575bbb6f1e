import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type SimulatedHub } from '../index';
import { call, getAsAdmin } from './http-helpers';

// The seed example, copied into the repository: nothing reads ../shared at test time.
const seed = JSON.parse(
  readFileSync(new URL('../../fixtures/update-status.seed.json', import.meta.url), 'utf8'),
) as unknown;

describe('default answer of GET /api/update/status', () => {
  let hub: SimulatedHub;
  beforeAll(async () => {
    hub = await startHub({ host: '127.0.0.2', port: 0 });
  });
  afterAll(() => hub.stop());

  it('equals the seed example field for field', async () => {
    const a = await getAsAdmin(hub, '/api/update/status');
    expect(a.status).toBe(200);
    expect(a.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(a.json).toStrictEqual(seed);
    // Same key order as the seed too, so the raw text reads like the documented example.
    expect(a.text).toBe(JSON.stringify(seed));
  });

  it('reports the seed version and state through the in-process API', () => {
    expect(hub.version).toBe('2.1.28');
    expect(hub.stateCode).toBe(0);
    expect(hub.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);
    expect(hub.certFingerprint).toBeNull();
  });

  it('answers a request without cookies with the not-logged-in code', async () => {
    const a = await call(hub, '/api/update/status');
    expect(a.status).toBe(200);
    expect(a.json).toStrictEqual({ result: 37 });
  });
});
