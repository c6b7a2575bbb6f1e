import type { Monitor } from '../monitor/monitor';
import type { RecordedEvents } from '../store/recorder';
import type { HubLiveState } from '../../shared/monitor';
import type { MonitorPort } from './ports';

/**
 * The running Monitor as the dispatcher sees it: lists of ids instead of one-or-all, changes as
 * arrays, and "an update ended" derived from the timeline's `update-finished` events. That one
 * announces a stored fact, so it comes from the recorder once the events and the status are on
 * disk, not from the monitor as they happen: whoever reacts to it (a window reading the
 * timeline, a report) finds the outcome in the store.
 */
export function monitorPort(
  monitor: Monitor,
  recorded: RecordedEvents,
  options: { snapshot?: () => HubLiveState[] } = {},
): MonitorPort {
  const each = (ids: readonly string[] | undefined, one: (id?: string) => unknown): void => {
    if (ids === undefined) one();
    else for (const id of ids) one(id);
  };
  return {
    // The backend passes the snapshot of every hub (the monitor holds only visited sites' hubs).
    snapshot: options.snapshot ?? (() => monitor.snapshot()),
    onChanges: (listener) => monitor.subscribe({ change: (change) => listener([change]) }),
    onUpdateEnded: (listener) =>
      recorded.onRecorded((hubId, events, live) => {
        if (!events.some((e) => e.type === 'update-finished')) return;
        const record = live?.update;
        if (record && record.outcome !== 'in-progress') listener(hubId, record);
      }),
    refresh: (ids) => each(ids, (id) => void monitor.refresh(id)),
    pause: (ids) => each(ids, (id) => monitor.pause(id)),
    resume: (ids) => each(ids, (id) => monitor.resume(id)),
    unblock: (ids) => {
      for (const id of ids) {
        monitor.resume(id);
        void monitor.refresh(id);
      }
    },
    configure: (config) => monitor.setConfig(config),
  };
}
