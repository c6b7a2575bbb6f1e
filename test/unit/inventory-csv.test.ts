import { describe, expect, it } from 'vitest';
import { inventoryToCsv, parseInventoryCsv } from '../../electron/core/inventory/inventory-csv';
import { parse } from 'csv-parse/sync';
import type { Inventory } from '../../electron/shared/inventory';
import { guardFormula, unguardFormula } from '../../electron/core/csv-formula';

const PIN_A = `sha256:${'a'.repeat(64)}`;
const PIN_B = `sha256:${'b'.repeat(64)}`;

const parsed = (text: string) => {
  const r = parseInventoryCsv(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('parseInventoryCsv', () => {
  it('reads rows with their line numbers, ports and pins', () => {
    const { rows, bad, warnings } = parsed(
      [
        'site,default_user,name,address,http_port,https_port,https_pin,notes,id',
        `Plant A,Admin,Hall 1,192.168.1.20,80,443,${PIN_A},rack 3,`,
        '',
        'Plant A,,Hall 2,HUB2.Plant.local,8080,,,,hub-2',
        `Plant B,ops,,[FE80::1],,443 8443,- ${PIN_B.toUpperCase()},"two, notes",`,
      ].join('\r\n'),
    );
    expect(bad).toEqual([]);
    expect(warnings).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        site: { id: null, name: 'Plant A', defaultUser: 'Admin', notes: null },
        hub: {
          id: null,
          name: 'Hall 1',
          address: '192.168.1.20',
          endpoints: [
            { scheme: 'http', port: 80, pin: null },
            { scheme: 'https', port: 443, pin: PIN_A },
          ],
          notes: 'rack 3',
          addedAt: null,
        },
      },
      {
        line: 4,
        site: { id: null, name: 'Plant A', defaultUser: '', notes: null },
        hub: {
          id: 'hub-2',
          name: 'Hall 2',
          address: 'hub2.plant.local',
          endpoints: [{ scheme: 'http', port: 8080, pin: null }],
          notes: '',
          addedAt: null,
        },
      },
      {
        line: 5,
        site: { id: null, name: 'Plant B', defaultUser: 'ops', notes: null },
        hub: {
          id: null,
          name: '',
          address: 'fe80::1',
          endpoints: [
            { scheme: 'https', port: 443, pin: null },
            { scheme: 'https', port: 8443, pin: PIN_B },
          ],
          notes: 'two, notes',
          addedAt: null,
        },
      },
    ]);
  });

  it('reports each bad row by line and keeps every good row', () => {
    const { rows, bad } = parsed(
      [
        'site,address,http_port,https_port,https_pin,name',
        'A,10.0.0.1,80,,,ok 1', // 2
        ',10.0.0.2,80,,,', // 3 no site
        'A,10.0.1,80,,,', // 4 bad IPv4
        'A,10.0.0.4,,,,', // 5 no port
        'A,10.0.0.5,99999,,,', // 6 bad port
        'A,http://10.0.0.6,80,,,', // 7 URL in address
        'A,10.0.0.7,80,443,nope,', // 8 bad pin
        `A,10.0.0.8,80,,${PIN_A},`, // 9 pin without https
        'A,10.0.0.9,80,,,x,surplus', // 10 too many fields
        'A,10.0.0.10,80,,,"never closed', // 11 unclosed quote
        'A,10.0.0.11,80,,,ok 2', // 12 still imported
        `A,10.0.0.12,80,443 8443,${PIN_A},`, // 13 one pin for two ports
        `A,10.0.0.13,80,,,${'x'.repeat(201)}`, // 14 name too long
        'A,10.0.0.14,80,,,ok 3', // 15
      ].join('\n'),
    );
    expect(rows.map((r) => [r.line, r.hub.name])).toEqual([
      [2, 'ok 1'],
      [12, 'ok 2'],
      [15, 'ok 3'],
    ]);
    expect(bad.map((b) => b.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14]);
    const message = (line: number) => bad.find((b) => b.line === line)!.message;
    expect(message(3)).toMatch(/site is empty/);
    expect(message(4)).toMatch(/not an IPv4 address/);
    expect(message(5)).toMatch(/no port/);
    expect(message(6)).toMatch(/http_port "99999" is not a port/);
    expect(message(7)).toMatch(/is a URL/);
    expect(message(8)).toMatch(/not a certificate fingerprint/);
    expect(message(9)).toMatch(/https_port is empty/);
    expect(message(10)).toMatch(/7 fields but the header names 6/);
    expect(message(11)).toMatch(/quote .* never closes/);
    expect(message(13)).toMatch(/1 pins for 2 HTTPS ports/);
    expect(message(14)).toMatch(/name: at most 200 characters/);
    for (const b of bad) expect(b.message).toMatch(/row skipped$/);
  });

  it('reads semicolon files with a BOM, header aliases in any case and order, and warns about unknown columns', () => {
    const { rows, warnings } = parsed('\uFEFFHost;Site Name;HTTPS-Port;Colour;User\n10.0.0.1;Usine;443;blue;admin\n');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.hub.endpoints).toEqual([{ scheme: 'https', port: 443, pin: null }]);
    expect(rows[0]!.site).toMatchObject({ name: 'Usine', defaultUser: 'admin' });
    expect(warnings).toEqual([{ line: 1, message: 'column "Colour" is not known and was ignored' }]);
  });

  it('refuses a file without the needed columns, saying which', () => {
    for (const [text, missing] of [
      ['', /empty/],
      ['name,notes\nx,y', /missing: site, address, http_port or https_port/],
      ['site,address\nA,10.0.0.1', /missing: http_port or https_port/],
    ] as const) {
      const r = parseInventoryCsv(text);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('BAD_INPUT');
        expect(r.error.message).toMatch(missing);
      }
    }
  });
});

