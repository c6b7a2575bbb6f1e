import type { Log } from '../logging/log';
import type { RestoredHub } from '../monitor/monitor';
import type { HubStore } from '../store/hub-store';

/**
 * A hub's last-known status and open update as the monitor takes them back (the one mapping from
 * the stored status document). A damaged snapshot only costs the last-known figures: the hub is
 * polled all the same, starting fresh.
 */
export async function readRestoredHub(
  store: Pick<HubStore, 'readStatus'>,
  hubId: string,
  log: Log,
): Promise<RestoredHub> {
  const stored = await store.readStatus(hubId);
  if (!stored.ok) log.warn('stored status unreadable; starting fresh', { hub: hubId, error: stored.error });
  const doc = stored.ok ? stored.value : null;
  return { live: doc?.live ?? null, tracker: doc?.tracker ?? null };
}
