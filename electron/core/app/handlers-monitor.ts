import path from 'node:path';
import { fail, ok } from '../../shared/errors';
import type { ReportScope } from '../../shared/contract';
import { findHub, refuseUnvisited, type DispatchContext, type HandlerGroup } from './context';
import type { ChangeBatcher } from './change-batcher';

/** Watching hubs, reading their history and timeline, reports, settings and app info. */

function scopeExists(ctx: DispatchContext, scope: ReportScope): string | null {
  const inv = ctx.services.inventory.get();
  if ('siteId' in scope) return inv.sites.some((s) => s.id === scope.siteId) ? null : 'That site does not exist.';
  const known = new Set(inv.hubs.map((h) => h.id));
  const missing = scope.hubIds.filter((id) => !known.has(id));
  return missing.length ? `${missing.length} of the chosen hubs are not in the inventory.` : null;
}

export function monitorHandlers(
  ctx: DispatchContext,
  batcher: ChangeBatcher,
  currentSeq: () => number,
): HandlerGroup<
  | 'monitor:subscribe'
  | 'monitor:unsubscribe'
  | 'monitor:refresh'
  | 'monitor:pause'
  | 'monitor:resume'
  | 'history:page'
  | 'timeline:get'
  | 'report:preview'
  | 'report:save'
  | 'report:printPdf'
  | 'settings:get'
  | 'settings:set'
  | 'app:info'
  | 'app:openHubWebUi'
> {
  const { monitor, history, timeline, reports, settings, host, secrets } = ctx.services;

  function checkIds(hubIds: readonly string[] | undefined): string | null {
    if (!hubIds) return null;
    const missing = hubIds.filter((id) => !findHub(ctx, id));
    return missing.length ? `Unknown hub: ${missing[0]}` : null;
  }

  return {
    'monitor:subscribe': async (_args, { clientId }) => {
      // Flush first: everything observed so far is in the snapshot, later changes carry a higher seq.
      batcher.flushNow();
      ctx.clients.subscribeMonitor(clientId);
      return ok({ seq: currentSeq(), hubs: monitor.snapshot(), visits: ctx.services.visits.list() });
    },
    'monitor:unsubscribe': async (_args, { clientId }) => {
      ctx.clients.unsubscribeMonitor(clientId);
      return ok({ done: true as const });
    },
    'monitor:refresh': async ({ hubIds }) => {
      const bad = checkIds(hubIds);
      if (bad) return fail('NOT_FOUND', bad);
      // Refreshing "all" means every visited hub (the monitor holds no other); named hubs must be visited.
      for (const id of hubIds ?? []) {
        const refused = refuseUnvisited(ctx, id);
        if (refused) return refused;
      }
      monitor.refresh(hubIds);
      return ok({ done: true as const });
    },
    'monitor:pause': async ({ hubIds }) => {
      const bad = checkIds(hubIds);
      if (bad) return fail('NOT_FOUND', bad);
      monitor.pause(hubIds);
      return ok({ done: true as const });
    },
    'monitor:resume': async ({ hubIds }) => {
      const bad = checkIds(hubIds);
      if (bad) return fail('NOT_FOUND', bad);
      monitor.resume(hubIds);
      return ok({ done: true as const });
    },

    'history:page': async ({ hubId, start, count }) => {
      const refused = refuseUnvisited(ctx, hubId);
      if (refused) return refused;
      return history.page(hubId, start, count);
    },
    'timeline:get': async ({ hubId, limit }) => {
      if (!findHub(ctx, hubId)) return fail('NOT_FOUND', 'That hub is not in the inventory.');
      const t = await timeline.get(hubId, limit);
      return t.ok ? ok({ ...t.value, hubId }) : t;
    },

    'report:preview': async ({ scope, technician, from, to }) => {
      const bad = scopeExists(ctx, scope);
      return bad ? fail('NOT_FOUND', bad) : reports.preview({ scope, technician: technician.trim(), from, to });
    },
    'report:save': async ({ scope, technician, format, from, to, language }) => {
      const bad = scopeExists(ctx, scope);
      if (bad) return fail('NOT_FOUND', bad);
      const rendered = await reports.render({ scope, technician: technician.trim(), from, to }, format, language);
      if (!rendered.ok) return rendered;
      return host.saveFile(
        rendered.value.suggestedName,
        [{ name: format.toUpperCase(), extensions: [format] }],
        rendered.value.content,
      );
    },
    'report:printPdf': async ({ scope, technician, from, to, language }) => {
      if (!host.capabilities.printPdf)
        return fail('UNAVAILABLE', 'Printing to PDF needs the Hubkeeper app; save the HTML report instead.');
      const bad = scopeExists(ctx, scope);
      if (bad) return fail('NOT_FOUND', bad);
      const rendered = await reports.render({ scope, technician: technician.trim(), from, to }, 'html', language);
      if (!rendered.ok) return rendered;
      const pdf = await host.printToPdf(rendered.value.content);
      if (!pdf.ok) return pdf;
      const name = rendered.value.suggestedName.replace(/\.html?$/i, '') + '.pdf';
      return host.saveFile(name, [{ name: 'PDF', extensions: ['pdf'] }], pdf.value);
    },

    'settings:get': async () => ok(settings.get()),
    'settings:set': async (patch) => settings.set(patch),

    'app:info': async () =>
      ok({
        name: 'Hubkeeper',
        version: host.version,
        transport: host.transport,
        platform: host.platform,
        keychain: secrets.availability(),
        capabilities: { ...host.capabilities },
        damagedFiles: (ctx.services.dataFolder?.damagedFiles() ?? []).slice(0, 100).map((d) => ({
          name: path.basename(d.file),
          movedTo: path.basename(d.movedTo),
          at: d.at,
        })),
      }),
    'app:openHubWebUi': async ({ hubId }) => {
      const hub = findHub(ctx, hubId);
      if (!hub) return fail('NOT_FOUND', 'That hub is not in the inventory.');
      // Opening its web interface talks to the hub as much as polling does.
      const refused = refuseUnvisited(ctx, hubId);
      if (refused) return refused;
      const url = hubWebUiUrl(hub.address, hub.endpoints);
      if (!url) return fail('BAD_INPUT', 'This hub has no usable address for its web interface.');
      const opened = host.capabilities.openExternal ? await host.openExternal(url) : false;
      return ok({ opened, url });
    },
  };
}

/**
 * The hub's own web interface, built here from the inventory (never from a string the renderer
 * or the hub supplied): HTTPS when the hub has it, else HTTP; default ports omitted.
 */
export function hubWebUiUrl(
  address: string,
  endpoints: readonly { scheme: 'http' | 'https'; port: number }[],
): string | null {
  const endpoint = endpoints.find((e) => e.scheme === 'https') ?? endpoints.find((e) => e.scheme === 'http');
  if (!endpoint) return null;
  const host = address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
  let url: URL;
  try {
    url = new URL(`${endpoint.scheme}://${host}:${endpoint.port}/`);
  } catch {
    return null;
  }
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return null;
  return url.toString();
}
