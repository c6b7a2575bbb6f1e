import type { HubEndpoint } from '../../shared/discovery';
import type { EndpointVerdict } from './endpoint-probe';

/** The endpoint a hub verdict describes (with a redirect note only when there is one). */
export function endpointOf(verdict: Extract<EndpointVerdict, { kind: 'hub' }>): HubEndpoint {
  const { scheme, port, fingerprint, redirectedFrom } = verdict;
  return redirectedFrom ? { scheme, port, fingerprint, redirectedFrom } : { scheme, port, fingerprint };
}

/**
 * Adds an endpoint to a hub's list, one entry per port: a redirect from port 80 and a direct
 * probe of 443 both reach the same HTTPS endpoint. It is listed once, and keeps the redirect
 * note (it is still true that port 80 leads there).
 */
export function addEndpoint(list: HubEndpoint[], endpoint: HubEndpoint): void {
  const index = list.findIndex((e) => e.port === endpoint.port);
  if (index < 0) list.push(endpoint);
  else if (!list[index]!.redirectedFrom && endpoint.redirectedFrom)
    list[index] = { ...list[index]!, redirectedFrom: endpoint.redirectedFrom };
}
