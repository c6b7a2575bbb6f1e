import { fail, ok, type Result } from '../../shared/errors';
import type { DiscoveryPort, SweepCallbacks } from './discovery-port';
import { listLocalSubnets } from './local-subnets';
import { addManually, type ManualAddOptions } from './manual-add';
import { sweep, type SweepOptions } from './sweep';
import { MAX_SWEEP_PORTS, parseSweepTarget } from './targets';

/**
 * Discovery as the app's dispatcher sees it (DiscoveryPort): the machine's subnets to offer,
 * a dry count to validate a target before starting, the sweep with progress and cancel, and
 * manual add. Timeouts and concurrency default to SWEEP_DEFAULTS; `settings` overrides them
 * (tests use short timeouts).
 */
export function createDiscoveryService(
  settings: Omit<SweepOptions, 'ports' | 'signal' | 'onProgress' | 'onHub'> & ManualAddOptions = {},
): DiscoveryPort {
  return {
    interfaces: () => listLocalSubnets(),
    count(target, ports, allowPublic): Result<{ total: number }> {
      const parsed = parseSweepTarget(target, { allowPublic });
      if (!parsed.ok) return parsed;
      if (ports !== undefined) {
        if (ports.length === 0) return fail('BAD_INPUT', 'No ports to scan.');
        if (new Set(ports).size > MAX_SWEEP_PORTS)
          return fail(
            'BAD_INPUT',
            `${new Set(ports).size} ports given; a sweep probes at most ${MAX_SWEEP_PORTS} ports.`,
          );
        const bad = ports.find((p) => !Number.isInteger(p) || p < 1 || p > 65535);
        if (bad !== undefined)
          return fail('BAD_INPUT', `${bad} is not a port: ports are whole numbers from 1 to 65535.`);
      }
      return ok({ total: parsed.value.addresses.length });
    },
    sweep: (target, ports, callbacks: SweepCallbacks, allowPublic) =>
      sweep(target, {
        ...settings,
        ports,
        allowPublic,
        signal: callbacks.signal,
        onProgress: callbacks.onProgress,
        onHub: callbacks.onHub,
      }),
    manual: (text, signal) => addManually(text, { ...settings, signal }),
  };
}
