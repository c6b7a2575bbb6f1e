import type { AppError } from '../../shared/errors';
import { hubResultCodes, type HubResultName } from '../../shared/hub-results';

/** "Not logged in" in both families (shared/hub-results.ts holds the numbers). */
export const NOT_LOGGED_IN_CODES: ReadonlySet<number> = new Set(hubResultCodes('notLoggedIn'));

interface Meaning {
  name: HubResultName;
  code: AppError['code'];
  text: (user: string) => string;
}

const MEANINGS: readonly Meaning[] = [
  { name: 'wrongPassword', code: 'AUTH_FAILED', text: (u) => `The hub refused the password for user "${u}"` },
  { name: 'noSuchUser', code: 'AUTH_FAILED', text: (u) => `The hub has no user "${u}"` },
  {
    name: 'notPermitted',
    code: 'NOT_PERMITTED',
    text: (u) => `User "${u}" is not allowed to view the hub's system configuration; log in as an administrator`,
  },
  { name: 'busy', code: 'HUB_ERROR', text: () => 'The hub is busy; try again in a moment' },
  { name: 'invalidArgument', code: 'HUB_ERROR', text: () => 'The hub rejected the request as invalid' },
];

const BY_CODE: ReadonlyMap<number, Meaning> = new Map(
  MEANINGS.flatMap((m) => hubResultCodes(m.name).map((c) => [c, m] as const)),
);

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
