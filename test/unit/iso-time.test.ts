import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTime } from '../../electron/core/iso-time';

describe('isoTime', () => {
  it('gives exactly what Date#toISOString gives, for any time, in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -8.64e15, max: 8.64e15 }), { minLength: 1, maxLength: 20 }), (times) => {
        for (const ms of times) expect(isoTime(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 500 },
    );
  });

  it('within one second and across second, day and year boundaries', () => {
    const start = Date.UTC(2026, 11, 31, 23, 59, 59, 990);
    for (let ms = start - 1500; ms < start + 1500; ms += 7) expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    expect(isoTime(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(isoTime(1_764_193_841_005)).toBe('2025-11-26T21:50:41.005Z');
  });

  it('fractional milliseconds are cut, as Date does', () => {
    expect(isoTime(1_764_193_841_999.9)).toBe(new Date(1_764_193_841_999.9).toISOString());
  });
});
