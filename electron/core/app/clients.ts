import type { EventChannel, EventPayload } from '../../shared/contract';
import type { Log } from './log';

/**
 * A connected renderer: the Electron window, or one WebSocket connection of the browser
 * transport. The backend pushes events to clients through `send` and knows nothing else of them.
 */
export interface Client {
  readonly id: string;
  send<E extends EventChannel>(event: E, payload: EventPayload<E>): void;
}

export class ClientRegistry {
  private readonly clients = new Map<string, Client>();
  private readonly monitorSubscribers = new Set<string>();

  constructor(private readonly log: Log) {}

  connect(client: Client): () => void {
    this.clients.set(client.id, client);
    return () => {
      this.clients.delete(client.id);
      this.monitorSubscribers.delete(client.id);
    };
  }

  subscribeMonitor(clientId: string): void {
    if (this.clients.has(clientId)) this.monitorSubscribers.add(clientId);
  }

  unsubscribeMonitor(clientId: string): void {
    this.monitorSubscribers.delete(clientId);
  }

  get monitorSubscriberCount(): number {
    return this.monitorSubscribers.size;
  }

  broadcast<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
    for (const client of this.clients.values()) this.deliver(client, event, payload);
  }

  toMonitorSubscribers<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
    for (const id of this.monitorSubscribers) {
      const client = this.clients.get(id);
      if (client) this.deliver(client, event, payload);
    }
  }

  private deliver<E extends EventChannel>(client: Client, event: E, payload: EventPayload<E>): void {
    try {
      client.send(event, payload);
    } catch (error) {
      // One broken client (a closed window, a dead socket) must not stop the others.
      this.log.warn('event delivery failed', { client: client.id, event, error });
    }
  }
}
