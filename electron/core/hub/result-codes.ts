import type { AppError } from '../../shared/errors';

/**
 * The hub's `result` numbers, both families (controlhub-api.md "Result codes"): the current
 * `MW_STATUS_*` family and the negative legacy family of older Magewell Cloud. Which family a
 * hub speaks is unknown, so both are always understood.
 */
export const NOT_LOGGED_IN_CODES: ReadonlySet<number> = new Set([37, -17]);

interface Meaning {
  /** Current family first (36 is what some devices send for a wrong password), then legacy. */
  codes: readonly number[];
  code: AppError['code'];
  text: (user: string) => string;
}

const MEANINGS: readonly Meaning[] = [
  { codes: [39, 36, -1], code: 'AUTH_FAILED', text: (u) => `The hub refused the password for user "${u}"` },
  { codes: [16, -14], code: 'AUTH_FAILED', text: (u) => `The hub has no user "${u}"` },
  {
    codes: [31, -26],
    code: 'NOT_PERMITTED',
    text: (u) => `User "${u}" is not allowed to view the hub's system configuration; log in as an administrator`,
  },
  { codes: [11, -9], code: 'HUB_ERROR', text: () => 'The hub is busy; try again in a moment' },
  { codes: [7, -10], code: 'HUB_ERROR', text: () => 'The hub rejected the request as invalid' },
];

const BY_CODE: ReadonlyMap<number, Meaning> = new Map(MEANINGS.flatMap((m) => m.codes.map((c) => [c, m] as const)));

export function isNotLoggedIn(result: number | null): boolean {
  return result !== null && NOT_LOGGED_IN_CODES.has(result);
}

/** The error for a non-zero, non-"not logged in" result. `what` names the call for the message. */
export function errorForResult(result: number, what: string, user: string): AppError {
  const known = BY_CODE.get(result);
  return known
    ? { code: known.code, hubCode: result, message: `${known.text(user)} (hub code ${result} for ${what}).` }
    : { code: 'HUB_ERROR', hubCode: result, message: `The hub answered ${what} with error code ${result}.` };
}
