import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { collectReportInput } from '../../electron/core/report/collect';
import { HubStore } from '../../electron/core/store/hub-store';
import { hubPaths } from '../../electron/core/store/paths';
import { describe, expect, it } from 'vitest';
import { buildReport, renderReport, type ReportInput } from '../../electron/core/report';
import { REPORT_CSV_COLUMNS, REPORT_DEVICE_CSV_COLUMNS } from '../../electron/core/report/render-csv';
import type { ManagedDevice } from '../../electron/shared/devices';
import { live } from './tracking-fixtures';

const iso = (h: number) => new Date(Date.UTC(2024, 0, 2, h)).toISOString();

const device = (serial: string, model: string, fw: string, more: Partial<ManagedDevice> = {}): ManagedDevice => ({
  serial,
  name: `Encoder ${serial}`,
  model,
  firmwareVersion: fw,
  hardwareVersion: 'A',
  online: true,
  warnings: 0,
  appliedAt: null,
  upgrade: null,
  ...more,
});

function input(): ReportInput {
  const hub = (hubId: string, name: string, devices: ManagedDevice[] | null) => ({
    hubId,
    name,
    address: `http://127.0.0.${hubId.length + 1}`,
    live: live(hubId, { version: '2.1.28', lastSuccessAt: iso(11) }),
    events: [],
    published: null,
    devices: devices && { asOf: iso(10), devices, truncated: false },
  });
  return {
    site: 'Harbour',
    technician: 'Li Wei',
    from: iso(8),
    to: iso(12),
    generatedAt: iso(12),
    hubs: [
      hub('h1', 'Rack A', [
        device('A1', 'Ultra Encode HDMI', '4.1.2'),
        device('A2', 'Ultra Encode HDMI', '4.0.310', { online: false }),
        device('A3', 'Pro Convert', '1.2.300', { warnings: 2, name: '<img src=x onerror=alert(1)>' }),
      ]),
      // Newer firmware for the same model on another hub of the site: A1 is behind too.
      hub('h2', 'Rack B', [
        device('B1', 'Ultra Encode HDMI', '4.2.0', {
          upgrade: { uploading: true, uploadPosition: 40, step: null, result: null },
        }),
      ]),
      hub('h3', 'Rack C (never read)', null),
    ],
  };
}

describe('report: devices section per hub', () => {
  it('summarises firmware per model across the site, and behind/offline/warnings per hub', () => {
    const report = buildReport(input());
    expect(report.deviceModels).toEqual([
      { model: 'Pro Convert', versions: [{ version: '1.2.300', count: 1 }], newest: '1.2.300', devices: 1, behind: 0 },
      {
        model: 'Ultra Encode HDMI',
        versions: [
          { version: '4.2.0', count: 1 },
          { version: '4.1.2', count: 1 },
          { version: '4.0.310', count: 1 },
        ],
        newest: '4.2.0',
        devices: 3,
        behind: 2,
      },
    ]);
    expect(report.devices.map((d) => d.hubId)).toEqual(['h1', 'h2']);
    const a = report.devices[0]!;
    expect(a.counts).toEqual({ total: 3, behind: 2, offline: 1, withWarnings: 1, upgrading: 0 });
    expect(a.models.find((m) => m.model === 'Ultra Encode HDMI')).toMatchObject({ newest: '4.2.0', behind: 2 });
    expect(a.devices.map((d) => d.behind)).toEqual([true, true, false]);
    expect(report.devices[1]!.counts.upgrading).toBe(1);
  });

  it('CSV: a second table of devices after one empty line; none when no list is known', () => {
    const csv = renderReport(buildReport(input()), 'csv');
    const [hubsPart, devicesPart] = csv.split('\r\n\r\n');
    expect(parse(hubsPart!, { columns: true })).toHaveLength(3);
    const devices = parse(devicesPart!, { columns: true }) as Record<string, string>[];
    expect(Object.keys(devices[0]!)).toEqual([...REPORT_DEVICE_CSV_COLUMNS]);
    expect(devices).toHaveLength(4);
    expect(devices[0]).toMatchObject({ hub_name: 'Rack A', serial: 'A1', behind: 'true', online: 'true' });
    expect(devices[3]).toMatchObject({ serial: 'B1', upload_position: '40', upgrade_step: '', upgrade_result: '' });
    const none = input();
    none.hubs.forEach((h) => (h.devices = null));
    const plain = renderReport(buildReport(none), 'csv');
    expect(plain.split('\r\n')[0]).toBe(REPORT_CSV_COLUMNS.join(','));
    expect(plain).not.toContain('serial');
  });

  it('JSON carries the sections; HTML prints them with hub text escaped', () => {
    const doc = JSON.parse(renderReport(buildReport(input()), 'json'));
    expect(doc.devices[0]).toMatchObject({ hubId: 'h1', asOf: iso(10), counts: { behind: 2 } });
    expect(doc.deviceModels).toHaveLength(2);
    const html = renderReport(buildReport(input()), 'html');
    expect(html).toContain('<h2>Managed devices</h2>');
    expect(html).toContain('Ultra Encode HDMI</strong>: 4.2.0 ×1, 4.1.2 ×1, 4.0.310 ×1');
    expect(html).toContain('older than the newest version seen for the same model here');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).toContain('uploading 40%');
    expect(html).not.toContain('Rack C (never read)</span></h3>');
  });
});

