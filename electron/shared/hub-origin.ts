import type { EndpointPort } from './discovery';

// Zod-free (types only from discovery.ts) so the renderer can use it without bundling zod.

/** The port a scheme implies when a hub address names none. */
export const DEFAULT_PORTS = { http: 80, https: 443 } as const;

/** Where a hub answers, and where core sends its requests: a port of the hub plus its host. */
export interface HubOrigin extends EndpointPort {
  /** Host name or IP address; IPv6 without brackets (lowercase once parseHubUrl read it). */
  host: string;
}

/**
 * The one spelling of a hub address, identical to the WHATWG URL `origin`: IPv6 in brackets,
 * the port left out when it is the scheme's default (`http://127.0.0.2:8080`,
 * `https://hub.local`, `http://[::1]:8080`). Core keys hubs by it; the CLI and the window show it.
 */
export function formatHubUrl(origin: HubOrigin): string {
  const host = origin.host.includes(':') && !origin.host.startsWith('[') ? `[${origin.host}]` : origin.host;
  const port = origin.port === DEFAULT_PORTS[origin.scheme] ? '' : `:${origin.port}`;
  return `${origin.scheme}://${host}${port}`;
}
