import { ChangeBatcher } from './change-batcher';
import { ClientRegistry, type Client } from './clients';
import { hubView, type DispatchContext } from './context';
import { accessHandlers } from './handlers-access';
import { appHandlers } from './handlers-app';
import { deviceHandlers } from './handlers-devices';
import { diagnosticsHandlers } from './handlers-diagnostics';
import { discoveryHandlers } from './handlers-discovery';
import { historyHandlers } from './handlers-history';
import { inventoryHandlers } from './handlers-inventory';
import { monitorHandlers } from './handlers-monitor';
import { reportHandlers } from './handlers-reports';
import { settingsHandlers } from './handlers-settings';
import { visitHandlers } from './handlers-visits';
import { bundleHandlers } from './handlers-bundles';
import { bundleUploadHandlers } from './handlers-bundle-uploads';
import { createInvoker, type CallContext, type Handlers } from './invoke';
import type { Log } from './log';
import type { Services } from './ports';

export interface DispatcherOptions {
  log: Log;
  /** Validate results against the contract (tests, unpackaged runs). */
  checkResults?: boolean;
  /** How long monitor changes are coalesced before one push (ms). */
  changeFlushMs?: number;
}

/**
 * The single dispatcher: maps every contract call to the core services and pushes the services'
 * events to connected clients. Both transports (Electron IPC in main, the loopback WebSocket)
 * hand it a raw channel + argument and a client id, and send back what it answers.
 */
export function createDispatcher(services: Services, options: DispatcherOptions) {
  const { log } = options;
  const clients = new ClientRegistry(log);
  const ctx: DispatchContext = { services, clients, log };

  let seq = 0;
  const batcher = new ChangeBatcher(options.changeFlushMs ?? 50, (changes, removed) => {
    seq += 1;
    clients.toMonitorSubscribers('monitor:changed', { seq, changes, removed });
  });

  const discovery = discoveryHandlers(ctx);
  const { dispose: disposeDiscovery, ...discoveryCalls } = discovery;
  const { dispose: disposeUploads, disconnected: uploadsOfGone, ...uploadCalls } = bundleUploadHandlers(ctx);
  const handlers: Handlers = {
    ...inventoryHandlers(ctx),
    ...discoveryCalls,
    ...accessHandlers(ctx),
    ...monitorHandlers(ctx, batcher, () => seq),
    ...historyHandlers(ctx),
    ...reportHandlers(ctx),
    ...settingsHandlers(ctx),
    ...appHandlers(ctx),
    ...visitHandlers(ctx),
    ...deviceHandlers(ctx),
    ...bundleHandlers(ctx),
    ...uploadCalls,
    ...diagnosticsHandlers(ctx),
  };
  const invoke = createInvoker(handlers, { log, checkResults: options.checkResults ?? false });

  const unsubscribers = [
    services.monitor.onChanges((changes) => batcher.add(changes)),
    services.monitor.onUpdateEnded((hubId, record) => {
      const hub = services.inventory.get().hubs.find((h) => h.id === hubId);
      clients.broadcast('tracking:updateEnded', { hubId, hubName: hub ? hub.name || hub.address : hubId, record });
    }),
    services.inventory.onChange((change) => {
      // The store's change, each hub as the window sees it (saved password, access).
      clients.broadcast('inventory:changed', {
        ...change,
        upsertedHubs: change.upsertedHubs.map((h) => hubView(ctx, h)),
      });
      if (change.removedHubIds.length) batcher.remove(change.removedHubIds);
    }),
    services.visits.onChange((visits) => clients.broadcast('visit:changed', { visits })),
    services.bundles?.onChange((bundles) => clients.broadcast('bundles:changed', { bundles })) ?? (() => undefined),
    services.devices?.onChange((devices) => clients.broadcast('devices:changed', devices)) ?? (() => undefined),
    services.settings.onChange((settings) => {
      services.monitor.configure(settings.monitor);
      clients.broadcast('settings:changed', settings);
    }),
  ];

  return {
    /** Run one call for a client. Never throws; always answers an envelope. */
    invoke: (channel: unknown, rawArgs: unknown, context: CallContext) => invoke(channel, rawArgs, context),
    /** Register a client for pushed events; the returned function disconnects it. */
    connect: (client: Client) => {
      const disconnect = clients.connect(client);
      return () => {
        disconnect();
        uploadsOfGone(client.id);
      };
    },
    /** Push an event to every client (the native menu uses it for `menu:command`). */
    broadcast: clients.broadcast.bind(clients),
    dispose(): void {
      for (const off of unsubscribers) off();
      batcher.dispose();
      disposeDiscovery();
      disposeUploads();
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
