import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from './cli-harness';

// `hubkeeper inventory …` on a temporary data folder (no network at all).
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hubkeeper-inventory-cli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CSV = [
  'site,default_user,name,address,http_port,https_port,https_pin,notes',
  'Plant A,Admin,Hall 1,192.0.2.10,80,443,,rack 3',
  'Plant A,,Hall 2,192.0.2.11,,443,,',
  'Plant B,ops,,192.0.2.300,80,,,',
  'Plant B,ops,Gate,gate.plant-b.example,8080,,,',
].join('\n');

describe('hubkeeper inventory', () => {
  it('imports a CSV, reporting bad rows by line (exit 1) and keeping the good ones', async () => {
    const file = path.join(dir, 'hubs.csv');
    await writeFile(file, CSV);
    const run = await cli(['inventory', 'import', file, '--data-dir', dir]);
    expect(run.code).toBe(1);
    expect(run.out).toContain('Imported hubs.csv into');
    expect(run.out).toContain('3 hubs added, 0 updated, 2 sites added.');
    expect(run.out).toMatch(/1 row skipped:\n {2}line 4: "192\.0\.2\.300" is not an IPv4 address/);

    const again = await cli(['inventory', 'import', file, '--data-dir', dir, '--json']);
    expect(again.json()).toMatchObject({ format: 'csv', added: 0, updated: 0, sitesAdded: 0, bad: [{ line: 4 }] });
  });

  it('forbids and allows logins over plain HTTP per site, and shows it', async () => {
    const file = path.join(dir, 'hubs.csv');
    await writeFile(file, CSV);
    await cli(['inventory', 'import', file, '--data-dir', dir]);
    const shown = await cli(['inventory', 'site', 'plant a', '--data-dir', dir]);
    expect(shown.out).toBe('Plant A: logins over plain HTTP allowed (with a warning)\n');
    const forbid = await cli(['inventory', 'site', 'Plant A', '--forbid-http-login', '--data-dir', dir]);
    expect(forbid.code).toBe(0);
    expect(forbid.out).toBe('Plant A: logins over plain HTTP forbidden\n');
    expect((await cli(['inventory', 'list', '--data-dir', dir])).out).toContain(
      'Plant A (user Admin) (no plain HTTP logins): 2 hubs',
    );
    const exported = await cli(['inventory', 'export', '--format', 'json', '--data-dir', dir]);
    expect(exported.json<{ sites: { name: string; forbidHttpLogin?: boolean }[] }>().sites).toContainEqual(
      expect.objectContaining({ name: 'Plant A', forbidHttpLogin: true }),
    );
    const allow = await cli(['inventory', 'site', 'Plant A', '--allow-http-login', '--data-dir', dir]);
    expect(allow.out).toBe('Plant A: logins over plain HTTP allowed (with a warning)\n');
    const both = await cli([
      'inventory',
      'site',
      'Plant A',
      '--allow-http-login',
      '--forbid-http-login',
      '--data-dir',
      dir,
    ]);
    expect(both.code).toBe(2);
    const unknown = await cli(['inventory', 'site', 'Nowhere', '--data-dir', dir]);
    expect(unknown.err).toMatch(/no site "Nowhere"/);
  });

  it('lists, and exports as JSON and CSV that import back into another data folder', async () => {
    const file = path.join(dir, 'hubs.csv');
    await writeFile(file, CSV);
    await cli(['inventory', 'import', file, '--data-dir', dir]);

    const list = await cli(['inventory', 'list', '--data-dir', dir]);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^Plant A \(user Admin\): 2 hubs\n {2}Hall 1 +192\.0\.2\.10 +http:80 https:443 +rack 3\n/);
    expect(list.out).toContain('Plant B (user ops): 1 hub');

    const listJson = await cli(['inventory', 'list', '--data-dir', dir, '--json']);
    const inventory = listJson.json<{ schemaVersion: number; sites: unknown[]; hubs: unknown[] }>();
    expect(inventory.schemaVersion).toBe(1);
    expect(inventory.hubs).toHaveLength(3);

    const csvOut = await cli(['inventory', 'export', '--data-dir', dir]);
    expect(csvOut.code).toBe(0);
    expect(
      csvOut.out.startsWith(
        'site,default_user,name,address,http_port,https_port,https_pin,notes,id,forbid_http_login\n',
      ),
    ).toBe(true);

    const jsonFile = path.join(dir, 'export.json');
    const exported = await cli(['inventory', 'export', '--data-dir', dir, '--output', jsonFile]);
    expect(exported.code).toBe(0);
    expect(exported.err).toContain('Wrote 3 hubs in 2 sites');
    expect(JSON.parse(await readFile(jsonFile, 'utf8'))).toEqual(inventory);

    const other = await mkdtemp(path.join(tmpdir(), 'hubkeeper-inventory-cli-'));
    try {
      const imported = await cli(['inventory', 'import', jsonFile, '--data-dir', other, '--json']);
      expect(imported.code).toBe(0);
      expect(imported.json()).toMatchObject({ format: 'json', added: 3, sitesAdded: 2, bad: [] });
      expect((await cli(['inventory', 'list', '--data-dir', other, '--json'])).json()).toEqual(inventory);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('says clearly what is wrong with an unusable file', async () => {
    const missing = await cli(['inventory', 'import', path.join(dir, 'nope.csv'), '--data-dir', dir]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/error BAD_INPUT: Cannot read .*nope\.csv/);
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, '{"sites": 1}');
    const run = await cli(['inventory', 'import', bad, '--data-dir', dir]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/object with "sites" and "hubs" lists/);
    const empty = await cli(['inventory', 'list', '--data-dir', dir]);
    expect(empty.out).toMatch(/is empty/);
    const format = await cli(['inventory', 'export', '--format', 'xml', '--data-dir', dir]);
    expect(format.code).toBe(2);
    expect(format.err).toMatch(/expected csv or json/);
  });
});
