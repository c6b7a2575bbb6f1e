import { describe, expect, it } from 'vitest';
import { parseDeviceList, type DeviceListPage } from '../../electron/core/hub/parse-device-list';
import { readAllDevices, type FetchDevicePage } from '../../electron/core/devices/read-all-devices';
import { isUpgrading } from '../../electron/shared/device-firmware';
import type { ManagedDevice } from '../../electron/shared/devices';
import { fail, ok } from '../../electron/shared/errors';

const full = {
  sn: 'A302000020001',
  name: 'Stage left',
  'module-name': 'Ultra Encode HDMI',
  'firmware-ver': '1.1.945',
  'hardware-ver': 'A',
  'online-date': 1_694_400_000_000,
  'dev-warns': 2,
  'apply-date': 1_690_000_000_000,
  'is-upload-file': 1,
  'upload-file-pos': 42,
  status: { 'upgrade-step': 1, 'work-state': 3 },
  'remote-ip': '127.0.0.9',
  id: 10_000,
};

describe('parseDeviceList (GET /api/device/list)', () => {
  it('keeps the documented fields, ignores unknown ones and reads the upgrade progress', () => {
    const page = parseDeviceList({ result: 0, list: [full], total: 1, extra: true });
    expect(page).toEqual({
      ok: true,
      value: {
        entries: 1,
        withoutSerial: 0,
        total: 1,
        devices: [
          {
            serial: 'A302000020001',
            name: 'Stage left',
            model: 'Ultra Encode HDMI',
            firmwareVersion: '1.1.945',
            hardwareVersion: 'A',
            online: true,
            warnings: 2,
            appliedAt: new Date(1_690_000_000_000).toISOString(),
            upgrade: { uploading: true, uploadPosition: 42, step: 1, result: null },
          },
        ],
      },
    });
    const device = (page as { value: DeviceListPage }).value.devices[0]!;
    expect(isUpgrading(device)).toBe(true);
  });

  it('leaves missing optional fields null, never invented, and takes numbers as strings', () => {
    const page = parseDeviceList({
      list: [{ sn: 'X1' }, { sn: 'X2', 'online-date': '0', 'dev-warns': '0', 'apply-date': 0 }],
    });
    expect(page.ok && page.value.devices).toEqual([
      {
        serial: 'X1',
        name: null,
        model: null,
        firmwareVersion: null,
        hardwareVersion: null,
        online: null,
        warnings: null,
        appliedAt: null,
        upgrade: null,
      },
      expect.objectContaining({ serial: 'X2', online: false, warnings: 0, appliedAt: null, upgrade: null }),
    ]);
    expect(page.ok && page.value.total).toBeNull();
  });

  it('a field of the wrong type is absent, a device without a serial is left out and counted', () => {
    const page = parseDeviceList({
      list: [{ sn: 'Y1', name: { nested: 1 }, 'dev-warns': 'many', status: 'busy' }, { name: 'no serial' }, 7, null],
      total: -3,
    });
    expect(page.ok && page.value).toMatchObject({
      entries: 4,
      withoutSerial: 3,
      total: null,
      devices: [{ serial: 'Y1', name: null, warnings: null, upgrade: null }],
    });
  });

  it('an outcome ends the upgrade: a finished device is not upgrading', () => {
    const page = parseDeviceList({
      list: [
        { sn: 'Z1', 'is-upload-file': 0, 'upload-file-pos': 100, status: { 'upgrade-step': 4, 'upgrade-ret': 0 } },
      ],
    });
    const device = page.ok ? page.value.devices[0]! : null;
    expect(device?.upgrade).toEqual({ uploading: false, uploadPosition: 100, step: 4, result: 0 });
    expect(isUpgrading(device!)).toBe(false);
  });

  it('fails as PROTOCOL without a list, and names a field over its cap without keeping anything', () => {
    expect(parseDeviceList({ result: 0 })).toMatchObject({ ok: false, error: { code: 'PROTOCOL' } });
    expect(parseDeviceList('nope')).toMatchObject({ ok: false, error: { code: 'PROTOCOL' } });
    const long = parseDeviceList({ list: [{ sn: 'S', name: 'n'.repeat(10_000) }] });
    expect(long).toMatchObject({ ok: false, error: { code: 'PROTOCOL' } });
    if (!long.ok) {
      expect(long.error.message).toContain('list[0].name');
      expect(long.error.message).not.toContain('nnnn');
    }
    expect(parseDeviceList({ list: [{ sn: 'S'.repeat(500) }] })).toMatchObject({ ok: false });
  });

  it('tolerates a `data` wrapper', () => {
    const page = parseDeviceList({ result: 0, data: { list: [{ sn: 'W1' }], total: 1 } });
    expect(page.ok && page.value.devices.map((d) => d.serial)).toEqual(['W1']);
  });
});

