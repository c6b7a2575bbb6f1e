import WebSocket from 'ws';
import { silentLog } from '../../electron/core/app/log';
import {
  calls,
  envelopeSchema,
  events as eventSchemas,
  type CallArgs,
  type CallChannel,
  type CallResult,
  type EventChannel,
} from '../../electron/shared/contract';
import { startPreview, type Preview } from '../../electron/web/preview';
import { createSocketApi, type SocketLike } from '../../electron/web/socket-api';

/**
 * The real backend behind the web transport, and one client on its WebSocket as the page's shim
 * makes it (web/socket-api.ts over the `ws` library): what the browser preview serves, without
 * a browser. Every event that arrives is checked against the contract and kept in `seen`.
 */
export interface PreviewClient {
  preview: Preview;
  api: ReturnType<typeof createSocketApi>;
  /** Every event received so far, in order. */
  seen: { event: EventChannel; payload: unknown }[];
  /** A call whose answer must match the contract and succeed: its value. */
  call<C extends CallChannel>(channel: C, args: CallArgs<C>): Promise<CallResult<C>>;
  /** A call that must fail (args unchecked, to send what the renderer never would): its error. */
  callError(channel: CallChannel, args: unknown): Promise<{ code: string; message: string }>;
  /** Closes the socket, then stops the preview (bounded, idempotent). */
  close(): Promise<void>;
}

export async function openPreviewClient(
  dataDir: string,
  options: { onFrame?: (frame: string) => void } = {},
): Promise<PreviewClient> {
  const preview = await startPreview({ dataDir, rendererDir: null, keychain: 'memory', log: silentLog });
  const api = createSocketApi({
    url: preview.transport.wsUrl,
    token: preview.transport.token,
    maxReconnects: 0,
    connect: (url, protocols) => {
      const ws = new WebSocket(url, protocols);
      if (options.onFrame) ws.on('message', (data: WebSocket.RawData) => options.onFrame!(data.toString()));
      return ws as unknown as SocketLike;
    },
  });
  const seen: PreviewClient['seen'] = [];
  for (const event of Object.keys(eventSchemas) as EventChannel[]) {
    api.on(event, (payload) => {
      const parsed = eventSchemas[event].safeParse(payload);
      if (!parsed.success) throw new Error(`event ${event} does not match the contract: ${parsed.error.message}`);
      seen.push({ event, payload });
    });
  }
  return {
    preview,
    api,
    seen,
    async call(channel, args) {
      const envelope = await api.invoke(channel, args);
      if (!envelopeSchema(calls[channel].result).safeParse(envelope).success)
        throw new Error(
          `${channel}: the answer does not match the contract: ${JSON.stringify(envelope).slice(0, 400)}`,
        );
      if (!envelope.ok) throw new Error(`${channel} failed: ${envelope.error.code} ${envelope.error.message}`);
      return envelope.value;
    },
    async callError(channel, args) {
      const envelope = await api.invoke(channel, args as never);
      if (envelope.ok) throw new Error(`${channel} was expected to fail: ${JSON.stringify(envelope).slice(0, 400)}`);
      return envelope.error;
    },
    async close() {
      api.close();
      await preview.stop();
    },
  };
}
