/**
 * The wire format of the browser test transport (one JSON object per WebSocket message), shared
 * by the server and the page shim. Calls carry an id so answers can arrive out of order.
 */
export type ClientMessage = { t: 'call'; id: number; channel: string; args: unknown };
export type ServerMessage =
  { t: 'result'; id: number; envelope: unknown } | { t: 'event'; event: string; payload: unknown };

/** WebSocket sub-protocols: the version, and the per-run token (browsers cannot set headers). */
export const WS_PROTOCOL = 'hubkeeper.v1';
export const TOKEN_PROTOCOL_PREFIX = 'token.';
export const WS_PATH = '/hubkeeper-ws';
export const SHIM_PATH = '/hubkeeper-shim.js';
/** Query parameter of the page URL that hands the token to the shim (removed from the address bar at once). */
export const TOKEN_PARAM = 'hubkeeper-token';
