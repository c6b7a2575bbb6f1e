import { RENDERER_API_KEY } from '../shared/contract-channels';
import { TOKEN_PARAM, WS_PATH } from './protocol';
import { createSocketApi, type SocketLike } from './socket-api';

/**
 * Browser entry of the test transport (bundled to an IIFE and served as /hubkeeper-shim.js
 * before the renderer's own scripts): gives the page the same `window.hubkeeper` the Electron
 * preload gives it. The per-run token arrives once in the page URL, is moved to sessionStorage
 * (so a reload keeps working) and removed from the address bar.
 */
// The few browser globals used, declared here so this file type-checks in the Node project.
declare const window: {
  location: { href: string; protocol: string; host: string };
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  history: { state: unknown; replaceState(state: unknown, unused: string, url: string): void };
};
declare const WebSocket: new (url: string, protocols: string[]) => SocketLike;

const STORAGE_KEY = 'hubkeeper-token';
const url = new URL(window.location.href);
const fromUrl = url.searchParams.get(TOKEN_PARAM);
if (fromUrl) {
  window.sessionStorage.setItem(STORAGE_KEY, fromUrl);
  url.searchParams.delete(TOKEN_PARAM);
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
}
const token = fromUrl ?? window.sessionStorage.getItem(STORAGE_KEY) ?? '';
const wsUrl = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}${WS_PATH}`;
const { close: _close, ...api } = createSocketApi({
  url: wsUrl,
  token,
  connect: (address, protocols) => new WebSocket(address, protocols),
});
Object.defineProperty(window, RENDERER_API_KEY, {
  value: Object.freeze(api),
  writable: false,
  configurable: false,
  enumerable: true,
});
