import { describe, expect, it } from 'vitest';
import type { ImportRow } from '../../electron/core/inventory/import-rows';
import { applyImport, mergeEndpoints } from '../../electron/core/inventory/merge';
import type { Inventory } from '../../electron/shared/inventory';

const PIN_A = `sha256:${'a'.repeat(64)}`;
const PIN_B = `sha256:${'b'.repeat(64)}`;
let ids = 0;
const ctx = { newId: () => `new-${++ids}`, now: () => '2026-05-01T00:00:00.000Z' };

const base: Inventory = {
  schemaVersion: 1,
  sites: [{ id: 's1', name: 'Plant A', defaultUser: 'Admin', notes: '' }],
  hubs: [
    {
      id: 'h1',
      siteId: 's1',
      name: 'Hall 1',
      address: '10.0.0.1',
      endpoints: [{ scheme: 'https', port: 443, pin: PIN_A }],
      notes: 'keep me',
      addedAt: '2026-01-01T00:00:00.000Z',
    },
  ],
};

const row = (line: number, site: Partial<ImportRow['site']>, hub: Partial<ImportRow['hub']>): ImportRow => ({
  line,
  site: { id: null, name: 'Plant A', defaultUser: '', notes: null, ...site },
  hub: {
    id: null,
    name: '',
    address: '10.0.0.9',
    endpoints: [{ scheme: 'http', port: 80, pin: null }],
    notes: '',
    addedAt: null,
    ...hub,
  },
});

