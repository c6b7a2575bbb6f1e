import type { TimelineEvent, OutcomeReason, UpdateOutcome } from '../../shared/timeline';
import type { UpdateStatus } from '../../shared/domain';
import type { AppError } from '../../shared/errors';
import {
  DEFAULT_TRACKER_CONFIG,
  type Observation,
  type OpenUpdate,
  type TrackerConfig,
  type TrackerState,
} from './types';
import { isoTime } from '../iso-time';

/**
 * Verified update tracking as a pure reducer: (state, observation) → (state, events).
 *
 * The rules (issue 4):
 * - an update opens when the hub starts downloading (0x4) or receiving an upload (0x10), or when
 *   monitoring first sees it already verifying/restarting;
 * - it is `verified` only when, after a restart was seen (0x40 or the hub going silent) or the
 *   installed version changed, we READ a version that differs from the one before and equals the
 *   newest version known before the restart;
 * - `failed` when the hub reports 0x200, with `online-status.update-result`;
 * - `unverified` when the hub is back on the same version (or on another unexpected one, or a
 *   version or the newest version was never known), when it returns to idle without restarting
 *   (cancelled), or when it is not back within `backTimeoutMs` after the restart.
 * No clock inside: every time comes from the observation.
 */
export interface TrackResult {
  state: TrackerState;
  events: TimelineEvent[];
}

interface Step {
  state: TrackerState;
  at: number;
  iso: string;
  events: TimelineEvent[];
  config: TrackerConfig;
}

const TRANSPORT_CODES = new Set(['UNREACHABLE', 'TIMEOUT']);

/** Failures that mean "the hub is not answering" (as opposed to answering something wrong). */
export function isTransportFailure(error: AppError): boolean {
  return TRANSPORT_CODES.has(error.code);
}

export function track(
  previous: TrackerState,
  observation: Observation,
  config: TrackerConfig = DEFAULT_TRACKER_CONFIG,
): TrackResult {
  const state: TrackerState = { ...previous, open: previous.open ? { ...previous.open } : null };
  const step: Step = { state, at: observation.at, iso: isoTime(observation.at), events: [], config };
  if (observation.ok) onStatus(step, observation.status);
  else onFailure(step, observation.error);
  return { state, events: step.events };
}

function close(
  step: Step,
  outcome: UpdateOutcome,
  reason: OutcomeReason,
  to: string | null,
  updateResult: number | null,
): void {
  step.events.push({ at: step.iso, type: 'update-finished', outcome, reason, to, updateResult });
  step.state.open = null;
}

/** Close an update whose hub did not come back in time after its restart. */
function checkBackTimeout(step: Step): void {
  const open = step.state.open;
  if (open && open.restartAt !== null && step.at - open.restartAt > step.config.backTimeoutMs) {
    close(step, 'unverified', 'not-back', null, null);
  }
}

function onFailure(step: Step, error: AppError): void {
  const { state } = step;
  if (!isTransportFailure(error)) {
    // Wrong password, a malformed answer, …: the hub is there, and says nothing about the update.
    checkBackTimeout(step);
    return;
  }
  state.consecutiveFailures += 1;
  const open = state.open;
  if (open) {
    // During an update, silence is the restart: record it at once, whatever phase we last saw.
    if (open.restartAt === null) open.restartAt = step.at;
    open.phase = 'offline';
    if (state.reachable !== false) {
      step.events.push({ at: step.iso, type: 'hub-offline', code: error.code, message: error.message });
      state.reachable = false;
    }
    checkBackTimeout(step);
    return;
  }
  // Outside an update a single lost answer is noise; record the hub offline after repeated ones.
  if (state.reachable !== false && state.consecutiveFailures >= step.config.offlineAfterFailures) {
    step.events.push({ at: step.iso, type: 'hub-offline', code: error.code, message: error.message });
    state.reachable = false;
  }
}

type Phase =
  | 'failed'
  | 'restarting'
  | 'verifying'
  | 'cancelling'
  | 'uploading'
  | 'downloading'
  | 'checking'
  | 'unavailable'
  | 'idle'
  | 'other';

function phaseOf(names: readonly string[]): Phase {
  // Several bits may be set at once; the furthest step of an update wins.
  if (names.includes('failed')) return 'failed';
  if (names.includes('restarting')) return 'restarting';
  if (names.includes('verifying')) return 'verifying';
  if (names.includes('cancelling')) return 'cancelling';
  if (names.includes('uploading')) return 'uploading';
  if (names.includes('downloading')) return 'downloading';
  if (names.includes('checking-online') || names.includes('checking-local')) return 'checking';
  if (names.includes('unavailable')) return 'unavailable';
  if (names.includes('idle')) return 'idle';
  return 'other'; // only unknown bits: keep waiting, never guess
}

