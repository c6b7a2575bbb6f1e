import { SYSTEM_FLAG_BITS, type HubSettings, type LoginInfo, type SystemStatus } from '../../shared/domain';
import { fail, ok, type Result } from '../../shared/errors';
import {
  asObject,
  isoFromUnix,
  lenient,
  lenientBoolean,
  lenientInt,
  lenientNumber,
  lenientText,
  stateWord,
} from './loose-schemas';
import { capped, FIELD_CAPS, FieldTooLong } from './field-caps';

/** Parsers of the smaller calls. Same rules as the update status: total, lenient, never throw. */

const text = lenientText;
const num = lenientNumber;
const int = lenientInt;
const bool = lenientBoolean;
const statusWord = lenient(stateWord);

/**
 * The first object along one of the paths that has one of the expected keys (hubs may nest
 * differently; the public documentation is terse).
 */
function firstObject(
  root: Record<string, unknown>,
  paths: readonly string[][],
  keys: readonly string[],
): Record<string, unknown> | null {
  for (const path of paths) {
    let node: unknown = root;
    for (const key of path) node = asObject(node)?.[key];
    const found = asObject(node);
    if (found && keys.some((k) => k in found)) return found;
  }
  return null;
}

/**
 * A successful login answer. The session may also (or only) come in Set-Cookie, which the
 * client reads first; `token` (current hubs) or `sid` (older Cloud builds) is the fallback,
 * null when the body has neither.
 */
/** The PROTOCOL error for a field over its cap (field-caps.ts), or null when all are within. */
function checkCaps(what: string, check: () => void): Result<never> | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof FieldTooLong)
      return fail('PROTOCOL', `The hub's ${what} could not be read: ${error.message}.`);
    throw error;
  }
}

export function parseLogin(body: unknown, user: string): Result<{ token: string | null; info: LoginInfo }> {
  const top = asObject(body);
  if (!top) return fail('PROTOCOL', 'The hub answered the login with something that is not a JSON object.');
  const u = asObject(top.user) ?? {};
  const tooLong = checkCaps('login', () => {
    capped('token', top.token, FIELD_CAPS.token);
    capped('sid', top.sid, FIELD_CAPS.token);
    capped('user.name', u.name, FIELD_CAPS.name);
    capped('user.group-name', u['group-name'], FIELD_CAPS.name);
  });
  if (tooLong) return tooLong;
  return ok({
    token: text.parse(top.token) ?? text.parse(top.sid),
    info: {
      user: text.parse(u.name) ?? user,
      userType: int.parse(u.type),
      permission: num.parse(u.permission),
      groupName: text.parse(u['group-name']),
      isHardware: bool.parse(top['is-hardware']),
    },
  });
}

export function parseSystemStatus(body: unknown): Result<SystemStatus> {
  const top = asObject(body);
  if (!top) return fail('PROTOCOL', 'The hub answered the system status with something that is not a JSON object.');
  const system = firstObject(top, [['status', 'system'], ['system'], ['status'], []], ['info', 'status']) ?? {};
  const info = asObject(system.info) ?? {};
  const st = asObject(system.status) ?? {};
  const disk = asObject(st['disk-info']) ?? {};
  const tooLong = checkCaps('system status', () => {
    capped('cloud-version', info['cloud-version'], FIELD_CAPS.version);
    capped('hardware-ver', info['hardware-ver'], FIELD_CAPS.version);
    capped('date-time', info['date-time'], FIELD_CAPS.number);
  });
  if (tooLong) return tooLong;
  const statusCode = statusWord.parse(st['status-code']);
  if (Object.keys(info).length === 0 && Object.keys(st).length === 0) {
    return fail('PROTOCOL', 'The hub answered the system status without system information.');
  }
  return ok({
    clock: isoFromUnix(num.parse(info['date-time'])),
    cloudVersion: text.parse(info['cloud-version']),
    hardwareVersion: text.parse(info['hardware-ver']),
    sessionTimeoutMin: num.parse(info['expired-time']),
    cpu: num.parse(st.cpu),
    mem: num.parse(st.mem),
    netTxMbps: num.parse(st['net-tx']),
    netRxMbps: num.parse(st['net-rx']),
    diskTotalMb: num.parse(disk.total),
    diskFreeMb: num.parse(disk.free),
    statusCode,
    flags:
      statusCode === null ? [] : SYSTEM_FLAG_BITS.filter(([bit]) => (statusCode & bit) !== 0).map(([, name]) => name),
  });
}

export function parseSettings(body: unknown): Result<HubSettings> {
  const top = asObject(body);
  if (!top) return fail('PROTOCOL', 'The hub answered the settings with something that is not a JSON object.');
  const settings = firstObject(top, [['settings'], ['data'], ['status'], []], ['web', 'expired-time']) ?? top;
  const web = asObject(settings.web) ?? {};
  return ok({
    sessionTimeoutMin: num.parse(settings['expired-time']),
    httpPort: int.parse(web['http-port']),
    httpsEnabled: bool.parse(web['enable-https']),
    httpsPort: int.parse(web['https-port']),
  });
}
