import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_CHANNELS, EVENT_CHANNELS, RENDERER_API_KEY } from '../shared/contract-channels';
import type { RendererApi } from '../shared/contract';

/**
 * The only thing the sandboxed page gets: `window.hubkeeper`, an object with `invoke` and `on`.
 * Built as one CommonJS file (sandboxed preloads cannot load ES modules or other files) that
 * imports nothing but `electron` and the channel lists.
 *
 * Three rules, each tested: channels are checked against exact allow-lists (never prefixes);
 * exactly one argument object crosses per call (nothing else the page passes reaches main);
 * listeners receive the payload alone, never the IpcRendererEvent, whose `sender` would lead
 * back to ipcRenderer.
 */

const callChannels: ReadonlySet<string> = new Set(CALL_CHANNELS);
const eventChannels: ReadonlySet<string> = new Set(EVENT_CHANNELS);

export const api: RendererApi = {
  invoke(channel, args) {
    if (typeof channel !== 'string' || !callChannels.has(channel)) {
      return Promise.reject(new Error(`Blocked undeclared call channel: ${String(channel)}`));
    }
    return ipcRenderer.invoke(channel, args);
  },
  on(event, listener) {
    if (typeof event !== 'string' || !eventChannels.has(event)) {
      throw new Error(`Blocked undeclared event channel: ${String(event)}`);
    }
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const forward = (_event: IpcRendererEvent, payload: unknown): void => {
      (listener as (payload: unknown) => void)(payload);
    };
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
};

contextBridge.exposeInMainWorld(RENDERER_API_KEY, Object.freeze({ ...api }));
