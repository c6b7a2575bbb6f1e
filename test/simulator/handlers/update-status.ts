import type { ApiRequest, HubContext, Reply } from '../context';
import { json } from '../context';
import { hasPermission, PERMISSION } from '../permissions';
import { STATE } from '../scenarios';
import { applyValueVariants } from '../variants';
import { findVersion, NEWEST_VERSION, page, TOTAL_VERSIONS, versionEntry } from '../versions';
import { authenticate } from './auth';

const OS_NAME = 'Debian GNU/Linux 11 (bullseye)';
const UNKNOWN_BIT = 0x80;
const newest = versionEntry(findVersion(NEWEST_VERSION)!);

/** Parses an optional non-negative integer query parameter; NaN when present but invalid. */
function intParam(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  return /^\d{1,9}$/.test(value) ? Number(value) : NaN;
}

export function updateStatus(ctx: HubContext, req: ApiRequest): Reply {
  const auth = authenticate(ctx, req);
  if ('reply' in auth) return auth.reply;
  if (!hasPermission(auth.user.permission, PERMISSION.VIEW_SYSTEM_CONFIG))
    return json({ result: ctx.codes.notPermitted });

  const v = ctx.variants;
  const startParam = intParam(req.query.start);
  const countParam = intParam(req.query.count);
  if (Number.isNaN(startParam) || Number.isNaN(countParam)) return json({ result: ctx.codes.invalidArg });
  // Default page as in the seed: from sequence 1 (just below the newest), 3 entries.
  const start = startParam ?? 1;
  let count = countParam ?? v.defaultPageSize;
  if (v.maxPageSize > 0) count = Math.min(count, v.maxPageSize);

  const snap = ctx.snapshot(req.now);
  let state = snap.state;
  if (v.unknownStateBits) state |= UNKNOWN_BIT;
  let progress = snap.progress;
  if (typeof v.progressOutOfRange === 'number') progress = v.progressOutOfRange;
  else if (v.progressOutOfRange) progress = snap.state === STATE.DOWNLOADING ? 140 : -5;

  const online: Record<string, unknown> = {
    date: snap.checkDate,
    'check-result': 0,
    'update-result': snap.updateResult,
    'is-newest': snap.version === NEWEST_VERSION,
    'newest-version': v.newestVersionAsString ? NEWEST_VERSION : newest,
    enable: true,
    'enable-expr': true,
  };
  if (!v.missingVersions) online.versions = { list: page(start, count), start, total: TOTAL_VERSIONS };

  const status: Record<string, unknown> = {
    state,
    version: snap.version,
    progress,
    'enable-update': snap.enableUpdate,
    'os-name': OS_NAME,
  };
  if (!v.missingOnlineStatus) status['online-status'] = online;
  status.info = '';

  const body = v.topLevelFields ? { result: ctx.codes.ok, ...status } : { result: ctx.codes.ok, status };
  return json(applyValueVariants(body, v));
}
