import type { Command } from 'commander';
import { readAllDevices } from '../../core/devices/read-all-devices';
import { findSite, hubsOfSite } from '../../core/monitor/hub-directory';
import { formatHubUrl } from '../../core/hub/hub-url';
import { chooseEndpoint } from '../../core/sessions/session-target';
import { ok, type Result } from '../../shared/errors';
import type { Inventory, InventoryHub } from '../../shared/inventory';
import { cliText } from '../cli-language';
import { cliFail } from '../cli-words';
import { dataDirOf, parseDataDir, readInventory } from '../data-access';
import { devicesDocument, renderDevices } from '../devices-output';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes';
import { withHub } from '../hub-session';
import { processIo, type CliIo } from '../io';
import { addHubOptions, type HubCommandOptions } from '../options';
import { writeError, writeJson } from '../output';
import { reportError } from '../report-error';

export interface DevicesOptions extends HubCommandOptions {
  site?: string;
  dataDir?: string;
}

/** An inventory hub named by id, or (within `--site`) by id, name or address. */
function inventoryHub(inventory: Inventory, ref: string, siteName: string | undefined): Result<InventoryHub | null> {
  if (siteName === undefined) return ok(inventory.hubs.find((h) => h.id === ref) ?? null);
  const site = findSite(inventory, siteName);
  if (!site) return cliFail('NOT_FOUND', { key: 'cliHub.devices.noSite', params: { site: siteName } });
  const wanted = ref.toLowerCase();
  const hubs = hubsOfSite(inventory, site.id);
  return ok(
    hubs.find((h) => h.id === ref) ??
      hubs.find((h) => h.name.toLowerCase() === wanted || h.address.toLowerCase() === wanted) ??
      null,
  );
}

/** Where to connect: an inventory hub's own endpoint and pin, or the address as typed. */
async function target(
  ref: string,
  opts: DevicesOptions,
  io: CliIo,
): Promise<Result<{ url: string; pin: string | undefined }>> {
  const looksLikeId = opts.site !== undefined || /^[A-Za-z0-9_-]+$/.test(ref);
  if (!looksLikeId) return ok({ url: ref, pin: opts.pin });
  const inventory = await readInventory(dataDirOf(opts.dataDir, io), io);
  if (!inventory.ok) return inventory;
  const hub = inventoryHub(inventory.value, ref, opts.site);
  if (!hub.ok) return hub;
  if (!hub.value) {
    if (opts.site !== undefined)
      return cliFail('NOT_FOUND', { key: 'cliHub.devices.noHubInSite', params: { site: opts.site, hub: ref } });
    return ok({ url: ref, pin: opts.pin });
  }
  const chosen = chooseEndpoint(hub.value);
  if (!chosen) return cliFail('NOT_FOUND', { key: 'cliHub.devices.noAddress', params: { hub: ref } });
  return ok({ url: formatHubUrl(chosen.endpoint), pin: opts.pin ?? chosen.pin ?? undefined });
}

/** `hubkeeper devices <hub-url-or-id>`: the managed encoders and decoders of one hub, read now. */
export async function runDevices(ref: string, opts: DevicesOptions, io: CliIo): Promise<ExitCode> {
  const where = await target(ref, opts, io);
  if (!where.ok) {
    if (opts.json) writeJson(io, devicesDocument(ref, null, where.error));
    else writeError(io, where.error);
    return exitCodeFor(where.error);
  }
  const { hub, result } = await withHub(
    where.value.url,
    { ...opts, pin: where.value.pin },
    io,
    { log: 'Reading the devices', words: 'cliHub.work.devices' },
    (client) => readAllDevices((start, count) => client.deviceListPage(start, count)),
  );
  const asOf = new Date().toISOString();
  const t = cliText(io);
  if (result.ok && result.value.truncated) {
    const { devices, truncatedBecause: reason } = result.value;
    const text = t.t('cliHub.devices.truncated', { hub, count: devices.length, reason: reason ?? '' });
    io.err(`${t.t('cliCommon.warning', { text })}\n`);
  }
  const read = result.ok ? { asOf, devices: result.value.devices } : null;
  if (opts.json) writeJson(io, devicesDocument(hub, read, result.ok ? null : result.error));
  else if (result.ok) io.out(renderDevices(hub, asOf, result.value.devices, t));
  else reportError(io, hub, result.error);
  return result.ok ? EXIT.OK : exitCodeFor(result.error);
}

export function registerDevicesCommand(program: Command, io: CliIo = processIo()): void {
  const t = cliText(io);
  addHubOptions(
    program
      .command('devices')
      .description(t.t('cliHub.help.devices'))
      .argument('<hub-url-or-id>', t.t('cliHub.help.hubUrlOrId'))
      .option('--site <name>', t.t('cliHub.help.site'))
      .option('--data-dir <dir>', t.t('cliHub.help.dataDir'), parseDataDir),
    t,
  ).action(async (ref: string, opts: DevicesOptions) => {
    io.setExitCode(await runDevices(ref, opts, io));
  });
}
