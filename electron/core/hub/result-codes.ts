import type { AppError } from '../../shared/errors';

/**
 * The hub's `result` numbers, both families (controlhub-api.md "Result codes"): the current
 * `MW_STATUS_*` family and the negative legacy family of older Magewell Cloud. Which family a
 * hub speaks is unknown, so both are always understood.
 */
export const NOT_LOGGED_IN_CODES: ReadonlySet<number> = new Set([37, -17]);

interface KnownCode {
  code: AppError['code'];
  text: (user: string) => string;
}

const KNOWN: ReadonlyMap<number, KnownCode> = new Map<number, KnownCode>([
  [39, { code: 'AUTH_FAILED', text: (u) => `The hub refused the password for user "${u}".` }],
  [36, { code: 'AUTH_FAILED', text: (u) => `The hub refused the password for user "${u}".` }],
  [-1, { code: 'AUTH_FAILED', text: (u) => `The hub refused the password for user "${u}".` }],
  [16, { code: 'AUTH_FAILED', text: (u) => `The hub has no user "${u}".` }],
  [-14, { code: 'AUTH_FAILED', text: (u) => `The hub has no user "${u}".` }],
  [31, { code: 'NOT_PERMITTED', text: (u) => `User "${u}" is not allowed to view the hub's system configuration; log in as an administrator.` }],
  [-26, { code: 'NOT_PERMITTED', text: (u) => `User "${u}" is not allowed to view the hub's system configuration; log in as an administrator.` }],
  [11, { code: 'HUB_ERROR', text: () => 'The hub is busy; try again in a moment.' }],
  [-9, { code: 'HUB_ERROR', text: () => 'The hub is busy; try again in a moment.' }],
  [7, { code: 'HUB_ERROR', text: () => 'The hub rejected the request as invalid.' }],
  [-10, { code: 'HUB_ERROR', text: () => 'The hub rejected the request as invalid.' }],
]);

/** The error for a non-zero, non-"not logged in" result. `what` names the call for the message. */
export function errorForResult(result: number, what: string, user: string): AppError {
  const known = KNOWN.get(result);
  return known
    ? { code: known.code, hubCode: result, message: `${known.text(user).replace(/\.$/, '')} (hub code ${result} for ${what}).` }
    : { code: 'HUB_ERROR', hubCode: result, message: `The hub answered ${what} with error code ${result}.` };
}
