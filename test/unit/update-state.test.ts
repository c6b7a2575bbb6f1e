import { describe, expect, it } from 'vitest';
import { decodeState, isBusy } from '../../electron/shared/update-state';

describe('decodeState', () => {
  it('names idle for zero', () => {
    expect(decodeState(0)).toEqual({ code: 0, hex: '0x0', names: ['idle'], unknownBits: 0 });
  });
  it('names every known bit that is set', () => {
    expect(decodeState(0x4 | 0x8).names).toEqual(['downloading', 'verifying']);
    expect(decodeState(0x200).names).toEqual(['failed']);
  });
  it('keeps unknown bits honestly instead of calling them idle', () => {
    const s = decodeState(0x80);
    expect(s).toEqual({ code: 0x80, hex: '0x80', names: [], unknownBits: 0x80 });
    expect(isBusy(s)).toBe(true);
  });
});
