import { afterEach } from 'vitest';
import { HubClient, type HubClientOptions } from '../../electron/core/hub/hub-client';
import { parseHubUrl } from '../../electron/core/hub/hub-url';
import { startHub, type HubOptions, type SimulatedHub } from '../simulator';

/**
 * Simulated hubs and hub clients for one test file, on that file's own loopback address, all
 * closed after each test. `timeoutMs` is the clients' default request timeout.
 */
export function useHubHarness(host: string, timeoutMs: number) {
  const hubs: SimulatedHub[] = [];
  const clients: HubClient[] = [];
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await Promise.all(hubs.splice(0).map((h) => h.stop()));
  });

  async function hub(options: HubOptions = {}): Promise<SimulatedHub> {
    const h = await startHub({ host, port: 0, ...options });
    hubs.push(h);
    return h;
  }

  function clientFor(h: SimulatedHub, opts: Partial<HubClientOptions> = {}): HubClient {
    const ep = parseHubUrl(h.url);
    if (!ep.ok) throw new Error(ep.error.message);
    const c = new HubClient({
      endpoint: ep.value,
      credentials: { user: 'Admin', password: 'Admin' },
      timeoutMs,
      ...opts,
    });
    clients.push(c);
    return c;
  }

  return { hub, clientFor };
}