function onStatus(step: Step, status: UpdateStatus): void {
  const { state } = step;
  const version = status.version;
  const newest = status.online?.newest?.version ?? null;
  const phase = phaseOf(status.state.names);

  if (state.reachable === false) step.events.push({ at: step.iso, type: 'hub-back' });
  state.reachable = true;
  state.consecutiveFailures = 0;

  if (state.version !== null && version !== null && version !== state.version) {
    step.events.push({ at: step.iso, type: 'version-changed', from: state.version, to: version });
  }

  if (state.open) advance(step, state.open, phase, status, newest);
  else openUpdate(step, phase, status, newest);

  if (version !== null) state.version = version;
  if (newest !== null) state.newest = newest;
}

function openUpdate(step: Step, phase: Phase, status: UpdateStatus, newest: string | null): void {
  const { state } = step;
  const from = status.version ?? state.version;
  const target = newest ?? state.newest;
  const base: OpenUpdate = {
    startedAt: step.at,
    from,
    target,
    phase: 'other',
    milestone: 0,
    restartAt: null,
    restartRecorded: false,
  };
  if (phase === 'downloading') {
    state.open = { ...base, phase: 'downloading' };
    step.events.push({ at: step.iso, type: 'download-started', from, target });
    recordProgress(step, state.open, status);
  } else if (phase === 'uploading') {
    state.open = { ...base, phase: 'uploading' };
    step.events.push({ at: step.iso, type: 'upload-started', from, target });
  } else if (phase === 'verifying' || phase === 'restarting') {
    state.open = { ...base, phase };
    step.events.push({ at: step.iso, type: 'update-observed', from, target, phase });
    if (phase === 'restarting') recordRestart(step, state.open);
  }
}

function recordProgress(step: Step, open: OpenUpdate, status: UpdateStatus): void {
  const progress = status.progress;
  if (progress === null) return;
  for (const milestone of step.config.milestones) {
    if (milestone > open.milestone && progress >= milestone) {
      step.events.push({ at: step.iso, type: 'progress', percent: milestone });
      open.milestone = milestone;
    }
  }
}

function recordRestart(step: Step, open: OpenUpdate): void {
  if (!open.restartRecorded) {
    step.events.push({ at: step.iso, type: 'restarting' });
    open.restartRecorded = true;
  }
  if (open.restartAt === null) open.restartAt = step.at;
  open.phase = 'restarting';
}

function advance(step: Step, open: OpenUpdate, phase: Phase, status: UpdateStatus, newest: string | null): void {
  // The target is the newest version known BEFORE the restart: follow it until then, then freeze.
  if (open.restartAt === null && newest !== null) open.target = newest;
  const restarted = open.restartAt !== null;

  switch (phase) {
    case 'failed':
      close(step, 'failed', 'update-failed', null, status.online?.updateResult ?? null);
      return;
    case 'downloading':
      if (!restarted) open.phase = 'downloading';
      recordProgress(step, open, status);
      return;
    case 'uploading':
      if (!restarted) open.phase = 'uploading';
      return;
    case 'verifying':
      if (open.phase !== 'verifying' && !restarted) {
        step.events.push({ at: step.iso, type: 'verifying' });
        open.phase = 'verifying';
      }
      return;
    case 'cancelling':
      if (open.phase !== 'cancelling') {
        step.events.push({ at: step.iso, type: 'cancelling' });
        open.phase = 'cancelling';
      }
      return;
    case 'restarting':
      recordRestart(step, open);
      return;
    case 'checking':
    case 'other':
      // A check right after coming back, or bits we do not know: not an end state yet.
      checkBackTimeout(step);
      return;
    case 'idle':
    case 'unavailable':
      settle(step, open, status.version);
      return;
  }
}

/** The hub is at rest again: decide the outcome from the version we just read. */
function settle(step: Step, open: OpenUpdate, version: string | null): void {
  const changed = version !== null && open.from !== null && version !== open.from;
  if (open.restartAt === null && !changed) {
    // Back at rest with no sign of a restart: nothing was installed (cancelled or abandoned).
    close(step, 'unverified', 'no-restart', version, null);
  } else if (version === null || open.from === null) {
    close(step, 'unverified', 'version-unknown', version, null);
  } else if (!changed) {
    close(step, 'unverified', 'same-version', version, null);
  } else if (open.target === null) {
    close(step, 'unverified', 'newest-unknown', version, null);
  } else if (version !== open.target) {
    close(step, 'unverified', 'unexpected-version', version, null);
  } else {
    close(step, 'verified', 'new-version', version, null);
  }
}
