import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyUpgrades, UPGRADE_FAILED_CODE, type RunningUpgrade } from '../device-upgrades';
import { startHub, type SimulatedHub } from '../index';
import { getAsAdmin } from './http-helpers';

const base = [
  { sn: 'A', 'firmware-ver': '1.1.945' },
  { sn: 'B', 'firmware-ver': '1.2.300' },
  { sn: 'C', 'firmware-ver': '2.0' },
];

describe('device upgrades (scripted timeline)', () => {
  const at = (share: number, outcome: 'done' | 'failed' = 'done'): Record<string, unknown> => {
    const upgrade: RunningUpgrade = { devices: [0], durationMs: 1000, outcome, startedAt: 0 };
    return applyUpgrades(base, [upgrade], share * 1000)[0]!;
  };

  it('uploads (position rising), then runs steps without an outcome, then ends done or failed', () => {
    expect(at(0)).toMatchObject({ 'is-upload-file': 1, 'upload-file-pos': 0 });
    expect(at(0.3)).toMatchObject({ 'is-upload-file': 1, 'upload-file-pos': 50 });
    expect(at(0.7)).toMatchObject({ 'is-upload-file': 0, status: { 'upgrade-step': 1 } });
    expect(at(0.7).status).not.toHaveProperty('upgrade-ret');
    expect(at(0.99)).toMatchObject({ status: { 'upgrade-step': 3 } });
    expect(at(1)).toMatchObject({ 'firmware-ver': '1.1.946', status: { 'upgrade-step': 4, 'upgrade-ret': 0 } });
    expect(at(1, 'failed')).toMatchObject({
      'firmware-ver': '1.1.945',
      status: { 'upgrade-ret': UPGRADE_FAILED_CODE },
    });
    // The other devices and the input are left as they were.
    expect(applyUpgrades(base, [{ devices: [0], durationMs: 1, outcome: 'done', startedAt: 0 }], 5)[1]).toBe(base[1]);
    expect(base[0]).toEqual({ sn: 'A', 'firmware-ver': '1.1.945' });
  });
});

describe('GET /api/device/list variants', () => {
  let hub: SimulatedHub;
  beforeAll(async () => {
    hub = await startHub({ host: '127.0.215.2', port: 0, devices: 130 });
  });
  afterAll(async () => {
    await hub.stop();
  });

  it('more than 100 devices, short pages, no total, and an upgrade in progress', async () => {
    const page = async (start: number, count: number) =>
      (await getAsAdmin(hub, `/api/device/list?start=${start}&count=${count}`)).json as {
        list: Record<string, unknown>[];
        total?: number;
      };
    expect((await page(100, 100)).list).toHaveLength(30);
    hub.setVariant({ devicePageSize: 7, deviceListWithoutTotal: true });
    const short = await page(0, 100);
    expect(short.list).toHaveLength(7);
    expect(short).not.toHaveProperty('total');
    expect((await page(130, 100)).list).toEqual([]);
    hub.upgradeDevices({ devices: [2], durationMs: 60_000, outcome: 'done' });
    expect((await page(0, 5)).list[2]).toMatchObject({ 'is-upload-file': 1 });
    expect(() => hub.upgradeDevices({ devices: [-1], durationMs: 1, outcome: 'done' })).toThrow(TypeError);
  });
});
