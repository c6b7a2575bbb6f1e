import { describe, expect, it } from 'vitest';
import {
  type DeviceSortKey,
  filterDevices,
  isFiltered,
  modelsOf,
  NO_DEVICE_FILTER,
  sortDevices,
  upgradePercent,
} from '../../renderer/src/lib/device-view';
import { devicesStatus } from '../../renderer/src/lib/devices-status';
import { device, hubDevices } from './device-fixtures';

const newest = new Map([
  ['Ultra Encode HDMI', '4.1.2'],
  ['Pro Convert', '2.0.10'],
]);

const list = [
  device('A10', { name: 'Stage left', firmwareVersion: '4.0.310' }),
  device('A9', { name: 'Stage right', online: false }),
  device('B1', { name: null, model: 'Pro Convert', firmwareVersion: '2.0.9', hardwareVersion: '2.1', warnings: 3 }),
  device('B2', { name: 'Lobby', model: 'Pro Convert', firmwareVersion: '2.0.10', online: null, warnings: null }),
  device('C1', { name: 'Spare', model: null, firmwareVersion: null, hardwareVersion: null }),
];
const serials = (ds: { serial: string }[]) => ds.map((d) => d.serial);

describe('device filters', () => {
  it('matches text in serial, name, model and versions, case-insensitively', () => {
    const f = (text: string) => serials(filterDevices(list, { ...NO_DEVICE_FILTER, text }, newest));
    expect(f('stage')).toEqual(['A10', 'A9']);
    expect(f('  pro convert ')).toEqual(['B1', 'B2']);
    expect(f('4.0.310')).toEqual(['A10']);
    expect(f('b2')).toEqual(['B2']);
    expect(f('2.1')).toEqual(['B1']);
  });

  it('filters by model, offline (only when the hub said so), warnings and behind', () => {
    const f = (over: object) => serials(filterDevices(list, { ...NO_DEVICE_FILTER, ...over }, newest));
    expect(f({ model: 'Pro Convert' })).toEqual(['B1', 'B2']);
    expect(f({ offlineOnly: true })).toEqual(['A9']);
    expect(f({ warningsOnly: true })).toEqual(['B1']);
    // Behind against the site's newest per model; a device without model or version never is.
    expect(f({ behindOnly: true })).toEqual(['A10', 'B1']);
    expect(f({ behindOnly: true, model: 'Pro Convert' })).toEqual(['B1']);
    expect(isFiltered(NO_DEVICE_FILTER)).toBe(false);
    expect(isFiltered({ ...NO_DEVICE_FILTER, text: '  ' })).toBe(false);
    expect(isFiltered({ ...NO_DEVICE_FILTER, warningsOnly: true })).toBe(true);
  });

  it('lists the models present, in natural order', () => {
    expect(modelsOf(list)).toEqual(['Pro Convert', 'Ultra Encode HDMI']);
  });
});

describe('device sorting', () => {
  it('sorts by every column, both ways, with the serial breaking ties', () => {
    const by = (key: DeviceSortKey, dir: 1 | -1 = 1) => serials(sortDevices(list, key, dir));
    expect(by('serial')).toEqual(['A9', 'A10', 'B1', 'B2', 'C1']);
    expect(by('serial', -1)).toEqual(['C1', 'B2', 'B1', 'A10', 'A9']);
    // Missing names last.
    expect(by('name')).toEqual(['B2', 'C1', 'A10', 'A9', 'B1']);
    expect(by('model')).toEqual(['B1', 'B2', 'A9', 'A10', 'C1']);
    // Versions compare as versions: 2.0.9 < 2.0.10 < 4.0.310 < 4.1.2.
    expect(by('firmware')).toEqual(['B1', 'B2', 'A10', 'A9', 'C1']);
    expect(by('hardware')).toEqual(['A9', 'A10', 'B2', 'B1', 'C1']);
    expect(by('online')).toEqual(['A9', 'B2', 'A10', 'B1', 'C1']);
    expect(by('warnings')).toEqual(['B1', 'A9', 'A10', 'C1', 'B2']);
    expect(by('warnings', -1)).toEqual(['B2', 'A9', 'A10', 'C1', 'B1']);
    expect(sortDevices(list, 'serial', 1)).not.toBe(list);
  });

  it('sorts upgrades: running first (least done first), then failed, then finished, then none', () => {
    const ups = [
      device('N', { upgrade: null }),
      device('D', { upgrade: { uploading: false, uploadPosition: 100, step: 3, result: 0 } }),
      device('F', { upgrade: { uploading: false, uploadPosition: 40, step: 2, result: 5 } }),
      device('R80', { upgrade: { uploading: true, uploadPosition: 80, step: null, result: null } }),
      device('R20', { upgrade: { uploading: true, uploadPosition: 20, step: null, result: null } }),
    ];
    expect(serials(sortDevices(ups, 'upgrade', 1))).toEqual(['R20', 'R80', 'F', 'D', 'N']);
  });

  it('reads an upload position as a percentage only when it can be one', () => {
    expect(
      upgradePercent(device('x', { upgrade: { uploading: true, uploadPosition: 42, step: null, result: null } })),
    ).toBe(42);
    expect(
      upgradePercent(
        device('x', { upgrade: { uploading: true, uploadPosition: 1_048_576, step: null, result: null } }),
      ),
    ).toBeNull();
    expect(upgradePercent(device('x'))).toBeNull();
  });
});

describe('device list status', () => {
  it('never shows a last-known list as current', () => {
    const read = hubDevices('h1', [device('A')]);
    expect(devicesStatus(read, true)).toBe('current');
    expect(devicesStatus({ ...read, stale: true }, true)).toBe('stale');
    expect(devicesStatus(read, false)).toBe('not-visited');
    expect(devicesStatus(undefined, true)).toBe('never');
    expect(devicesStatus(hubDevices('h1', null), true)).toBe('never');
    const refused = { code: 'NOT_PERMITTED' as const, hubCode: 16, message: 'no device viewing' };
    expect(devicesStatus({ ...read, error: refused, stale: true }, true)).toBe('no-permission');
    expect(devicesStatus(hubDevices('h1', null), true, refused)).toBe('no-permission');
    const notVisited = { code: 'NOT_VISITED' as const, hubCode: null, message: '' };
    expect(devicesStatus(read, true, notVisited)).toBe('not-visited');
    const down = { code: 'UNREACHABLE' as const, hubCode: null, message: '' };
    expect(devicesStatus({ ...read, error: down, stale: true }, true)).toBe('failed');
  });
});
