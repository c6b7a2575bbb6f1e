/**
 * The only module that touches `window.hubkeeper` (the preload in Electron, the WebSocket shim
 * in browser tests). Stores call `call()` and `on()`; nothing else in the renderer knows how
 * the backend is reached. Types come from the shared contract as types only, so no schema code
 * is bundled into the renderer.
 */
import type { AppError } from '../../../electron/shared/errors';
import type {
  CallArgs,
  CallChannel,
  CallResult,
  EventChannel,
  EventPayload,
  RendererApi,
} from '../../../electron/shared/contract';
// The channel list module holds no schemas: importing its value keeps zod out of the bundle.
import { RENDERER_API_KEY } from '../../../electron/shared/contract-channels';

export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: AppError };

type WithApi = { [RENDERER_API_KEY]?: RendererApi };

function api(): RendererApi | null {
  return (globalThis as unknown as WithApi)[RENDERER_API_KEY] ?? null;
}

/** False when the page was opened without a backend (plain browser tab): the UI says so. */
export function isConnected(): boolean {
  return api() !== null;
}

const NO_BACKEND: AppError = {
  code: 'UNAVAILABLE',
  hubCode: null,
  message: 'This window is not connected to the Hubkeeper backend.',
};

/**
 * Call a contract channel. Never rejects: a transport failure (socket closed, IPC torn down)
 * becomes an error result like any other, so every caller handles one shape.
 */
export async function call<C extends CallChannel>(channel: C, args: CallArgs<C>): Promise<BridgeResult<CallResult<C>>> {
  const backend = api();
  if (!backend) return { ok: false, error: NO_BACKEND };
  try {
    const envelope = await backend.invoke(channel, args);
    if (envelope && typeof envelope === 'object' && 'ok' in envelope) return envelope;
    return { ok: false, error: { code: 'PROTOCOL', hubCode: null, message: `Malformed reply on ${channel}.` } };
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    return { ok: false, error: { code: 'INTERNAL', hubCode: null, message: `${channel} failed: ${message}` } };
  }
}

/** Listen to a contract event; returns the function that stops listening. */
export function on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  const backend = api();
  if (!backend) return () => {};
  return backend.on(event, listener);
}
