import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameJson } from '../../electron/core/json-equal';

/** JSON text with object keys sorted at every level: equal exactly when the values are. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}

describe('sameJson', () => {
  it('compares JSON values structurally, whatever the key order', () => {
    expect(sameJson({ a: [1, { b: 'x' }], c: null }, { c: null, a: [1, { b: 'x' }] })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(false);
    expect(sameJson({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameJson([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameJson({ 0: 1, 1: 2 }, [1, 2])).toBe(false);
    expect(sameJson({ a: '1' }, { a: 1 })).toBe(false);
    expect(sameJson(null, undefined)).toBe(false);
    expect(sameJson([], [])).toBe(true);
    expect(sameJson({}, {})).toBe(true);
    expect(sameJson(JSON.parse('{"__proto__":{"x":1}}'), JSON.parse('{"__proto__":{"x":2}}'))).toBe(false);
  });

  it('agrees with a comparison of canonical JSON text on random values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(sameJson(a, b)).toBe(canonical(a) === canonical(b));
        expect(sameJson(a, JSON.parse(JSON.stringify(a)))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('tells a value from the same value changed in one place', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }), fc.string(), (value, extra) => {
        const key = Object.keys(value)[0]!;
        const changed = { ...value, [key]: { changed: extra } };
        expect(sameJson(value, changed)).toBe(canonical(value[key]) === canonical({ changed: extra }));
      }),
      { numRuns: 500 },
    );
  });
});
