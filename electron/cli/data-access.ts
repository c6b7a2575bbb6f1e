import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { resolveDataDir } from '../core/data-dir';
import { parseHubUrl } from '../core/hub/hub-url';
import {
  findSite,
  hubsOfSite,
  resolveByEndpoint,
  resolveInventoryHub,
  type ResolvedHub,
} from '../core/monitor/hub-directory';
import { fail, ok, type Result } from '../shared/errors';
import type { Inventory, Site } from '../shared/inventory';
import type { Translator } from '../core/i18n';
import { InventoryStore } from '../core/inventory';
import { warnDamaged } from './damage-warning';
import type { CliIo } from './io';

/**
 * What `watch`, `timeline` and `report` share: the data folder (`--data-dir`, else the
 * platform's folder), the inventory in it, and the hubs a command line names.
 */

export function dataDirOf(option: string | undefined, io: CliIo): string {
  if (option !== undefined) return path.resolve(option);
  return resolveDataDir({
    env: io.env,
    platform: process.platform,
    home: io.env.HOME ?? io.env.USERPROFILE ?? process.cwd(),
  });
}

/** Commander parser for --data-dir: any non-empty path. */
export function parseDataDir(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('expected a folder path');
  return value;
}

/**
 * The inventory of the data folder, read through the inventory module (absent file: empty; a
 * damaged one is moved aside and, with `io`, named in a warning on stderr).
 */
export async function readInventory(dataDir: string, io?: CliIo): Promise<Result<Inventory>> {
  const store = await InventoryStore.open(dataDir, io ? { onDamaged: warnDamaged(io) } : {});
  return store.ok ? ok(store.value.get()) : store;
}

/** The site named `name`, or an error (in `t`'s language) naming the sites there are. */
export function siteByName(inventory: Inventory, name: string, t: Translator): Result<Site> {
  const site = findSite(inventory, name);
  if (site) return ok(site);
  if (inventory.sites.length === 0) return fail('NOT_FOUND', t.t('cliSite.data.noSiteEmpty', { name }));
  const known = inventory.sites
    .map((s) => t.t('cliSite.data.siteName', { name: s.name }))
    .join(t.t('cliSite.data.listJoiner'));
  return fail('NOT_FOUND', t.t('cliSite.data.noSite', { name, known }));
}

export function hubsForSite(inventory: Inventory, site: Site, t: Translator): Result<ResolvedHub[]> {
  const hubs = hubsOfSite(inventory, site.id)
    .map((h) => resolveInventoryHub(inventory, h))
    .filter((h): h is ResolvedHub => h !== null);
  if (hubs.length === 0) return fail('NOT_FOUND', t.t('cliSite.data.noHubs', { site: site.name }));
  return ok(hubs);
}

export function hubsForUrls(inventory: Inventory, urls: readonly string[], pin: string | null): Result<ResolvedHub[]> {
  const out: ResolvedHub[] = [];
  for (const url of urls) {
    const endpoint = parseHubUrl(url);
    if (!endpoint.ok) return endpoint;
    const hub = resolveByEndpoint(inventory, endpoint.value, pin);
    if (!out.some((h) => h.hubId === hub.hubId)) out.push(hub);
  }
  return ok(out);
}