describe('applyImport', () => {
  it('adds new hubs and sites, merges known ones by address, and never touches the input', () => {
    const before = JSON.stringify(base);
    const out = applyImport(
      base,
      [
        row(
          2,
          { name: 'plant a' },
          { address: '10.0.0.1', endpoints: [{ scheme: 'http', port: 80, pin: null }], name: '' },
        ),
        row(3, { name: 'Plant B', defaultUser: 'ops' }, { address: '10.0.0.2', name: 'B1' }),
        row(4, { name: 'Plant B' }, { address: '10.0.0.3' }),
      ],
      ctx,
    );
    expect(JSON.stringify(base)).toBe(before);
    expect(out).toMatchObject({ added: 2, updated: 1, sitesAdded: 1, warnings: [] });
    const h1 = out.inventory.hubs.find((h) => h.id === 'h1')!;
    expect(h1).toMatchObject({ name: 'Hall 1', notes: 'keep me', siteId: 's1' });
    expect(h1.endpoints).toEqual([
      { scheme: 'http', port: 80, pin: null },
      { scheme: 'https', port: 443, pin: PIN_A },
    ]);
    const plantB = out.inventory.sites.find((s) => s.name === 'Plant B')!;
    expect(plantB.defaultUser).toBe('ops');
    expect(out.inventory.hubs.filter((h) => h.siteId === plantB.id).map((h) => h.address)).toEqual([
      '10.0.0.2',
      '10.0.0.3',
    ]);
    expect(out.inventory.hubs.find((h) => h.address === '10.0.0.2')!.addedAt).toBe('2026-05-01T00:00:00.000Z');
  });

  it('is idempotent: importing the same rows again changes nothing', () => {
    const rows = [row(2, { name: 'Plant B' }, { address: '10.0.0.2', name: 'B1', notes: 'n' })];
    const first = applyImport(base, rows, ctx);
    const second = applyImport(first.inventory, rows, ctx);
    expect(second).toMatchObject({ added: 0, updated: 0, sitesAdded: 0 });
    expect(second.inventory).toEqual(first.inventory);
  });

  it('keeps a pinned certificate when the file names another one, and says so', () => {
    const out = applyImport(
      base,
      [row(7, {}, { address: '10.0.0.1', endpoints: [{ scheme: 'https', port: 443, pin: PIN_B }] })],
      ctx,
    );
    expect(out.inventory.hubs[0]!.endpoints).toEqual([{ scheme: 'https', port: 443, pin: PIN_A }]);
    expect(out.warnings).toEqual([
      { line: 7, message: expect.stringMatching(/keeps its pinned certificate on port 443/) },
    ]);
  });

  it('lets a file forbid plain HTTP logins for a site, never allow them again silently', () => {
    const strict = applyImport(base, [row(2, { forbidHttpLogin: true }, {})], ctx).inventory;
    expect(strict.sites[0]!.forbidHttpLogin).toBe(true);
    const after = applyImport(strict, [row(2, {}, { address: '10.0.0.10' })], ctx).inventory;
    expect(after.sites[0]!.forbidHttpLogin).toBe(true);
    const created = applyImport(base, [row(2, { name: 'Plant B', forbidHttpLogin: true }, {})], ctx).inventory;
    expect(created.sites.find((s) => s.name === 'Plant B')!.forbidHttpLogin).toBe(true);
  });

  it('fills an empty pin from the file', () => {
    const unpinned: Inventory = {
      ...base,
      hubs: [{ ...base.hubs[0]!, endpoints: [{ scheme: 'https', port: 443, pin: null }] }],
    };
    const out = applyImport(
      unpinned,
      [row(2, {}, { address: '10.0.0.1', endpoints: [{ scheme: 'https', port: 443, pin: PIN_B }] })],
      ctx,
    );
    expect(out.inventory.hubs[0]!.endpoints[0]!.pin).toBe(PIN_B);
    expect(out.updated).toBe(1);
  });

  it('matches by id first (moving the hub to the row site) and keeps a conflicting default user with a warning', () => {
    const out = applyImport(
      base,
      [
        row(5, { name: 'Plant C', defaultUser: 'root' }, { id: 'h1', address: '10.0.0.1', name: 'Renamed' }),
        row(6, { name: 'Plant A', defaultUser: 'other' }, { address: '10.0.0.8' }),
      ],
      ctx,
    );
    const h1 = out.inventory.hubs.find((h) => h.id === 'h1')!;
    expect(h1.name).toBe('Renamed');
    expect(out.inventory.sites.find((s) => s.id === h1.siteId)!.name).toBe('Plant C');
    expect(out.warnings).toEqual([
      { line: 6, message: 'site "Plant A" keeps its default user "Admin" (the file says "other")' },
    ]);
  });

  it('uses ids from the file when free and fresh ones when taken', () => {
    const out = applyImport(
      base,
      [
        row(2, { id: 's1', name: 'Elsewhere' }, { id: 'h1', address: '10.0.0.50' }),
        row(3, { id: 'sX', name: 'New' }, { id: 'hX', address: '10.0.0.51' }),
      ],
      ctx,
    );
    // s1 exists: matched by id (not renamed); h1 matched by id keeps its address, with a warning.
    expect(out.inventory.sites.map((s) => s.id)).toEqual(['s1', 'sX']);
    expect(out.inventory.hubs.map((h) => [h.id, h.address])).toEqual([
      ['h1', '10.0.0.1'],
      ['hX', '10.0.0.51'],
    ]);
    expect(out.warnings[0]!.message).toMatch(/keeps its address 10\.0\.0\.1; the file says 10\.0\.0\.50/);
  });
});

describe('mergeEndpoints', () => {
  it('adds missing endpoints sorted by port and reports pin conflicts', () => {
    expect(
      mergeEndpoints(
        [{ scheme: 'https', port: 443, pin: PIN_A }],
        [
          { scheme: 'http', port: 8080, pin: null },
          { scheme: 'https', port: 443, pin: PIN_B },
          { scheme: 'http', port: 80, pin: null },
        ],
      ),
    ).toEqual({
      endpoints: [
        { scheme: 'http', port: 80, pin: null },
        { scheme: 'https', port: 443, pin: PIN_A },
        { scheme: 'http', port: 8080, pin: null },
      ],
      conflicts: [443],
    });
  });
});
