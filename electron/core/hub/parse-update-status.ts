import { z } from 'zod';
import type { HistoryPage, OnlineInfo, UpdateStatus, VersionEntry } from '../../shared/domain';
import { fail, ok, type Result } from '../../shared/errors';
import { decodeState } from '../../shared/update-state';
import {
  asObject,
  isoFromUnix,
  lenient,
  looseBoolean,
  looseInt,
  looseNumber,
  looseString,
  readBoolean,
  readLenient,
  readNumber,
  readStateWord,
  readText,
} from './loose-schemas';
import { sameJson } from '../json-equal';
import { capped, FIELD_CAPS, FieldTooLong } from './field-caps';

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
  .transform((e): VersionEntry => ({
    version: e.version,
    digest: e.digest,
    preRelease: e['is-expr'],
    releasedAt: isoFromUnix(e.date),
  }));

/** `newest-version` is an entry, or on some firmware just the version string. */
const newestSchema = z.union([
  versionEntrySchema,
  looseString
    .pipe(z.string().trim().min(1))
    .transform((version): VersionEntry => ({ version, digest: null, preRelease: null, releasedAt: null })),
]);

const countSchema = looseInt.pipe(z.number().min(0));

/** Checks the strings of a version entry (or a plain version string) against their caps. */
function capEntry(path: string, item: unknown): void {
  if (typeof item === 'string') {
    capped(path, item, FIELD_CAPS.version);
    return;
  }
  const e = asObject(item);
  if (!e) return;
  capped(`${path}.version`, e.version, FIELD_CAPS.version);
  capped(`${path}.digest`, e.digest, FIELD_CAPS.digest);
  capped(`${path}.date`, e.date, FIELD_CAPS.number);
}

const MAX_ENTRIES = 10_000;

function readHistory(value: unknown, defaultStart: number): HistoryPage | null {
  const versions = asObject(value);
  if (!versions) return null;
  const list = Array.isArray(versions.list) ? versions.list.slice(0, MAX_ENTRIES) : [];
  list.forEach((item, i) => capEntry(`online-status.versions.list[${i}]`, item));
  // A single unreadable entry is skipped, not fatal: the others are still true.
  const entries = list.flatMap((item) => {
    const e = versionEntrySchema.safeParse(item);
    return e.success ? [e.data] : [];
  });
  const start = readLenient(countSchema, versions.start);
  const total = readLenient(countSchema, versions.total);
  return { start: start ?? defaultStart, total, entries };
}

function readOnline(o: Record<string, unknown> | null): OnlineInfo | null {
  if (!o) return null;
  capEntry('online-status.newest-version', o['newest-version']);
  capped('online-status.date', o.date, FIELD_CAPS.number);
  return {
    checkedAt: isoFromUnix(readLenient(looseNumber, o.date)),
    checkResult: readLenient(looseInt, o['check-result']),
    updateResult: readLenient(looseInt, o['update-result']),
    isNewest: readLenient(looseBoolean, o['is-newest']),
    newest: readLenient(newestSchema, o['newest-version']),
    checkEnabled: readLenient(looseBoolean, o.enable),
    includePreRelease: readLenient(looseBoolean, o['enable-expr']),
  };
}

/**
 * The last `online-status` block a caller read and what it gave. A hub sends the same block
 * (newest version, version list) poll after poll, and only its state and progress move; with a
 * memo the block is read again only when it differs from the last one. The result for the same
 * input is the same, so nothing is missed; unchanged parts also keep their identity, which
 * spares the monitor's diff a deep comparison. Kept because the poll bench shows it: without it
 * a poll through HubClient costs 60 to 100 µs more CPU (test/bench/poll, issue 12).
 */
export interface OnlineMemo {
  filled: boolean;
  raw: unknown;
  requestedStart: number;
  online: OnlineInfo | null;
  history: HistoryPage | null;
}

export function createOnlineMemo(): OnlineMemo {
  return { filled: false, raw: undefined, requestedStart: 0, online: null, history: null };
}

export interface ParseUpdateStatusOptions {
  /** The `start` that was asked for, used when the hub's page does not say where it starts. */
  requestedStart?: number;
  /** One per hub and kind of request (the default page), owned by the caller. */
  memo?: OnlineMemo;
}

function readOnlineBlock(
  raw: unknown,
  requestedStart: number,
): { online: OnlineInfo | null; history: HistoryPage | null } {
  const onlineObj = asObject(raw);
  return {
    online: readOnline(onlineObj),
    history: onlineObj ? readHistory(onlineObj.versions, requestedStart) : null,
  };
}

const protocol = (why: string): Result<UpdateStatus> =>
  fail('PROTOCOL', `The hub's update status could not be read: ${why}.`);

export function parseUpdateStatus(body: unknown, options: ParseUpdateStatusOptions = {}): Result<UpdateStatus> {
  try {
    const top = asObject(body);
    if (!top) return protocol('the answer is not a JSON object');
    // Fields normally sit in `status`; some firmware puts them at the top level.
    const nested = asObject(top.status);
    const s = nested && 'state' in nested ? nested : 'state' in top ? top : nested;
    if (!s || !('state' in s)) return protocol('it has no update state ("state" field)');
    const state = readStateWord(s.state);
    if (state === null)
      return protocol(`the update state ${JSON.stringify(s.state)?.slice(0, 40) ?? 'value'} is not a state number`);

    capped('version', s.version, FIELD_CAPS.version);
    capped('os-name', s['os-name'], FIELD_CAPS.osName);
    capped('info', s.info, FIELD_CAPS.text);
    const progressRaw = readNumber(s.progress);
    const requestedStart = options.requestedStart ?? 0;
    const rawOnline = s['online-status'];
    const memo = options.memo;
    const reusable = memo !== undefined && memo.filled && memo.requestedStart === requestedStart;
    let block: { online: OnlineInfo | null; history: HistoryPage | null };
    if (reusable && sameJson(memo.raw, rawOnline)) block = memo;
    else {
      block = readOnlineBlock(rawOnline, requestedStart);
      if (memo) Object.assign(memo, { filled: true, raw: rawOnline, requestedStart }, block);
    }
    const status: UpdateStatus = {
      state: decodeState(state),
      progress: progressRaw === null ? null : Math.min(100, Math.max(0, progressRaw)),
      progressRaw,
      version: readText(s.version),
      osName: readText(s['os-name']),
      updateEnabled: readBoolean(s['enable-update']),
      online: block.online,
      history: block.history,
      info: typeof s.info === 'string' ? s.info : null,
    };
    return ok(status);
  } catch (error) {
    if (error instanceof FieldTooLong) return protocol(error.message);
    // Unreachable by design; kept so a surprise in a dependency can never crash a poll loop.
    return protocol(`unexpected parser failure (${error instanceof Error ? error.message : String(error)})`);
  }
}
