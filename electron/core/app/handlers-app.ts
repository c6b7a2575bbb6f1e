import path from 'node:path';
import { fail, ok } from '../../shared/errors';
import { formatHubUrl, type HubOrigin } from '../../shared/hub-origin';
import { findHub, refuseUnvisited, type DispatchContext, type HandlerGroup } from './context';

/** About the app itself (version, transport, keychain, damaged files) and opening a hub's web interface. */
export function appHandlers(ctx: DispatchContext): HandlerGroup<'app:info' | 'app:openHubWebUi'> {
  const { host, secrets } = ctx.services;
  return {
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
export function hubWebUiUrl(address: string, endpoints: readonly Pick<HubOrigin, 'scheme' | 'port'>[]): string | null {
  const endpoint = endpoints.find((e) => e.scheme === 'https') ?? endpoints.find((e) => e.scheme === 'http');
  if (!endpoint) return null;
  let url: URL;
  try {
    url = new URL(`${formatHubUrl({ scheme: endpoint.scheme, host: address, port: endpoint.port })}/`);
  } catch {
    return null;
  }
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return null;
  return url.toString();
}
