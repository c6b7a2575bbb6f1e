import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CALL_CHANNELS, type Envelope } from '../shared/contract';
import type { CallContext } from '../core/app/invoke';
import type { Log } from '../core/app/log';
import { isTrustedSender } from './trusted-sender';

export type InvokeFn = (channel: unknown, rawArgs: unknown, context: CallContext) => Promise<Envelope<unknown>>;

/** The client id the main window's calls carry (there is one window). */
export const WINDOW_CLIENT_ID = 'window';

/**
 * The one IPC wrapper every contract call is registered through, so no handler can skip a
 * gate: (1) the sender must be the main frame of our own window at our own URL, (2) exactly
 * one argument object, (3) the dispatcher parses it with the contract's schema before any
 * handler runs and (4) answers an envelope; details of failures stay in the main-process log.
 */
export function registerContractIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  deps: { invoke: InvokeFn; ourContents: () => WebContents | null; log: Log },
): () => void {
  for (const channel of CALL_CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...raw: unknown[]): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event, deps.ourContents())) {
        deps.log.warn('IPC refused: untrusted sender', { channel, url: event.senderFrame?.url?.slice(0, 200) ?? null });
        return {
          ok: false,
          error: { code: 'NOT_PERMITTED', hubCode: null, message: 'This page may not talk to Hubkeeper.' },
        };
      }
      if (raw.length !== 1) {
        deps.log.warn('IPC refused: wrong argument count', { channel, count: raw.length });
        return {
          ok: false,
          error: { code: 'BAD_INPUT', hubCode: null, message: 'Invalid request: expected one argument object.' },
        };
      }
      return deps.invoke(channel, raw[0], { clientId: WINDOW_CLIENT_ID });
    });
  }
  return () => {
    for (const channel of CALL_CHANNELS) ipcMain.removeHandler(channel);
  };
}
