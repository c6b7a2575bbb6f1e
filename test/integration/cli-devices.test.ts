import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../electron/cli/exit-codes';
import { PERMISSION, startHub, UPGRADE_FAILED_CODE, type SimulatedHub } from '../simulator';
import { cli } from './cli-harness';
import { makeInventory } from './cli-data-fixtures';

// `hubkeeper devices`, in-process against simulated hubs on this file's own addresses (127.0.214.x).
let plain: SimulatedHub;
let big: SimulatedHub;
let tls: SimulatedHub;
let dataDir: string;

beforeAll(async () => {
  [plain, big, tls] = await Promise.all([
    startHub({
      host: '127.0.214.2',
      port: 0,
      devices: 8,
      users: [
        { name: 'Admin', password: 'Admin', type: 1, permission: 0xffffffff },
        { name: 'viewer', password: 'look', type: 4, permission: PERMISSION.VIEW_SYSTEM_CONFIG },
      ],
    }),
    startHub({
      host: '127.0.214.3',
      port: 0,
      devices: 130,
      variant: { deviceListWithoutTotal: true, devicePageSize: 9 },
    }),
    startHub({ host: '127.0.214.4', port: 0, https: true, devices: 3 }),
  ]);
  dataDir = mkdtempSync(path.join(tmpdir(), 'hk-cli-devices-'));
}, 30_000);

afterAll(async () => {
  await Promise.all([plain?.stop(), big?.stop(), tls?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

interface DevicesDoc {
  hub: string;
  asOf: string | null;
  devices: Array<Record<string, unknown>> | null;
  error?: { code: string; message: string };
}

describe('hubkeeper devices', () => {
  it('prints the documented JSON shape, every device once, upgrades included', async () => {
    plain.upgradeDevices({ devices: [0], durationMs: 60_000, outcome: 'done' });
    plain.upgradeDevices({ devices: [1], durationMs: 1, outcome: 'failed' });
    const run = await cli(['devices', plain.url, '--json']);
    expect(run.code, run.err).toBe(EXIT.OK);
    const doc = run.json<DevicesDoc>();
    expect(Object.keys(doc)).toEqual(['hub', 'asOf', 'devices']);
    expect(doc.hub).toBe(plain.url);
    expect(Date.parse(doc.asOf!)).not.toBeNaN();
    expect(doc.devices).toHaveLength(8);
    for (const d of doc.devices!)
      expect(Object.keys(d)).toEqual([
        'serial',
        'name',
        'model',
        'firmwareVersion',
        'hardwareVersion',
        'online',
        'warnings',
        'upgrade',
      ]);
    const upgrades = doc.devices!.map((d) => d.upgrade).filter((u) => u !== null);
    expect(upgrades).toEqual(
      expect.arrayContaining([
        { step: null, result: null, uploadPosition: expect.any(Number) },
        { step: 3, result: UPGRADE_FAILED_CODE, uploadPosition: 100 },
      ]),
    );
    expect(doc.devices!.some((d) => d.online === false)).toBe(true);
  });

  it('prints a table and the firmware per model for people', async () => {
    const run = await cli(['devices', plain.url]);
    expect(run.code, run.err).toBe(EXIT.OK);
    expect(run.out).toContain(`${plain.url}: 8 devices, as of `);
    expect(run.out).toMatch(/SERIAL +NAME +MODEL +FIRMWARE +HARDWARE +ONLINE +WARNINGS +UPGRADE/);
    expect(run.out).toContain('uploading ');
    expect(run.out).toContain(`failed (code ${UPGRADE_FAILED_CODE})`);
    expect(run.out).toContain('Ultra Encode HDMI: 1.1.945 ×2');
  });

  it('reads a hub of more than 100 devices without `total`, in short pages', async () => {
    const run = await cli(['devices', big.url, '--json']);
    expect(run.code, run.err).toBe(EXIT.OK);
    expect(run.json<DevicesDoc>().devices).toHaveLength(130);
    const pages = big.requests.filter((r) => r.path === '/api/device/list');
    expect(pages.map((r) => Number(r.query.start)).slice(0, 3)).toEqual([0, 9, 18]);
    expect(Number(pages.at(-1)!.query.start)).toBe(130);
  });

  it('an account without device viewing: "cannot list devices", exit code as status uses', async () => {
    const run = await cli(['devices', plain.url, '--user', 'viewer'], { env: { HUBKEEPER_PASSWORD: 'look' } });
    expect(run.code).toBe(EXIT.AUTH);
    expect(run.err).toContain('error NOT_PERMITTED');
    expect(run.err).toContain('cannot list devices');
    const json = await cli(['devices', plain.url, '--user', 'viewer', '--json'], {
      env: { HUBKEEPER_PASSWORD: 'look' },
    });
    expect(json.json<DevicesDoc>()).toMatchObject({
      hub: plain.url,
      asOf: null,
      devices: null,
      error: { code: 'NOT_PERMITTED' },
    });
  });

  it('the same login options and exit codes as status: wrong password, no password, pin', async () => {
    expect((await cli(['devices', plain.url], { env: { HUBKEEPER_PASSWORD: 'nope' } })).code).toBe(EXIT.AUTH);
    expect((await cli(['devices', plain.url], { env: {} })).code).toBe(EXIT.USAGE);
    expect((await cli(['devices', tls.url])).code).toBe(EXIT.TLS);
    const pinned = await cli(['devices', tls.url, '--pin', tls.certFingerprint!, '--json']);
    expect(pinned.code, pinned.err).toBe(EXIT.OK);
    expect(pinned.json<DevicesDoc>().devices).toHaveLength(3);
    const piped = await cli(['devices', plain.url, '--password-stdin', '--json'], { stdin: 'Admin\n', env: {} });
    expect(piped.code, piped.err).toBe(EXIT.OK);
  });

  it('finds a hub by inventory id, or by name within --site', async () => {
    const [hub] = await makeInventory(dataDir, { name: 'Harbour Studio' }, [
      { host: '127.0.214.2', port: plain.port, name: 'Rack 1' },
    ]);
    const byId = await cli(['devices', hub!.id, '--data-dir', dataDir, '--json']);
    expect(byId.code, byId.err).toBe(EXIT.OK);
    expect(byId.json<DevicesDoc>().devices).toHaveLength(8);
    const byName = await cli(['devices', 'rack 1', '--site', 'harbour studio', '--data-dir', dataDir]);
    expect(byName.code, byName.err).toBe(EXIT.OK);
    expect(byName.out).toContain('8 devices');
    const missing = await cli(['devices', 'Rack 9', '--site', 'Harbour Studio', '--data-dir', dataDir]);
    expect(missing.code).not.toBe(EXIT.OK);
    expect(missing.err).toContain('has no hub "Rack 9"');
  });
});
