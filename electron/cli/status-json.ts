import type { HistoryPage, OnlineInfo, UpdateStatus, VersionEntry } from '../shared/domain';
import type { AppError } from '../shared/errors';
import { versionStatus } from '../shared/version-status';
import { errorJson } from './output';

/**
 * The stable `--json` shapes of `status` and `history` (issue 2, documented in the README).
 * Built key by key rather than by spreading the domain objects, so a field added to the
 * domain model can never leak into a script's interface unannounced.
 */

export function versionJson(e: VersionEntry): {
  version: string;
  digest: string | null;
  preRelease: boolean | null;
  releasedAt: string | null;
} {
  return { version: e.version, digest: e.digest, preRelease: e.preRelease, releasedAt: e.releasedAt };
}

export function historyJson(h: HistoryPage): {
  start: number;
  total: number | null;
  entries: ReturnType<typeof versionJson>[];
} {
  return { start: h.start, total: h.total, entries: h.entries.map(versionJson) };
}

function onlineJson(o: OnlineInfo) {
  return {
    checkedAt: o.checkedAt,
    checkResult: o.checkResult,
    updateResult: o.updateResult,
    isNewest: o.isNewest,
    newest: o.newest === null ? null : versionJson(o.newest),
    checkEnabled: o.checkEnabled,
    includePreRelease: o.includePreRelease,
  };
}

export function statusJson(s: UpdateStatus) {
  return {
    state: { code: s.state.code, hex: s.state.hex, names: [...s.state.names], unknownBits: s.state.unknownBits },
    progress: s.progress,
    version: s.version,
    osName: s.osName,
    updateEnabled: s.updateEnabled,
    /** The one up-to-date rule (shared/version-status), so scripts need not re-derive it. */
    versionStatus: versionStatus(s),
    online: s.online === null ? null : onlineJson(s.online),
    history: s.history === null ? null : historyJson(s.history),
  };
}

export function statusDocument(hub: string, status: UpdateStatus | null, error: AppError | null) {
  return {
    hub,
    ok: error === null,
    status: status === null ? null : statusJson(status),
    error: error === null ? null : errorJson(error),
  };
}

export function historyDocument(hub: string, history: HistoryPage | null, error: AppError | null) {
  return {
    hub,
    ok: error === null,
    history: history === null ? null : historyJson(history),
    error: error === null ? null : errorJson(error),
  };
}
