import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createOnlineMemo, parseUpdateStatus } from '../../electron/core/hub/parse-update-status';
import { z } from 'zod';
import {
  asObject,
  isoFromUnix,
  lenient,
  looseBoolean,
  looseNumber,
  looseString,
  readBoolean,
  readNumber,
  readStateWord,
  readText,
  stateWord,
} from '../../electron/core/hub/loose-schemas';
import type { UpdateStatus } from '../../electron/shared/domain';
import seed from '../fixtures/update-status.seed.json';

/**
 * The poll path reads a hub's `online-status` block again only when it differs from the last
 * one. These tests hold that to "same answer as reading it every time", for any sequence.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const seedBody = (): { result: number; status: Record<string, Json> } => structuredClone(seed) as never;

const value = (r: ReturnType<typeof parseUpdateStatus>): UpdateStatus => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

type Versions = { list: Array<Record<string, Json>>; start?: Json; total?: Json };

/** A few online blocks that differ in one place each, so a random sequence repeats some. */
function onlineVariants(): Json[] {
  const base = seedBody().status['online-status'] as Record<string, Json>;
  const v1 = structuredClone(base);
  (v1['newest-version'] as Record<string, Json>).version = '2.1.29';
  const v2 = structuredClone(base);
  (v2.versions as Versions).list.pop();
  const v3 = structuredClone(base);
  (v3.versions as Versions).list[0]!.date = 1693788868;
  const v4 = structuredClone(base);
  v4['is-newest'] = 0;
  const v5 = structuredClone(base);
  (v5.versions as Versions).start = 3;
  const v6 = structuredClone(base);
  v6.date = '1694400871';
  return [base, v1, v2, v3, v4, v5, v6, null, 'garbage', [], {}];
}

/** The seed answer with one of the blocks (index == length: none at all) and a progress. */
function bodyWith(variants: Json[], step: { online: number; progress: number }): ReturnType<typeof seedBody> {
  const body = seedBody();
  if (step.online === variants.length) delete body.status['online-status'];
  else body.status['online-status'] = structuredClone(variants[step.online]!);
  body.status.progress = step.progress;
  return body;
}

describe('online-status memo', () => {
  it('gives, for any sequence of answers, exactly what reading every answer afresh gives', () => {
    const variants = onlineVariants();
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            online: fc.nat(variants.length),
            progress: fc.integer({ min: -5, max: 120 }),
            start: fc.constantFrom(0, 0, 0, 2),
          }),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        (steps) => {
          const memo = createOnlineMemo();
          for (const step of steps) {
            const body = bodyWith(variants, step);
            const fresh = value(parseUpdateStatus(structuredClone(body), { requestedStart: step.start }));
            const memoised = value(parseUpdateStatus(body, { requestedStart: step.start, memo }));
            expect(memoised).toEqual(fresh);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reuses the block read last time when the hub repeats it, and reads a changed one', () => {
    const memo = createOnlineMemo();
    const first = value(parseUpdateStatus(seedBody(), { memo }));
    const again = value(parseUpdateStatus(seedBody(), { memo }));
    expect(again.online).toBe(first.online);
    expect(again.history).toBe(first.history);

    const changed = seedBody();
    ((changed.status['online-status'] as Record<string, Json>)['newest-version'] as Record<string, Json>).version =
      '2.1.30';
    const third = value(parseUpdateStatus(changed, { memo }));
    expect(third.online?.newest?.version).toBe('2.1.30');
    expect(third.online).not.toBe(first.online);
  });

  it('is not reused for a different requested page start', () => {
    const memo = createOnlineMemo();
    const body = seedBody();
    delete ((body.status['online-status'] as Record<string, Json>).versions as Record<string, Json>).start;
    expect(value(parseUpdateStatus(structuredClone(body), { memo })).history?.start).toBe(0);
    expect(value(parseUpdateStatus(structuredClone(body), { memo, requestedStart: 5 })).history?.start).toBe(5);
  });
});

describe('loose helpers used on the poll path', () => {
  it('the fast field readers answer exactly what the lenient zod schemas answer, for any value', () => {
    const spellings = fc.oneof(
      fc.anything(),
      fc.double(),
      fc.integer(),
      fc.constantFrom(
        NaN,
        Infinity,
        -Infinity,
        -0,
        0,
        1,
        0xffffffff,
        0x100000000,
        -1,
        1.5,
        1e21,
        true,
        false,
        null,
        undefined,
      ),
      fc.constantFrom(
        '',
        ' ',
        ' 2.1.27 ',
        '0',
        '1',
        'true',
        'FALSE',
        ' 1 ',
        '0x1f',
        '0XFF',
        '1e3',
        '.5',
        '-3',
        'abc',
        '4294967296',
        '\t7\n',
      ),
      fc.string(),
    );
    const schemaText = lenient(looseString.pipe(z.string().trim().min(1)));
    const schemaNumber = lenient(looseNumber);
    const schemaBoolean = lenient(looseBoolean);
    const schemaState = lenient(stateWord);
    fc.assert(
      fc.property(spellings, (v) => {
        expect(readNumber(v)).toStrictEqual(schemaNumber.parse(v));
        expect(readText(v)).toStrictEqual(schemaText.parse(v));
        expect(readBoolean(v)).toStrictEqual(schemaBoolean.parse(v));
        expect(readStateWord(v)).toStrictEqual(schemaState.parse(v));
      }),
      { numRuns: 3000 },
    );
  });

  it('asObject accepts plain objects only', () => {
    const o = { a: 1 };
    expect(asObject(o)).toBe(o);
    expect(asObject(JSON.parse('{"__proto__": {"x": 1}}'))).not.toBeNull();
    expect(asObject(Object.create(null))).not.toBeNull();
    for (const v of [null, undefined, 1, 'x', [], new Date(0), new Map()]) expect(asObject(v)).toBeNull();
  });

  it('isoFromUnix answers the same from its cache as computed', () => {
    for (const t of [1693884985, 1693884985, 1.7e12, 0, -1, 1e300]) {
      const expected =
        t <= 0
          ? null
          : Number.isNaN(new Date(t > 1e11 ? t : t * 1000).getTime())
            ? null
            : new Date(t > 1e11 ? t : t * 1000).toISOString();
      expect(isoFromUnix(t)).toBe(expected);
      expect(isoFromUnix(t)).toBe(expected);
    }
  });
});
