import { describe, expect, it } from 'vitest';
import { elementLines, inventoryToJson, parseInventoryJson } from '../../electron/core/inventory/inventory-json';
import type { Inventory } from '../../electron/shared/inventory';

const PIN = `sha256:${'c'.repeat(64)}`;
const inventory: Inventory = {
  schemaVersion: 1,
  sites: [{ id: 'site-1', name: 'Plant A', defaultUser: 'Admin', notes: 'gate code 42' }],
  hubs: [
    {
      id: 'hub-1',
      siteId: 'site-1',
      name: 'Hall 1',
      address: '192.168.1.20',
      endpoints: [
        { scheme: 'http', port: 80, pin: null },
        { scheme: 'https', port: 443, pin: PIN },
      ],
      notes: '',
      addedAt: '2026-01-02T03:04:05.000Z',
    },
  ],
};

describe('inventory JSON', () => {
  it('carries the site setting "forbid logins over plain HTTP"', () => {
    const strict = { ...inventory, sites: inventory.sites.map((s) => ({ ...s, forbidHttpLogin: true })) };
    expect(JSON.parse(inventoryToJson(strict)).sites[0].forbidHttpLogin).toBe(true);
    const r = parseInventoryJson(inventoryToJson(strict));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.rows[0]!.site.forbidHttpLogin).toBe(true);
  });

  it('round-trips the export exactly', () => {
    const r = parseInventoryJson(inventoryToJson(inventory));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.bad).toEqual([]);
    expect(r.value.rows).toEqual([
      {
        line: 12,
        site: { id: 'site-1', name: 'Plant A', defaultUser: 'Admin', notes: 'gate code 42' },
        hub: {
          id: 'hub-1',
          name: 'Hall 1',
          address: '192.168.1.20',
          endpoints: inventory.hubs[0]!.endpoints,
          notes: '',
          addedAt: '2026-01-02T03:04:05.000Z',
        },
      },
    ]);
  });

  it('finds the line each site and hub starts on, strings with brackets included', () => {
    const text = '{"sites": [\n {"name": "a ] [ {"},\n\n {"name": "b"}], "hubs": [{"x": "\\"]"},\n{}\n]}';
    expect(elementLines(text)).toEqual({ sites: [2, 4], hubs: [4, 5] });
  });

  it('reports bad hubs and sites by line and keeps the good ones', () => {
    const text = JSON.stringify(
      {
        schemaVersion: 1,
        sites: [
          { id: 'ok', name: 'Good site', defaultUser: '', notes: '' },
          { id: 'bad', name: '' },
        ],
        hubs: [
          { id: 'h1', siteId: 'ok', address: '10.0.0.1', endpoints: [{ scheme: 'http', port: 80 }] },
          { id: 'h2', siteId: 'ok', address: '10.0.0.2', endpoints: [] },
          { id: 'h3', siteId: 'missing', address: '10.0.0.3', endpoints: [{ scheme: 'http', port: 80 }] },
          { id: 'h4', siteId: 'ok', address: 'not an address!', endpoints: [{ scheme: 'http', port: 80 }] },
          { id: 'h5', siteId: 'ok', address: '10.0.0.5', endpoints: [{ scheme: 'http', port: 80, pin: PIN }] },
          { id: 'h6', siteId: 'ok', address: '10.0.0.6', endpoints: [{ scheme: 'https', port: 443, pin: 'zz' }] },
          {
            id: 'h7',
            siteId: 'ok',
            name: 'Seventh',
            address: 'HUB7.local',
            endpoints: [{ scheme: 'https', port: 443 }],
          },
        ],
      },
      null,
      2,
    );
    const r = parseInventoryJson(text);
    if (!r.ok) throw new Error(r.error.message);
    const lines = text.split('\n');
    // The object's '{' is on the line before its id: that 1-based line is the id line's 0-based index.
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle));
    expect(r.value.rows.map((row) => row.hub.id)).toEqual(['h1', 'h7']);
    expect(r.value.rows[1]!.hub.address).toBe('hub7.local');
    expect(r.value.bad.map((b) => b.line)).toEqual([
      lineOf('"bad"'),
      lineOf('"h2"'),
      lineOf('"h3"'),
      lineOf('"h4"'),
      lineOf('"h5"'),
      lineOf('"h6"'),
    ]);
    expect(r.value.bad.map((b) => b.message)).toEqual([
      expect.stringMatching(/site "": the site name is empty; skipped with its hubs/),
      expect.stringMatching(/hub 2: endpoints: a hub needs at least one endpoint/),
      expect.stringMatching(/its site "missing" is not in the file's sites/),
      expect.stringMatching(/"not an address!" is not an IP address or host name/),
      expect.stringMatching(/a pin on the http endpoint 80/),
      expect.stringMatching(/"zz" is not a certificate fingerprint/),
    ]);
  });

  it('refuses what is not an inventory export', () => {
    for (const [text, message] of [
      ['{', /not valid JSON/],
      ['[]', /object with "sites" and "hubs"/],
      ['{"sites": []}', /object with "sites" and "hubs"/],
      ['{"schemaVersion": 2, "sites": [], "hubs": []}', /newer Hubkeeper/],
    ] as const) {
      const r = parseInventoryJson(text);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('BAD_INPUT');
        expect(r.error.message).toMatch(message);
      }
    }
  });
});
