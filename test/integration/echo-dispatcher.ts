import { ClientRegistry } from '../../electron/core/app/clients';
import { createInvoker, type Handlers } from '../../electron/core/app/invoke';
import type { Log } from '../../electron/core/app/log';
import { ok } from '../../electron/shared/errors';

/**
 * A small real dispatcher for testing a transport on its own: every call answers with the
 * echo of what arrived, shaped as app:openHubWebUi's result (the invoker strips what a result
 * schema does not declare), the echo packed into `url` as JSON `{ channel, args, client }`.
 * `clients` is the registry the transport's connections join (events go out through it).
 */
export function echoDispatcher(log: Log): {
  clients: ClientRegistry;
  dispatcher: { invoke: ReturnType<typeof createInvoker>; connect: ClientRegistry['connect'] };
} {
  const clients = new ClientRegistry(log);
  const handlers = new Proxy({} as Handlers, {
    get: (_t, channel) => async (args: unknown, ctx: { clientId: string }) =>
      ok({ opened: true, url: JSON.stringify({ channel, args, client: ctx.clientId }) }),
  });
  const invoke = createInvoker(handlers, { log });
  return { clients, dispatcher: { invoke, connect: (client) => clients.connect(client) } };
}
