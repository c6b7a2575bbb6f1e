import type { TimelineEvent, UpdateRecord } from '../../shared/timeline';

/**
 * The newest update record after some events: an opening event starts a new `in-progress`
 * record, `update-finished` closes the open one. Same rules as `deriveUpdates`, incremental.
 */
export function nextUpdateRecord(current: UpdateRecord | null, events: readonly TimelineEvent[]): UpdateRecord | null {
  let record = current;
  for (const event of events) {
    if (event.type === 'download-started' || event.type === 'upload-started' || event.type === 'update-observed') {
      if (record?.outcome === 'in-progress') continue;
      record = {
        from: event.from,
        to: null,
        outcome: 'in-progress',
        startedAt: event.at,
        endedAt: null,
        updateResult: null,
      };
    } else if (event.type === 'update-finished' && record?.outcome === 'in-progress') {
      record = { ...record, to: event.to, outcome: event.outcome, endedAt: event.at, updateResult: event.updateResult };
    }
  }
  return record;
}
