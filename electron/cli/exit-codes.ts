import type { AppError, ErrorCode } from '../shared/errors';

/**
 * Exit codes of every `hubkeeper` command, documented in the README so scripts can branch on
 * them. Kept coarse on purpose: a script wants "was it me, the network, or the hub?", and the
 * exact reason is in the output (`--json` carries the closed error code).
 */
export const EXIT = {
  /** Everything worked. */
  OK: 0,
  /** The hub answered with an error, or its answer could not be understood. */
  FAILURE: 1,
  /** Bad command line or input (wrong URL, missing password, bad pin). */
  USAGE: 2,
  /** Login refused, no permission, or the session could not be kept. */
  AUTH: 3,
  /** The hub's certificate is not trusted or has changed, another device answers at its address, or its site forbids plain HTTP logins. */
  TLS: 4,
  /** The hub could not be reached in time (refused, no route, timeout). */
  NETWORK: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const BY_CODE: Partial<Record<ErrorCode, ExitCode>> = {
  BAD_INPUT: EXIT.USAGE,
  AUTH_FAILED: EXIT.AUTH,
  NOT_PERMITTED: EXIT.AUTH,
  SESSION_EXPIRED: EXIT.AUTH,
  TLS_UNTRUSTED: EXIT.TLS,
  CERT_CHANGED: EXIT.TLS,
  DEVICE_CHANGED: EXIT.TLS,
  HTTP_LOGIN_FORBIDDEN: EXIT.TLS,
  UNREACHABLE: EXIT.NETWORK,
  TIMEOUT: EXIT.NETWORK,
};

export function exitCodeFor(error: AppError): ExitCode {
  return BY_CODE[error.code] ?? EXIT.FAILURE;
}
