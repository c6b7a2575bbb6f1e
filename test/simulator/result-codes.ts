import type { ResultFamily } from './types';

/** Application result codes in both numbering families (controlhub-api.md, "Result codes"). */
export interface ResultCodes {
  ok: number;
  notLoggedIn: number;
  mismatch: number;
  notExist: number;
  notPermitted: number;
  busy: number;
  invalidArg: number;
}

export const CURRENT_CODES: Readonly<ResultCodes> = Object.freeze({
  ok: 0,
  notLoggedIn: 37,
  mismatch: 39,
  notExist: 16,
  notPermitted: 31,
  busy: 11,
  invalidArg: 7,
});

export const LEGACY_CODES: Readonly<ResultCodes> = Object.freeze({
  ok: 0,
  notLoggedIn: -17,
  mismatch: -1,
  notExist: -14,
  notPermitted: -26,
  busy: -9,
  invalidArg: -10,
});

/** Some devices of the current family answer a wrong password with 36 AUTH_FAILED. */
export const AUTH_FAILED_36 = 36;

export function codesFor(family: ResultFamily): Readonly<ResultCodes> {
  return family === 'legacy' ? LEGACY_CODES : CURRENT_CODES;
}
