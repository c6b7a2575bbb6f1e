import type { HubDevices } from '../../shared/devices';

/** What the dispatcher needs of the device reader (device-reader.ts implements it). */
export interface DevicesPort {
  /** The last-known device list of each hub (every hub of the inventory when `hubIds` is omitted). */
  list(hubIds?: readonly string[]): Promise<HubDevices[]>;
  /**
   * Read this hub's devices now (a visited hub only; the caller checks). Returns at once; the
   * outcome arrives through `onChange`.
   */
  refresh(hubId: string): void;
  /** Called after every read of a hub (success or failure) and when a hub leaves the visit scope. */
  onChange(listener: (devices: HubDevices) => void): () => void;
}
