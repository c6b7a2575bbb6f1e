import type { HubLiveState } from './monitor';

// Kept apart from the zod schemas in monitor.ts so the renderer can use it without bundling zod.

/** A hub nothing has been observed of yet: every figure unknown, nothing stale or offline. */
export function emptyLiveState(hubId: string, intervalMs: number): HubLiveState {
  return {
    hubId,
    state: null,
    progress: null,
    progressRaw: null,
    version: null,
    osName: null,
    updateEnabled: null,
    online: null,
    history: null,
    info: null,
    system: null,
    lastSuccessAt: null,
    lastAttemptAt: null,
    systemAt: null,
    stale: false,
    offline: false,
    consecutiveFailures: 0,
    error: null,
    paused: false,
    blockedBy: null,
    intervalMs,
    update: null,
  };
}
