import { describe, expect, it } from 'vitest';
import { nthAddress, startFleet } from '../index';
import { call, login } from './http-helpers';

// Fixed ports on this file's own loopback range 127.77.1.0/24 (see the team's network rules).
describe('fleets', () => {
  it('starts hubs on consecutive addresses sharing one fixed port', async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const fleet = await startFleet({ count: 5, from: '127.77.1.2', port });
    try {
      expect(fleet.hubs.map((h) => h.url)).toEqual([2, 3, 4, 5, 6].map((d) => `http://127.77.1.${d}:${port}`));
      for (const hub of fleet.hubs) expect((await login(hub)).answer.json.result).toBe(0);
    } finally {
      await fleet.stop();
    }
  });

  it('starts 500 HTTP hubs well under 5 s and stops them', async () => {
    const t0 = performance.now();
    const fleet = await startFleet({ count: 500, from: '127.77.2.1', port: 0 });
    const startMs = performance.now() - t0;
    try {
      expect(fleet.hubs).toHaveLength(500);
      expect(fleet.hubs[499]!.host).toBe('127.77.3.244');
      expect(startMs).toBeLessThan(5000);
      const a = await call(fleet.hubs[250]!, '/api/update/status');
      expect(a.json).toStrictEqual({ result: 37 });
    } finally {
      await fleet.stop();
    }
    console.log(`startFleet(500 http): ${startMs.toFixed(0)} ms`);
  });

  it('computes addresses inside 127/8 only', () => {
    expect(nthAddress('127.0.0.254', 3)).toBe('127.0.1.1');
    expect(() => nthAddress('127.255.255.250', 10)).toThrow(/127\.255\.255\.255/);
    expect(() => nthAddress('198.51.100.1', 0)).toThrow(/127\.0\.0\.0\/8/);
  });
});
