import type { Result } from '../../shared/errors';
import { ok } from '../../shared/errors';
import { deriveUpdates, type Timeline } from '../../shared/timeline';
import type { HubStore } from './hub-store';

/**
 * A hub's timeline as `hubkeeper timeline --json` prints it and the app shows it:
 * `{hub, events, updates}`. Updates are derived from ALL events; `limit` keeps only the newest
 * events in the list (the updates stay complete).
 */
export async function readTimeline(
  store: HubStore,
  hubId: string,
  hubUrl: string,
  limit?: number,
): Promise<Result<Timeline>> {
  const read = await store.readEvents(hubId);
  if (!read.ok) return read;
  const events = read.value.events;
  const shown =
    limit !== undefined && limit >= 0 && events.length > limit ? events.slice(events.length - limit) : events;
  return ok({ hub: hubUrl, events: shown, updates: deriveUpdates(events) });
}