// ── paging ──

const dev = (i: number): ManagedDevice => ({
  serial: `SN${String(i).padStart(6, '0')}`,
  name: null,
  model: null,
  firmwareVersion: null,
  hardwareVersion: null,
  online: null,
  warnings: null,
  appliedAt: null,
  upgrade: null,
});

/** A hub of `count` devices: pages capped at `pageMax`, `total` sent or not; records each request. */
function fakeHub(count: number, opts: { pageMax?: number; withTotal?: boolean; ignoreStart?: boolean } = {}) {
  const asked: { start: number; count: number }[] = [];
  const fetch: FetchDevicePage = async (start, want) => {
    asked.push({ start, count: want });
    const from = opts.ignoreStart ? 0 : start;
    const take = Math.min(want, opts.pageMax ?? want);
    const devices = Array.from({ length: Math.max(0, Math.min(take, count - from)) }, (_, i) => dev(from + i));
    return ok({ devices, entries: devices.length, withoutSerial: 0, total: opts.withTotal ? count : null });
  };
  return { asked, fetch };
}

describe('readAllDevices (paging)', () => {
  it('without `total`, pages by what each page held until an empty page', async () => {
    const hub = fakeHub(23, { pageMax: 5 });
    const all = await readAllDevices(hub.fetch, { pageRequest: 10 });
    expect(all.ok && all.value.devices.map((d) => d.serial)).toEqual(
      Array.from({ length: 23 }, (_, i) => dev(i).serial),
    );
    expect(all.ok && all.value.truncated).toBe(false);
    // Short pages of 5 although 10 were asked: the offset moves by 5, never by an assumed size.
    expect(hub.asked.map((a) => a.start)).toEqual([0, 5, 10, 15, 20, 23]);
  });

  it('with `total`, stops at it without asking for an empty page', async () => {
    const hub = fakeHub(23, { pageMax: 5, withTotal: true });
    const all = await readAllDevices(hub.fetch, { pageRequest: 10 });
    expect(all.ok && all.value.devices).toHaveLength(23);
    expect(hub.asked.map((a) => a.start)).toEqual([0, 5, 10, 15, 20]);
  });

  it('an empty hub is one request and an empty list', async () => {
    const hub = fakeHub(0);
    expect(await readAllDevices(hub.fetch)).toMatchObject({ ok: true, value: { devices: [], truncated: false } });
    expect(hub.asked).toHaveLength(1);
  });

  it('stops at the bound with `truncated` when the hub has more (with or without `total`)', async () => {
    for (const withTotal of [true, false]) {
      const hub = fakeHub(50, { withTotal });
      const all = await readAllDevices(hub.fetch, { maxDevices: 20, pageRequest: 8 });
      expect(all.ok && all.value.devices).toHaveLength(20);
      expect(all.ok && all.value.truncated).toBe(true);
      expect(all.ok && all.value.truncatedBecause).toContain('more than 20 devices');
      expect(hub.asked.every((a) => a.start + a.count <= 21)).toBe(true);
    }
  });

  it('exactly the bound is not truncated', async () => {
    const hub = fakeHub(20);
    const all = await readAllDevices(hub.fetch, { maxDevices: 20, pageRequest: 8 });
    expect(all.ok && all.value).toMatchObject({ truncated: false });
    expect(all.ok && all.value.devices).toHaveLength(20);
  });

  it('bounds the number of requests, and stops when a hub ignores `start`', async () => {
    const trickle = fakeHub(100, { pageMax: 1 });
    const cut = await readAllDevices(trickle.fetch, { maxPages: 10 });
    expect(cut.ok && cut.value).toMatchObject({ truncated: true, pages: 10 });
    expect(trickle.asked).toHaveLength(10);
    const stuck = fakeHub(100, { pageMax: 10, ignoreStart: true });
    const once = await readAllDevices(stuck.fetch);
    expect(once.ok && once.value.devices).toHaveLength(10);
    expect(stuck.asked).toHaveLength(2);
  });

  it('a failed page fails the read: a partial list is never the list', async () => {
    let calls = 0;
    const flaky: FetchDevicePage = async (start) => {
      calls++;
      return calls === 2
        ? fail('TIMEOUT', 'slow')
        : ok({ devices: [dev(start)], entries: 1, withoutSerial: 0, total: null });
    };
    expect(await readAllDevices(flaky)).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
  });
});
