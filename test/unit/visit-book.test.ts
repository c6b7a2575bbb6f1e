import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { VISITS_FILE, VisitBook } from '../../electron/core/visits/visit-book';
import type { Site } from '../../electron/shared/inventory';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hk-visit-book-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const site = (id: string, alwaysWatched?: boolean): Site => ({
  id,
  name: id,
  defaultUser: '',
  notes: '',
  alwaysWatched,
});
const clock = (iso: string) => () => new Date(iso);

describe('VisitBook', () => {
  it('a visit left open by a crash is closed as ended by quit on the next start, and offered for resuming', async () => {
    const first = await VisitBook.open(dir, { now: clock('2026-03-02T08:00:00.000Z') });
    await first.start('s1');
    // No endAll: the process died.
    const next = await VisitBook.open(dir, { now: clock('2026-03-02T12:00:00.000Z') });
    expect(next.isActive('s1')).toBe(false);
    expect(next.states([site('s1')])).toEqual([
      {
        siteId: 's1',
        visited: false,
        alwaysWatched: false,
        startedAt: '2026-03-02T08:00:00.000Z',
        endedAt: '2026-03-02T12:00:00.000Z',
        resumable: true,
      },
    ]);
    // Declining ("Not now") keeps the visit as the last one but offers it no more.
    expect(await next.end('s1')).toBe(true);
    expect(next.states([site('s1')])[0]).toMatchObject({ resumable: false, startedAt: '2026-03-02T08:00:00.000Z' });
  });

  it('quitting ends every visit; an always-watched site is visited without one; ids like __proto__ are ids', async () => {
    const book = await VisitBook.open(dir, { now: clock('2026-03-02T08:00:00.000Z') });
    await book.start('__proto__');
    expect(book.states([site('__proto__'), site('lab', true), site('other')]).map((v) => v.visited)).toEqual([
      true,
      true,
      false,
    ]);
    await book.endAll();
    const stored = JSON.parse(await readFile(path.join(dir, VISITS_FILE), 'utf8')) as {
      visits: Array<{ siteId: string; endedBy: string }>;
    };
    expect(stored.visits).toEqual([expect.objectContaining({ siteId: '__proto__', endedBy: 'quit' })]);
  });

  it('a damaged file costs only the resume offer: no site is visited (no traffic), the file is kept aside', async () => {
    await writeFile(path.join(dir, VISITS_FILE), '{"schema": 1, "visits": [{"siteId": 5}');
    const book = await VisitBook.open(dir);
    expect(book.states([site('s1')])[0]).toMatchObject({ visited: false, resumable: false, startedAt: null });
    // The damaged file is kept aside, never overwritten.
    expect((await readdir(dir)).some((f) => f.startsWith(`${VISITS_FILE}.damaged-`))).toBe(true);
  });
});
