import path from 'node:path';

/**
 * Layout of the monitor's part of the data folder (the inventory file next to it belongs to the
 * inventory module):
 *
 *   <data-dir>/store/meta.json                 { "schema": 1 } — the store's format version
 *   <data-dir>/store/hubs/<hub>/status.json    last-known status with its as-of time
 *   <data-dir>/store/hubs/<hub>/versions.json  every published version the hub listed
 *   <data-dir>/store/hubs/<hub>/events.jsonl   append-only event timeline, one JSON per line
 *   <data-dir>/store/hubs/<hub>/devices.json   last device list read (managed encoders/decoders)
 */
export const STORE_FOLDER = 'store';

/**
 * Hub ids come from the inventory and may hold any character; a folder name may not. Everything
 * outside [A-Za-z0-9_-] becomes `~xx` (UTF-8 bytes in hex), so '.', '/', '\\' can never form a
 * path of their own and the mapping reverses exactly.
 */
export function encodeHubId(hubId: string): string {
  let out = '';
  for (const byte of Buffer.from(hubId, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9_-]/.test(ch) ? ch : `~${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

export function decodeHubId(folder: string): string | null {
  if (!/^(?:[A-Za-z0-9_-]|~[0-9a-f]{2})+$/.test(folder)) return null;
  const bytes: number[] = [];
  for (let i = 0; i < folder.length;) {
    if (folder[i] === '~') {
      bytes.push(parseInt(folder.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      bytes.push(folder.charCodeAt(i));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

export interface HubPaths {
  dir: string;
  status: string;
  versions: string;
  events: string;
  devices: string;
}

export function storeDir(dataDir: string): string {
  return path.join(dataDir, STORE_FOLDER);
}

export function hubsDir(dataDir: string): string {
  return path.join(storeDir(dataDir), 'hubs');
}

export function hubPaths(dataDir: string, hubId: string): HubPaths {
  const dir = path.join(hubsDir(dataDir), encodeHubId(hubId));
  return {
    dir,
    status: path.join(dir, 'status.json'),
    versions: path.join(dir, 'versions.json'),
    events: path.join(dir, 'events.jsonl'),
    devices: path.join(dir, 'devices.json'),
  };
}
