import type { Result } from '../../shared/errors';
import type { SessionPool } from '../sessions/session-pool';
import { readAllDevices, type AllDevices, type ReadAllOptions } from './read-all-devices';

/**
 * Reads a hub's devices through its pooled session (the one the monitor uses: one session per
 * hub). A hub without a client in the pool (not visited) answers NOT_FOUND from the pool, so
 * nothing can reach it from here.
 */
export function poolDeviceSource(
  pool: Pick<SessionPool, 'client'>,
  options: ReadAllOptions = {},
): (hubId: string) => Promise<Result<AllDevices>> {
  return async (hubId) => {
    const client = await pool.client(hubId);
    if (!client.ok) return client;
    return readAllDevices((start, count) => client.value.deviceListPage(start, count), options);
  };
}
