import { HubClient } from '../core/hub/hub-client';
import { formatHubUrl, parseHubUrl, type HubEndpoint } from '../core/hub/hub-url';
import type { Result } from '../shared/errors';
import { withDeadline } from './deadline';
import type { CliIo } from './io';
import { readPassword, type HubCommandOptions } from './options';

export interface HubRun<T> {
  /** Canonical hub URL, or the input as typed when it could not be read. */
  hub: string;
  result: Result<T>;
}

/**
 * The common life of a command against one hub: read the address and the password, open a
 * client with the pin, run `work` within the command's deadline, log out, close. Everything
 * that can go wrong comes back as a Result; nothing here writes output.
 */
export async function withHub<T>(
  urlInput: string,
  opts: HubCommandOptions,
  io: CliIo,
  what: string,
  work: (client: HubClient, endpoint: HubEndpoint) => Promise<Result<T>>,
): Promise<HubRun<T>> {
  const endpoint = parseHubUrl(urlInput);
  if (!endpoint.ok) return { hub: urlInput, result: endpoint };
  const hub = formatHubUrl(endpoint.value);
  const password = await readPassword(opts, io);
  if (!password.ok) return { hub, result: password };
  const result = await withDeadline(opts.timeout, `${what} of ${hub}`, async (signal) => {
    const client = new HubClient({
      endpoint: endpoint.value,
      credentials: { user: opts.user, password: password.value },
      pin: opts.pin ?? null,
      timeoutMs: opts.timeout,
      signal,
    });
    try {
      const value = await work(client, endpoint.value);
      // Hubs keep a limited number of sessions: leave none behind. Its outcome does not
      // change the answer the technician asked for.
      if (client.isLoggedIn && !signal.aborted) await client.logout();
      return value;
    } finally {
      client.close();
    }
  });
  return { hub, result };
}