describe('report: devices section in the report language', () => {
  it('a Chinese report has its device heading, labels, counts and marks in Chinese, times local', () => {
    const truncated = input();
    truncated.hubs[0]!.devices!.truncated = true;
    const html = renderReport(buildReport(truncated), 'html', { language: 'zh-CN', timeZone: 'Asia/Shanghai' });
    expect(html).toContain('<h2>受管设备</h2>');
    expect(html).toContain('<th>序列号</th><th>名称</th><th>型号</th><th>固件</th>');
    expect(html).toContain(
      'Ultra Encode HDMI</strong>: 4.2.0 ×1, 4.1.2 ×1, 4.0.310 ×1 <span class="behind">（2 台落后）</span>',
    );
    expect(html).toContain('<span class="behind">4.1.2（落后）</span>');
    // 10:00 UTC is 18:00 in Shanghai, as in the rest of the report.
    expect(html).toContain('列表读取于 2024-01-02 18:00:00：3 台设备，2 台落后，1 台离线，1 台有警告。');
    expect(html).toContain('列表在此截断');
    expect(html).toContain('上传中 40%');
    expect(html).toContain('<td>否</td>');
    // Hub-supplied text stays as it is and escaped; none of the section's English words is left.
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const words = html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]*>/g, ' ');
    expect(words).not.toMatch(
      /Managed devices|Firmware in use|Serial|Hardware|Warnings|Upgrade|List as read|behind|devices|offline|uploading|\byes\b|\bno\b/i,
    );
  });

  it('an English report keeps its words (the same table, the other language)', () => {
    const html = renderReport(buildReport(input()), 'html', { language: 'en', timeZone: 'UTC' });
    expect(html).toContain('List as read 2024-01-02 10:00:00: 3 devices, 2 behind, 1 offline, 1 with warnings.');
    expect(html).toContain('<th>Serial</th><th>Name</th><th>Model</th>');
    expect(html).toContain('<span class="behind">(2 behind)</span>');
    expect(html).not.toMatch(/受管设备|序列号/);
  });
});

describe('report: devices section in the report language', () => {
  it('a Chinese report has its device heading, labels, counts and marks in Chinese, times local', () => {
    const truncated = input();
    truncated.hubs[0]!.devices!.truncated = true;
    const html = renderReport(buildReport(truncated), 'html', { language: 'zh-CN', timeZone: 'Asia/Shanghai' });
    expect(html).toContain('<h2>受管设备</h2>');
    expect(html).toContain('<th>序列号</th><th>名称</th><th>型号</th><th>固件</th>');
    expect(html).toContain(
      'Ultra Encode HDMI</strong>: 4.2.0 ×1, 4.1.2 ×1, 4.0.310 ×1 <span class="behind">（2 台落后）</span>',
    );
    expect(html).toContain('<span class="behind">4.1.2（落后）</span>');
    // 10:00 UTC is 18:00 in Shanghai, as in the rest of the report.
    expect(html).toContain('列表读取于 2024-01-02 18:00:00：3 台设备，2 台落后，1 台离线，1 台有警告。');
    expect(html).toContain('列表在此截断');
    expect(html).toContain('上传中 40%');
    expect(html).toContain('<td>否</td>');
    // Hub-supplied text stays as it is and escaped; none of the section's English words is left.
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const words = html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]*>/g, ' ');
    expect(words).not.toMatch(
      /Managed devices|Firmware in use|Serial|Hardware|Warnings|Upgrade|List as read|behind|devices|offline|uploading|\byes\b|\bno\b/i,
    );
  });

  it('an English report keeps its words (the same table, the other language)', () => {
    const html = renderReport(buildReport(input()), 'html', { language: 'en', timeZone: 'UTC' });
    expect(html).toContain('List as read 2024-01-02 10:00:00: 3 devices, 2 behind, 1 offline, 1 with warnings.');
    expect(html).toContain('<th>Serial</th><th>Name</th><th>Model</th>');
    expect(html).toContain('<span class="behind">(2 behind)</span>');
    expect(html).not.toMatch(/受管设备|序列号/);
  });
});

describe('report input: the device lists come from the offline store', () => {
  it("reads each hub's stored list; a damaged one is left out with a warning-free null", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hk-report-devices-'));
    try {
      const opened = await HubStore.open(dir);
      if (!opened.ok) throw new Error(opened.error.message);
      const store = opened.value;
      const list = { asOf: iso(10), devices: [device('A1', 'Ultra Encode HDMI', '4.1.2')], truncated: false };
      await store.writeDevices('h1', list);
      await store.writeDevices('h2', list);
      await writeFile(hubPaths(dir, 'h2').devices, '{"schema":1,');
      const header = { site: 'S', technician: 'T', from: iso(8), to: iso(12), generatedAt: iso(12) };
      const refs = ['h1', 'h2', 'h3'].map((hubId) => ({ hubId, name: hubId, address: 'http://127.0.0.2' }));
      const collected = await collectReportInput(store, refs, header);
      if (!collected.ok) throw new Error(collected.error.message);
      expect(collected.value.hubs.map((h) => h.devices)).toEqual([list, null, null]);
      expect(buildReport(collected.value).devices.map((d) => d.hubId)).toEqual(['h1']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
