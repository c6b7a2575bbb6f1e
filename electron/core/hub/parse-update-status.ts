import { z } from 'zod';
import type { HistoryPage, OnlineInfo, UpdateStatus, VersionEntry } from '../../shared/domain';
import { fail, ok, type Result } from '../../shared/errors';
import { decodeState } from '../../shared/update-state';
import {
  asObject,
  isoFromUnix,
  lenient,
  lenientBoolean,
  lenientCount,
  lenientInt,
  lenientNumber,
  lenientText,
  looseBoolean,
  looseNumber,
  looseString,
  stateWord,
} from './loose-schemas';

/**
 * Parser of `GET /api/update/status` into the shared domain model. Pure and total: whatever
 * the body is, the answer is a normalised status or a PROTOCOL error, never a throw (a
 * property test feeds it thousands of random bodies). The result code is the client's
 * business and is not looked at here.
 */

const versionEntrySchema = z
  .object({
    version: looseString.pipe(z.string().trim().min(1)),
    digest: lenient(z.string().trim().min(1)),
    'is-expr': lenient(looseBoolean),
    date: lenient(looseNumber),
  })
  .transform(
    (e): VersionEntry => ({ version: e.version, digest: e.digest, preRelease: e['is-expr'], releasedAt: isoFromUnix(e.date) }),
  );

/** `newest-version` is an entry, or on some firmware just the version string. */
const newestSchema = z.union([
  versionEntrySchema,
  looseString.pipe(z.string().trim().min(1)).transform((version): VersionEntry => ({ version, digest: null, preRelease: null, releasedAt: null })),
]);

const lenientNewest = lenient(newestSchema);
const lenientInfo = lenient(z.string());

const MAX_ENTRIES = 10_000;

function readHistory(value: unknown, defaultStart: number): HistoryPage | null {
  const versions = asObject(value);
  if (!versions) return null;
  const list = Array.isArray(versions.list) ? versions.list.slice(0, MAX_ENTRIES) : [];
  // A single unreadable entry is skipped, not fatal: the others are still true.
  const entries = list.flatMap((item) => {
    const e = versionEntrySchema.safeParse(item);
    return e.success ? [e.data] : [];
  });
  const start = lenientCount.parse(versions.start);
  const total = lenientCount.parse(versions.total);
  return { start: start ?? defaultStart, total, entries };
}

function readOnline(value: unknown): OnlineInfo | null {
  const o = asObject(value);
  if (!o) return null;
  return {
    checkedAt: isoFromUnix(lenientNumber.parse(o.date)),
    checkResult: lenientInt.parse(o['check-result']),
    updateResult: lenientInt.parse(o['update-result']),
    isNewest: lenientBoolean.parse(o['is-newest']),
    newest: lenientNewest.parse(o['newest-version']),
    checkEnabled: lenientBoolean.parse(o.enable),
    includePreRelease: lenientBoolean.parse(o['enable-expr']),
  };
}

export interface ParseUpdateStatusOptions {
  /** The `start` that was asked for, used when the hub's page does not say where it starts. */
  requestedStart?: number;
}

const protocol = (why: string): Result<UpdateStatus> => fail('PROTOCOL', `The hub's update status could not be read: ${why}.`);

export function parseUpdateStatus(body: unknown, options: ParseUpdateStatusOptions = {}): Result<UpdateStatus> {
  try {
    const top = asObject(body);
    if (!top) return protocol('the answer is not a JSON object');
    // Fields normally sit in `status`; some firmware puts them at the top level.
    const nested = asObject(top.status);
    const s = nested && 'state' in nested ? nested : 'state' in top ? top : nested;
    if (!s || !('state' in s)) return protocol('it has no update state ("state" field)');
    const state = stateWord.safeParse(s.state);
    if (!state.success) return protocol(`the update state ${JSON.stringify(s.state)?.slice(0, 40) ?? 'value'} is not a state number`);

    const progressRaw = lenientNumber.parse(s.progress);
    const online = readOnline(s['online-status']);
    const onlineObj = asObject(s['online-status']);
    const history = onlineObj ? readHistory(onlineObj.versions, options.requestedStart ?? 0) : null;
    const status: UpdateStatus = {
      state: decodeState(state.data),
      progress: progressRaw === null ? null : Math.min(100, Math.max(0, progressRaw)),
      progressRaw,
      version: lenientText.parse(s.version),
      osName: lenientText.parse(s['os-name']),
      updateEnabled: lenientBoolean.parse(s['enable-update']),
      online,
      history,
      info: lenientInfo.parse(s.info),
    };
    return ok(status);
  } catch (error) {
    // Unreachable by design; kept so a surprise in a dependency can never crash a poll loop.
    return protocol(`unexpected parser failure (${error instanceof Error ? error.message : String(error)})`);
  }
}
