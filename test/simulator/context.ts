import type { RunningUpgrade } from './device-upgrades';
import type { ResultCodes } from './result-codes';
import type { SessionStore } from './sessions';
import type { Snapshot } from './scenarios';
import type { UserSpec, Variants } from './types';

/** What a route handler may see of its hub. Kept narrow so handlers stay pure and small. */
export interface HubContext {
  readonly host: string;
  readonly port: number;
  readonly https: boolean;
  readonly isHardware: boolean;
  readonly devices: number;
  /** Device upgrades started on this hub (running or ended). */
  readonly deviceUpgrades: readonly RunningUpgrade[];
  readonly variants: Readonly<Variants>;
  readonly codes: Readonly<ResultCodes>;
  readonly sessions: SessionStore;
  readonly users: ReadonlyMap<string, UserSpec & { passMd5: string }>;
  snapshot(now: number): Snapshot;
}

/** A parsed request as handlers see it. */
export interface ApiRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  cookies: Record<string, string>;
  body: string;
  /** Client address and port as the hub sees them ("127.0.0.1:53422"). */
  remote: string;
  now: number;
}

/** What a handler answers; the server turns it into bytes. */
export interface Reply {
  status: number;
  json?: Record<string, unknown>;
  text?: string;
  contentType?: string;
  headers?: Record<string, string | string[]>;
}

export const json = (body: Record<string, unknown>, headers?: Record<string, string | string[]>): Reply => ({
  status: 200,
  json: body,
  headers,
});
