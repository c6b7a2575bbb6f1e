import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManualEntries, parseManualEntry } from '../../electron/core/discovery/manual-entries';
import { parseHubUrl } from '../../electron/core/hub/hub-url';
import { checkAddress } from '../../electron/core/inventory/import-rows';
import { parseInventoryCsv } from '../../electron/core/inventory/inventory-csv';
import { parseInventoryJson } from '../../electron/core/inventory/inventory-json';
import { redactUrlPassword } from '../../electron/shared/redact-url';
import { cli } from '../integration/cli-harness';

/** A URL with an embedded password is refused, and the password is never echoed back. */

const SECRET = 's3cr3t-Pa55';

describe('redactUrlPassword', () => {
  it('replaces the password of every spelling and leaves other addresses alone', () => {
    expect(redactUrlPassword(`http://admin:${SECRET}@127.0.0.2:8080`)).toBe('http://admin:***@127.0.0.2:8080');
    expect(redactUrlPassword(`admin:${SECRET}@hub.local`)).toBe('admin:***@hub.local');
    expect(redactUrlPassword(`https://a:b:${SECRET}@x@hub/path?q=1`)).toBe('https://a:***@hub/path?q=1');
    expect(redactUrlPassword('https://admin@hub.local')).toBe('https://admin@hub.local');
    expect(redactUrlPassword('http://hub.local:8080/a@b')).toBe('http://hub.local:8080/a@b');
    expect(redactUrlPassword('[fe80::1]:8443')).toBe('[fe80::1]:8443');
  });
});

describe('no error repeats a password typed in an address', () => {
  const urls = [
    `http://admin:${SECRET}@127.0.0.2:8080`,
    `admin:${SECRET}@127.0.0.2`,
    `https://Admin:${SECRET}@hub.local/`,
  ];

  it('hub addresses (CLI arguments), manual add and import rows', () => {
    for (const url of urls) {
      const parsed = parseHubUrl(url);
      expect(parsed.ok || parsed.error.message).toContain(':***@');
      expect(parsed.ok || parsed.error.message).not.toContain(SECRET);
      const manual = parseManualEntry(url);
      expect(manual.ok).toBe(false);
      expect(manual.ok || manual.error.message).not.toContain(SECRET);
      const address = checkAddress(url);
      expect(address.ok || address.why).not.toContain(SECRET);
    }
    // The entries of a manual add are shown back as typed, but not the password.
    const pasted = parseManualEntries(urls.join('\n'));
    expect(pasted.ok && pasted.value.map((e) => e.input)).toEqual([
      'http://admin:***@127.0.0.2:8080',
      'admin:***@127.0.0.2',
      'https://Admin:***@hub.local/',
    ]);
    expect(JSON.stringify(pasted)).not.toContain(SECRET);
    const csv = parseInventoryCsv(
      `site,address,http_port\nA,http://u:${SECRET}@10.0.0.1,80\nA,u:${SECRET}@10.0.0.2,80\n`,
    );
    expect(csv.ok && csv.value.bad).toHaveLength(2);
    expect(JSON.stringify(csv)).not.toContain(SECRET);
    const json = parseInventoryJson(
      JSON.stringify({
        schemaVersion: 1,
        sites: [{ id: 's1', name: 'A', defaultUser: '', notes: '' }],
        hubs: [
          {
            id: 'h1',
            siteId: 's1',
            name: '',
            address: `http://u:${SECRET}@10.0.0.1`,
            endpoints: [{ scheme: 'http', port: 80, pin: null }],
            notes: '',
            addedAt: '2026-01-01T00:00:00.000Z',
          },
        ],
      }),
    );
    expect(json.ok && json.value.bad).toHaveLength(1);
    expect(JSON.stringify(json)).not.toContain(SECRET);
  });

  it('the CLI, in text and in --json, for every command that takes an address', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hk-redact-'));
    try {
      const url = urls[0]!;
      const runs = [
        await cli(['status', url]),
        await cli(['status', url, '--json']),
        await cli(['history', url, '--json']),
        await cli(['cert', url]),
        await cli(['watch', url, '--data-dir', dir]),
        await cli(['timeline', url, '--data-dir', dir]),
      ];
      for (const run of runs) {
        expect(run.code).not.toBe(0);
        expect(`${run.out}${run.err}`).not.toContain(SECRET);
        expect(`${run.out}${run.err}`).toContain('admin:***@');
      }
      const file = path.join(dir, 'hubs.csv');
      await writeFile(file, `site,address,http_port\nA,http://u:${SECRET}@10.0.0.1,80\n`);
      const imported = await cli(['inventory', 'import', file, '--data-dir', dir]);
      expect(`${imported.out}${imported.err}`).not.toContain(SECRET);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
