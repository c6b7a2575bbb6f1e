import { z } from 'zod';
import { errorCodeSchema } from './errors';

/**
 * The event timeline of one hub and the update records derived from it. These shapes are a
 * stable interface: they are stored (one JSON line per event), sent to the renderer, and printed
 * by `hubkeeper timeline --json`. Add fields, never rename.
 */

export const UPDATE_OUTCOMES = ['verified', 'failed', 'unverified'] as const;
export const updateOutcomeSchema = z.enum(UPDATE_OUTCOMES);
export type UpdateOutcome = z.infer<typeof updateOutcomeSchema>;

/**
 * Why an update ended the way it did. `verified` has exactly one reason (`new-version`); the
 * others say which rule of the tracker closed it.
 */
export const OUTCOME_REASONS = [
  'new-version',
  'update-failed',
  'same-version',
  'unexpected-version',
  'newest-unknown',
  'version-unknown',
  'not-back',
  'no-restart',
] as const;
export const outcomeReasonSchema = z.enum(OUTCOME_REASONS);
export type OutcomeReason = z.infer<typeof outcomeReasonSchema>;

const at = z.string();
const version = z.string().nullable();

export const timelineEventSchema = z.discriminatedUnion('type', [
  /** The update service began downloading firmware (state 0x4). Opens an update. */
  z.object({ at, type: z.literal('download-started'), from: version, target: version }),
  /** A manual firmware upload began (state 0x10). Opens an update. */
  z.object({ at, type: z.literal('upload-started'), from: version, target: version }),
  /** Monitoring started while an update was already past its download. Opens an update. */
  z.object({ at, type: z.literal('update-observed'), from: version, target: version, phase: z.string() }),
  /** Download progress crossed a milestone (percent, clamped 0–100). */
  z.object({ at, type: z.literal('progress'), percent: z.number() }),
  z.object({ at, type: z.literal('verifying') }),
  z.object({ at, type: z.literal('cancelling') }),
  /** The hub reported state 0x40: update finished, hub restarting. */
  z.object({ at, type: z.literal('restarting') }),
  /** The hub stopped answering (during an update: at once; otherwise after repeated failures). */
  z.object({ at, type: z.literal('hub-offline'), code: errorCodeSchema, message: z.string() }),
  /** The hub answered again after being offline. */
  z.object({ at, type: z.literal('hub-back') }),
  /** The installed version read from the hub differs from the one read before. */
  z.object({ at, type: z.literal('version-changed'), from: z.string(), to: z.string() }),
  /** Closes the open update. `to` is the version read after the restart, null when none was read. */
  z.object({
    at,
    type: z.literal('update-finished'),
    outcome: updateOutcomeSchema,
    reason: outcomeReasonSchema,
    to: version,
    updateResult: z.number().int().nullable(),
  }),
]);
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const updateRecordSchema = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  outcome: z.enum([...UPDATE_OUTCOMES, 'in-progress']),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  updateResult: z.number().int().nullable(),
});
export type UpdateRecord = z.infer<typeof updateRecordSchema>;

/** The documented output of `hubkeeper timeline --json` and of the timeline IPC call. */
export const timelineSchema = z.object({
  hub: z.string(),
  events: z.array(timelineEventSchema),
  updates: z.array(updateRecordSchema),
});
export type Timeline = z.infer<typeof timelineSchema>;

/**
 * The one fold of timeline events into update records: an opening event starts a new
 * `in-progress` record unless one is open (the tracker never opens twice, so a second opening is
 * a duplicate), `update-finished` closes the open one; anything else changes nothing. Returns
 * `record` itself when nothing changed.
 */
export function applyUpdateEvent(record: UpdateRecord | null, event: TimelineEvent): UpdateRecord | null {
  if (event.type === 'download-started' || event.type === 'upload-started' || event.type === 'update-observed') {
    if (record?.outcome === 'in-progress') return record;
    return {
      from: event.from,
      to: null,
      outcome: 'in-progress',
      startedAt: event.at,
      endedAt: null,
      updateResult: null,
    };
  }
  if (event.type === 'update-finished' && record?.outcome === 'in-progress')
    return { ...record, to: event.to, outcome: event.outcome, endedAt: event.at, updateResult: event.updateResult };
  return record;
}

/** The newest update record after some events (the monitor's live `update`, incrementally). */
export function nextUpdateRecord(current: UpdateRecord | null, events: readonly TimelineEvent[]): UpdateRecord | null {
  return events.reduce(applyUpdateEvent, current);
}

/** Rebuild every update record from a hub's events, oldest first (timelines and reports). */
export function deriveUpdates(events: readonly TimelineEvent[]): UpdateRecord[] {
  const updates: UpdateRecord[] = [];
  let record: UpdateRecord | null = null;
  for (const event of events) {
    const next = applyUpdateEvent(record, event);
    if (next && next !== record) {
      // A finished event closes the record last pushed; any other change opened a new one.
      if (event.type === 'update-finished') updates[updates.length - 1] = next;
      else updates.push(next);
    }
    record = next;
  }
  return updates;
}
