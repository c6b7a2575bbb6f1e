import { fail, ok, type Result } from '../../shared/errors';
import type { HistoryResult } from '../../shared/contract';
import type { SessionPool } from '../sessions/session-pool';
import type { HubStore } from '../store/hub-store';
import type { HistoryPort } from './ports';

/**
 * A page of a hub's published versions: asked of the hub when it answers (it pages with
 * `start`/`count` itself), else cut from the full list the store kept (newest first, sequence
 * number = position), marked `store` with its as-of time so the UI never shows it as live.
 */
export function historyPort(pool: SessionPool, store: HubStore, now: () => Date = () => new Date()): HistoryPort {
  return {
    async page(hubId, start, count): Promise<Result<HistoryResult>> {
      const client = await pool.client(hubId);
      let liveError = client.ok ? null : client.error;
      if (client.ok) {
        const status = await client.value.updateStatus({ start, count });
        if (status.ok && status.value.history)
          return ok({ page: status.value.history, source: 'hub', asOf: now().toISOString() });
        liveError = status.ok
          ? { code: 'PROTOCOL', hubCode: null, message: 'The hub answered without a version history.' }
          : status.error;
      }
      const stored = await store.readVersions(hubId);
      if (stored.ok && stored.value) {
        return ok({
          page: {
            start,
            total: stored.value.total ?? stored.value.entries.length,
            entries: stored.value.entries.slice(start, start + count),
          },
          source: 'store',
          asOf: stored.value.asOf,
        });
      }
      return liveError
        ? { ok: false, error: liveError }
        : fail('NOT_FOUND', 'No version history is known for this hub yet.');
    },
  };
}
