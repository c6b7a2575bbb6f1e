import type { AppError } from '../../electron/shared/errors';
import type {
  CallArgs,
  CallChannel,
  CallResult,
  Envelope,
  EventChannel,
  EventPayload,
  RendererApi,
} from '../../electron/shared/contract';

type Handler<C extends CallChannel> = (args: CallArgs<C>) => Envelope<CallResult<C>> | Promise<Envelope<CallResult<C>>>;

/**
 * A stand-in for `window.hubkeeper` in renderer unit tests: the same RendererApi shape, calls
 * answered by per-channel handlers (unhandled calls answer NOT_FOUND, so a test notices), every
 * call recorded, and `emit` to push events as the backend would.
 */
export class FakeApi implements RendererApi {
  readonly calls: Array<{ channel: CallChannel; args: unknown }> = [];
  private readonly handlers = new Map<CallChannel, (args: unknown) => unknown>();
  private readonly listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();

  handle<C extends CallChannel>(channel: C, handler: Handler<C>): this {
    this.handlers.set(channel, handler as (args: unknown) => unknown);
    return this;
  }

  /** Answer a channel with a fixed value. */
  reply<C extends CallChannel>(channel: C, value: CallResult<C>): this {
    return this.handle(channel, () => ({ ok: true, value }));
  }

  fail<C extends CallChannel>(channel: C, error: Partial<AppError> & Pick<AppError, 'code'>): this {
    return this.handle(channel, () => ({ ok: false, error: { hubCode: null, message: '', ...error } }));
  }

  async invoke<C extends CallChannel>(channel: C, args: CallArgs<C>): Promise<Envelope<CallResult<C>>> {
    this.calls.push({ channel, args });
    const handler = this.handlers.get(channel);
    if (!handler) return { ok: false, error: { code: 'NOT_FOUND', hubCode: null, message: `no fake for ${channel}` } };
    return (await handler(args)) as Envelope<CallResult<C>>;
  }

  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const l = listener as (payload: unknown) => void;
    set.add(l);
    return () => set.delete(l);
  }

  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners.get(event) ?? []) l(payload);
  }

  listenerCount(event: EventChannel): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  callsTo(channel: CallChannel): unknown[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.args);
  }
}

export function installApi(api: RendererApi): void {
  Object.defineProperty(globalThis, 'hubkeeper', { configurable: true, writable: true, value: api });
}

export function removeApi(): void {
  delete (globalThis as { hubkeeper?: unknown }).hubkeeper;
}