describe('inventoryToCsv', () => {
  const inventory: Inventory = {
    schemaVersion: 1,
    sites: [
      { id: 's1', name: 'Zeta', defaultUser: 'Admin', notes: '' },
      { id: 's2', name: '工厂 A', defaultUser: '', notes: '' },
    ],
    hubs: [
      {
        id: 'h1',
        siteId: 's1',
        name: 'Hall, "north"',
        address: '10.0.0.1',
        endpoints: [
          { scheme: 'http', port: 80, pin: null },
          { scheme: 'https', port: 443, pin: PIN_A },
          { scheme: 'https', port: 8443, pin: null },
        ],
        notes: 'line 1\nline 2',
        addedAt: '2026-01-01T00:00:00.000Z',
      },
      {
        id: 'h2',
        siteId: 's2',
        name: '',
        address: 'fe80::1',
        endpoints: [{ scheme: 'http', port: 8080, pin: null }],
        notes: '',
        addedAt: '2026-01-01T00:00:00.000Z',
      },
    ],
  };

  it('writes one row per hub with a BOM and quotes what needs quoting', () => {
    const csv = inventoryToCsv(inventory);
    expect(
      csv.startsWith(
        '\uFEFFsite,default_user,name,address,http_port,https_port,https_pin,notes,id,forbid_http_login\n',
      ),
    ).toBe(true);
    expect(csv).toContain(`Zeta,Admin,"Hall, ""north""",10.0.0.1,80,443 8443,${PIN_A} -,"line 1\nline 2",h1,\n`);
  });

  it('carries the site setting "forbid logins over plain HTTP" both ways; a bad value is a bad row', () => {
    const strict = { ...inventory, sites: inventory.sites.map((s) => ({ ...s, forbidHttpLogin: true })) };
    const csv = inventoryToCsv(strict);
    expect(csv).toContain(',h1,yes\n');
    const { rows, bad } = parsed(csv);
    expect(bad).toEqual([]);
    expect(rows.every((r) => r.site.forbidHttpLogin === true)).toBe(true);
    const mixed = parsed(
      ['site,address,http_port,forbid_http_login', 'A,192.0.2.1,80,no', 'B,192.0.2.2,80,', 'C,192.0.2.3,80,maybe'].join(
        '\n',
      ),
    );
    expect(mixed.rows.map((r) => r.site.forbidHttpLogin ?? false)).toEqual([false, false]);
    expect(mixed.bad).toEqual([
      { line: 4, message: expect.stringMatching(/forbid_http_login "maybe" is not yes or no/) },
    ]);
  });

  it('round-trips through the importer without loss', () => {
    const { rows, bad } = parsed(inventoryToCsv(inventory));
    expect(bad).toEqual([]);
    const byId = new Map(rows.map((r) => [r.hub.id, r]));
    for (const hub of inventory.hubs) {
      const row = byId.get(hub.id)!;
      expect(row.hub).toMatchObject({
        name: hub.name,
        address: hub.address,
        endpoints: hub.endpoints,
        notes: hub.notes,
      });
      const site = inventory.sites.find((s) => s.id === hub.siteId)!;
      expect(row.site).toMatchObject({ name: site.name, defaultUser: site.defaultUser });
    }
    expect(rows).toHaveLength(2);
  });

  describe('formula injection', () => {
    const hostile: Inventory = {
      schemaVersion: 1,
      sites: [{ id: 's1', name: '=cmd|calc', defaultUser: '@SUM(1)', notes: '' }],
      hubs: [
        ['h1', '=HYPERLINK("http://x","y")', '+1 north'],
        ['h2', '-2', '@import'],
        ['h3', "'=already guarded", "'quoted"],
        ['h4', "''+two", 'plain'],
      ].map(([id, name, notes]) => ({
        id: id!,
        siteId: 's1',
        name: name!,
        address: `10.0.0.${id!.slice(1)}`,
        endpoints: [
          { scheme: 'https' as const, port: 443, pin: null },
          { scheme: 'https' as const, port: 8443, pin: PIN_A },
        ],
        notes: notes!,
        addedAt: '2026-01-01T00:00:00.000Z',
      })),
    };

    it('guards every cell a spreadsheet would run, as the report CSV does', () => {
      const cells = (parse(inventoryToCsv(hostile), { bom: true }) as string[][]).flat();
      for (const cell of cells) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
      expect(cells).toContain(`'=HYPERLINK("http://x","y")`);
      expect(cells).toContain(`'- ${PIN_A}`);
      expect(cells).toContain("''=already guarded");
      expect(cells).toContain("'quoted");
    });

    it('imports back exactly what was exported', () => {
      const { rows, bad } = parsed(inventoryToCsv(hostile));
      expect(bad).toEqual([]);
      for (const hub of hostile.hubs) {
        const row = rows.find((r) => r.hub.id === hub.id)!;
        expect(row.hub).toMatchObject({ name: hub.name, notes: hub.notes, endpoints: hub.endpoints });
        expect(row.site).toMatchObject({ name: '=cmd|calc', defaultUser: '@SUM(1)' });
      }
    });

    it('guard and unguard are inverse for every value, and leave other apostrophes alone', () => {
      for (const v of ['=1', '+1', '-1', '@1', '\t1', '\r1', "'=1", "''=1", "'1", "''", "'", '1', '', 'a=1']) {
        expect(unguardFormula(guardFormula(v)), JSON.stringify(v)).toBe(v);
      }
      expect(guardFormula("'hello")).toBe("'hello");
      expect(unguardFormula("'hello")).toBe("'hello");
    });
  });
});
