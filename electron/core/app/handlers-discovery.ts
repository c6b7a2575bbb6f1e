import type { FoundHub } from '../../shared/contract';
import type { DiscoveredHub } from '../../shared/discovery';
import { fail, ok } from '../../shared/errors';
import { hubView, findSite, type DispatchContext, type HandlerGroup } from './context';

interface SweepRecord {
  id: string;
  controller: AbortController;
  running: boolean;
  candidates: Map<string, DiscoveredHub>;
  startedBy: string;
}

/** Finished sweeps kept so their finds can still be added; older ones are forgotten. */
const KEEP_SWEEPS = 8;

export function discoveryHandlers(ctx: DispatchContext): HandlerGroup<
  'discovery:interfaces' | 'discovery:start' | 'discovery:cancel' | 'discovery:addFound' | 'discovery:addManual'
> & {
  dispose(): void;
} {
  const { discovery, inventory } = ctx.services;
  const sweeps = new Map<string, SweepRecord>();
  let counter = 0;

  function knownHubId(address: string): string | null {
    return inventory.get().hubs.find((h) => h.address.toLowerCase() === address.toLowerCase())?.id ?? null;
  }

  function toFound(record: SweepRecord, hub: DiscoveredHub): FoundHub {
    // Same address twice in one sweep keeps its candidate id.
    let candidateId = [...record.candidates].find(([, h]) => h.address === hub.address)?.[0];
    if (!candidateId) candidateId = `${record.id}-${record.candidates.size + 1}`;
    record.candidates.set(candidateId, hub);
    return { ...hub, candidateId, knownHubId: knownHubId(hub.address) };
  }

  function forgetOldSweeps(): void {
    const finished = [...sweeps.values()].filter((s) => !s.running);
    for (const s of finished.slice(0, Math.max(0, finished.length - KEEP_SWEEPS))) sweeps.delete(s.id);
  }

  async function addToSite(siteId: string, hubs: DiscoveredHub[]) {
    if (!findSite(ctx, siteId)) return fail<never>('NOT_FOUND', 'That site does not exist any more.');
    if (hubs.length === 0) return ok({ added: [], existing: [] as string[] });
    const added = await inventory.addHubs(siteId, hubs);
    if (!added.ok) return added;
    // Adding hubs found (or typed) here says the user is at this site: its visit starts.
    const visit = await ctx.services.visits.start(siteId);
    if (!visit.ok) return visit;
    return ok({ added: added.value.added.map((h) => hubView(ctx, h)), existing: added.value.existing });
  }

  return {
    'discovery:interfaces': async () => ok(discovery.interfaces()),

    'discovery:start': async ({ target, ports, allowPublic }, { clientId }) => {
      if ([...sweeps.values()].some((s) => s.running)) {
        return fail('UNAVAILABLE', 'A sweep is already running; cancel it or wait for it to finish.');
      }
      // NOT_PERMITTED for a public/multicast/broadcast/unspecified target the user has not
      // confirmed: the window asks and calls again with allowPublic.
      const counted = discovery.count(target, ports, allowPublic === true);
      if (!counted.ok) return counted;
      const id = `sweep-${Date.now().toString(36)}-${++counter}`;
      const record: SweepRecord = {
        id,
        controller: new AbortController(),
        running: true,
        candidates: new Map(),
        startedBy: clientId,
      };
      sweeps.set(id, record);
      const run = discovery.sweep(
        target,
        ports,
        {
          signal: record.controller.signal,
          onProgress: (p) => ctx.clients.broadcast('discovery:progress', { ...p, sweepId: id }),
          onHub: (hub) => ctx.clients.broadcast('discovery:found', { sweepId: id, hub: toFound(record, hub) }),
        },
        allowPublic === true,
      );
      void run
        .then((outcome) => {
          record.running = false;
          if (!outcome.ok) {
            ctx.clients.broadcast('discovery:finished', {
              sweepId: id,
              outcome: 'failed',
              result: null,
              error: outcome.error,
            });
          } else {
            const { cancelled, result } = outcome.value;
            ctx.clients.broadcast('discovery:finished', {
              sweepId: id,
              outcome: cancelled ? 'cancelled' : 'done',
              result: { ...result, hubs: result.hubs.map((h) => toFound(record, h)) },
              error: null,
            });
          }
          forgetOldSweeps();
        })
        .catch((error: unknown) => {
          record.running = false;
          ctx.log.error('sweep crashed', { sweep: id, error });
          ctx.clients.broadcast('discovery:finished', {
            sweepId: id,
            outcome: 'failed',
            result: null,
            error: {
              code: 'INTERNAL',
              hubCode: null,
              message: 'The sweep stopped on an unexpected problem; the details are in the log.',
            },
          });
        });
      return ok({ sweepId: id, total: counted.value.total });
    },

    'discovery:cancel': async ({ sweepId }) => {
      const record = sweeps.get(sweepId);
      if (!record) return fail('NOT_FOUND', 'No such sweep.');
      record.controller.abort();
      return ok({ done: true as const });
    },

    'discovery:addFound': async ({ sweepId, candidateIds, siteId }) => {
      const record = sweeps.get(sweepId);
      if (!record) return fail('NOT_FOUND', 'That sweep is no longer known; run it again.');
      const hubs: DiscoveredHub[] = [];
      for (const id of candidateIds) {
        const hub = record.candidates.get(id);
        if (!hub) return fail('NOT_FOUND', `No hub ${id} was found by that sweep.`);
        hubs.push(hub);
      }
      const added = await addToSite(siteId, hubs);
      return added.ok ? ok({ entries: [], ...added.value }) : added;
    },

    'discovery:addManual': async ({ text, siteId }) => {
      if (!findSite(ctx, siteId)) return fail('NOT_FOUND', 'That site does not exist any more.');
      const controller = new AbortController();
      const probed = await discovery.manual(text, controller.signal);
      if (!probed.ok) return probed;
      const added = await addToSite(siteId, probed.value.hubs);
      return added.ok ? ok({ entries: probed.value.entries, ...added.value }) : added;
    },

    dispose() {
      for (const s of sweeps.values()) s.controller.abort();
      sweeps.clear();
    },
  };
}
