import { MAX_DEVICES_PER_HUB, type ManagedDevice } from '../../shared/devices';
import { ok, type Result } from '../../shared/errors';
import type { DeviceListPage } from '../hub/parse-device-list';

/** What is asked per page. Only a request: hubs may answer fewer on any page. */
export const DEVICE_PAGE_REQUEST = 100;
/**
 * Bound on requests for one list. With full pages 10,000 devices take 100; a hub answering a
 * few devices per page still gets this many before the list is cut (and marked truncated).
 */
export const MAX_DEVICE_PAGES = 1000;

export type FetchDevicePage = (start: number, count: number) => Promise<Result<DeviceListPage>>;

export interface AllDevices {
  /** Sorted by serial; each serial once. */
  devices: ManagedDevice[];
  /** The hub has more than `maxDevices` (or paging hit its bound): the list stops there. */
  truncated: boolean;
  /** Why it was cut, for the log; null when not truncated. */
  truncatedBecause: string | null;
  /** Requests sent. */
  pages: number;
}

export interface ReadAllOptions {
  maxDevices?: number;
  maxPages?: number;
  pageRequest?: number;
}

/**
 * Reads a hub's whole device list page by page. `start` is the 0-based offset of the first
 * device and moves on by what each page actually held (never by a page size assumed): a hub may
 * leave `total` out and may return fewer devices than asked on any page. Paging stops at an
 * empty page, at `total` when the hub sent one, at a page that brought nothing new (a hub
 * ignoring `start`), or at the bound (`maxDevices` devices, `maxPages` requests), then with
 * `truncated`. Any failed page fails the read: a partial list is never presented as the list.
 */
export async function readAllDevices(
  fetchPage: FetchDevicePage,
  options: ReadAllOptions = {},
): Promise<Result<AllDevices>> {
  const maxDevices = options.maxDevices ?? MAX_DEVICES_PER_HUB;
  const maxPages = options.maxPages ?? MAX_DEVICE_PAGES;
  const pageRequest = options.pageRequest ?? DEVICE_PAGE_REQUEST;
  const bySerial = new Map<string, ManagedDevice>();
  let start = 0;
  let total: number | null = null;
  let pages = 0;
  let truncatedBecause: string | null = null;
  /** A page held more than was asked, past the bound. */
  let overflow = false;
  for (;;) {
    if (bySerial.size >= maxDevices) {
      // At the bound: one device more tells "exactly this many" from "more than the bound".
      let more = overflow || (total !== null && total > start);
      if (!more && total === null) {
        pages++;
        more = await hasMore(fetchPage, start);
      }
      if (more) truncatedBecause = `the hub lists more than ${maxDevices} devices`;
      break;
    }
    if (pages >= maxPages) {
      truncatedBecause = `the hub was still listing devices after ${maxPages} pages`;
      break;
    }
    const want = Math.min(pageRequest, maxDevices - bySerial.size);
    const page = await fetchPage(start, want);
    pages++;
    if (!page.ok) return page;
    if (page.value.total !== null) total = page.value.total;
    if (page.value.entries === 0) break;
    let added = 0;
    for (const device of page.value.devices) {
      if (bySerial.has(device.serial)) continue;
      if (bySerial.size >= maxDevices) {
        overflow = true;
        break;
      }
      bySerial.set(device.serial, device);
      added++;
    }
    start += page.value.entries;
    // Nothing new: the hub repeats itself (ignores `start`); going on would only repeat too.
    if (added === 0) break;
    if (total !== null && start >= total) break;
  }
  const devices = [...bySerial.values()].sort((a, b) => (a.serial < b.serial ? -1 : a.serial > b.serial ? 1 : 0));
  return ok({ devices, truncated: truncatedBecause !== null, truncatedBecause, pages });
}

async function hasMore(fetchPage: FetchDevicePage, start: number): Promise<boolean> {
  const next = await fetchPage(start, 1);
  // A failure here only means we cannot tell; the list read so far is whole up to the bound.
  return next.ok && next.value.entries > 0;
}
