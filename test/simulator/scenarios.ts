import { NEWEST_VERSION, PREVIOUS_VERSION } from './versions';
import type { ScenarioName, Timing } from './types';

/**
 * The scripted update state machine. A scenario is a timeline of phases; what the hub reports
 * at any moment is a pure function of the time since the scenario started, so answers never
 * depend on timers firing on time. Only the restart window (the port refusing connections)
 * needs a timer, and the hub schedules it from `refuseWindows()`.
 */

export const STATE = Object.freeze({
  IDLE: 0,
  CHECKING_LOCAL: 0x1,
  CHECKING_ONLINE: 0x2,
  DOWNLOADING: 0x4,
  VERIFYING: 0x8,
  UPLOADING: 0x10,
  CANCELLING: 0x20,
  RESTARTING: 0x40,
  UNAVAILABLE: 0x100,
  FAILED: 0x200,
});

/** The update-result a failed scenario reports (0x200 + online-status.update-result). */
export const FAILED_UPDATE_RESULT = 11;
/** `online-status.date` of the seed example: the last online check before any scenario ran. */
export const SEED_CHECK_DATE = 1694400871;

export const SCENARIO_NAMES: readonly ScenarioName[] = [
  'idle',
  'update-available',
  'full-update',
  'update-fails',
  'back-on-old-version',
  'unavailable',
  'cancel',
  'upload',
  'downloading',
];

export function isScenarioName(name: string): name is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(name);
}

export interface Phase {
  name: string;
  /** Duration; Infinity for the final phase. */
  ms: number;
  state: number;
  version: string;
  /** Progress at `elapsed` ms into this phase. */
  progress: (elapsed: number) => number;
  /** The hub is rebooting: the port refuses connections. */
  refuse?: boolean;
  updateResult?: number;
  enableUpdate?: boolean;
  /** This phase is the online check: once it ends, online-status.date is its end time. */
  check?: boolean;
}

export interface Snapshot {
  phase: string;
  state: number;
  progress: number;
  version: string;
  updateResult: number;
  enableUpdate: boolean;
  refusing: boolean;
  /** online-status.date, Unix seconds. */
  checkDate: number;
}

const at = (value: number) => () => value;
const rising =
  (ms: number, to = 100) =>
  (elapsed: number) =>
    ms <= 0 ? to : Math.min(to, Math.floor((to * elapsed) / ms));

export function buildTimeline(name: ScenarioName, t: Timing): Phase[] {
  const from = PREVIOUS_VERSION;
  const lead: Phase = { name: 'update-available', ms: t.leadMs, state: STATE.IDLE, version: from, progress: at(0) };
  const check: Phase = {
    name: 'checking-online',
    ms: t.checkMs,
    state: STATE.CHECKING_ONLINE,
    version: from,
    progress: at(0),
    check: true,
  };
  const download: Phase = {
    name: 'downloading',
    ms: t.downloadMs,
    state: STATE.DOWNLOADING,
    version: from,
    progress: rising(t.downloadMs),
  };
  const verify: Phase = { name: 'verifying', ms: t.verifyMs, state: STATE.VERIFYING, version: from, progress: at(100) };
  const restart = (): Phase[] => [
    { name: 'restarting', ms: t.restartNoticeMs, state: STATE.RESTARTING, version: from, progress: at(100) },
    { name: 'rebooting', ms: t.restartMs, state: STATE.RESTARTING, version: from, progress: at(100), refuse: true },
  ];
  const done = (version: string): Phase => ({
    name: 'idle',
    ms: Infinity,
    state: STATE.IDLE,
    version,
    progress: at(0),
  });

  switch (name) {
    case 'idle':
      return [{ ...done(NEWEST_VERSION) }];
    case 'update-available':
      return [{ ...lead, ms: Infinity }];
    case 'full-update':
      return [lead, check, download, verify, ...restart(), done(NEWEST_VERSION)];
    case 'back-on-old-version':
      return [lead, check, download, verify, ...restart(), done(from)];
    case 'update-fails': {
      // The download breaks off at 60 %.
      const ms = t.downloadMs * 0.6;
      return [
        lead,
        check,
        { ...download, ms, progress: rising(ms, 60) },
        {
          name: 'failed',
          ms: Infinity,
          state: STATE.FAILED,
          version: from,
          progress: at(60),
          updateResult: FAILED_UPDATE_RESULT,
        },
      ];
    }
    case 'unavailable':
      return [
        {
          name: 'unavailable',
          ms: Infinity,
          state: STATE.UNAVAILABLE,
          version: NEWEST_VERSION,
          progress: at(0),
          enableUpdate: false,
        },
      ];
    case 'cancel': {
      const ms = t.downloadMs / 2;
      return [
        lead,
        check,
        { ...download, ms, progress: rising(ms, 50) },
        { name: 'cancelling', ms: t.cancelMs, state: STATE.CANCELLING, version: from, progress: at(50) },
        { ...lead, ms: Infinity, name: 'idle' },
      ];
    }
    case 'upload':
      return [
        lead,
        { name: 'uploading', ms: t.uploadMs, state: STATE.UPLOADING, version: from, progress: at(0) },
        verify,
        ...restart(),
        done(NEWEST_VERSION),
      ];
    case 'downloading': {
      // Busy forever, progress cycling 0 → 100 every downloadMs (for benchmarks).
      const cycle = Math.max(1, t.downloadMs);
      return [{ ...download, ms: Infinity, progress: (e) => Math.floor((100 * (e % cycle)) / cycle) }];
    }
  }
}

/** What the hub reports `elapsed` ms after the scenario started at `startedAt` (epoch ms). */
export function snapshotAt(timeline: readonly Phase[], startedAt: number, elapsed: number): Snapshot {
  let offset = 0;
  let checkDate = SEED_CHECK_DATE;
  for (let i = 0; i < timeline.length; i++) {
    const phase = timeline[i]!;
    const end = offset + phase.ms;
    const last = i === timeline.length - 1;
    if (elapsed < end || last) {
      return {
        phase: phase.name,
        state: phase.state,
        progress: phase.progress(Math.max(0, elapsed - offset)),
        version: phase.version,
        updateResult: phase.updateResult ?? 0,
        enableUpdate: phase.enableUpdate ?? true,
        refusing: phase.refuse === true,
        checkDate,
      };
    }
    if (phase.check) checkDate = Math.floor((startedAt + end) / 1000);
    offset = end;
  }
  throw new Error('empty scenario timeline');
}

/** [start, end) offsets of the phases during which the port refuses connections. */
export function refuseWindows(timeline: readonly Phase[]): { from: number; to: number }[] {
  const windows: { from: number; to: number }[] = [];
  let offset = 0;
  for (const phase of timeline) {
    if (phase.refuse && phase.ms > 0) windows.push({ from: offset, to: offset + phase.ms });
    offset += phase.ms;
  }
  return windows;
}
