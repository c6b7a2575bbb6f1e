import type { MonitorConfig } from '../../shared/monitor';

/**
 * Adaptive polling intervals. A hub whose update service is busy is polled about every second
 * (progress moves), an idle one about every five (so an update started from the hub's own web
 * page is noticed within seconds). For a very large fleet the idle interval is stretched so the
 * fleet's total request rate stays under `maxRequestsPerSecond`; busy hubs keep their pace unless
 * they alone would exceed it. Unreachable hubs back off exponentially.
 */
export interface FleetCounts {
  busy: number;
  idle: number;
}

export interface Intervals {
  busyMs: number;
  idleMs: number;
}

export function fleetIntervals(config: MonitorConfig, counts: FleetCounts): Intervals {
  const perSecond = (n: number, ms: number): number => (n * 1000) / ms;
  const cap = config.maxRequestsPerSecond;
  const busyRate = perSecond(counts.busy, config.busyMs);
  const idleRate = perSecond(counts.idle, config.idleMs);
  if (busyRate + idleRate <= cap) return { busyMs: config.busyMs, idleMs: config.idleMs };

  // Busy hubs keep up to 80 % of the budget; idle hubs share the rest (at least 20 %).
  const busyBudget = Math.min(busyRate, cap * 0.8);
  const busyMs = busyRate > busyBudget ? Math.ceil((counts.busy * 1000) / busyBudget) : config.busyMs;
  const idleBudget = Math.max(cap - busyBudget, cap * 0.2);
  const idleMs =
    counts.idle === 0 ? config.idleMs : Math.max(config.idleMs, Math.ceil((counts.idle * 1000) / idleBudget));
  return { busyMs, idleMs: Math.min(Math.max(idleMs, config.idleMs), Math.max(config.idleMaxMs, config.idleMs)) };
}

/** Delay before retrying a hub after `failures` consecutive failures (1 = first failure). */
export function backoffMs(config: MonitorConfig, failures: number, awaitingRestart: boolean): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 20);
  const delay = Math.min(config.backoffMaxMs, config.backoffBaseMs * 2 ** exponent);
  // An update waiting for its hub to come back wants to see it the moment it answers.
  return awaitingRestart ? Math.min(delay, config.restartProbeMs) : delay;
}
