import { InvalidArgumentError, Option, type Command } from 'commander';
import { BackendOpenError, createBackend, type Backend } from '../../core/app/backend';
import { MemorySecretStore } from '../../core/app/memory-secret-store';
import type { ResolvedHub } from '../../core/monitor/hub-directory';
import type { CredentialProvider } from '../../core/sessions/credential-provider';
import { fail, type AppError, type Result } from '../../shared/errors';
import { monitorConfigSchema, type HubLiveState, type MonitorConfig } from '../../shared/monitor';
import type { Translator } from '../../core/i18n';
import { cliHost } from '../cli-host';
import { cliText } from '../cli-language';
import { cliLog } from '../cli-log';
import { cliLogFile, teeLog } from '../cli-file-log';
import { dataDirOf, hubsForSite, hubsForUrls, parseDataDir, readInventory, siteByName } from '../data-access';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes';
import { processIo, writeControl, type CliIo } from '../io';
import { parsePinOption, parsePositiveInt, parseSeconds, readPassword } from '../options';
import { reportError } from '../report-error';
import { redactUrlPassword } from '../../shared/redact-url';
import { httpLoginWarnings } from '../http-login-warning';
import { oneLine } from '../terminal-text';
import { describeChange, describeEvent, frame, redrawPieces, timeOfDay, type WatchedHub } from '../watch-view';

export interface WatchOptions {
  site?: string;
  dataDir?: string;
  user?: string;
  passwordStdin: boolean;
  pin?: string;
  /** ms, validated */
  busyInterval?: number;
  idleInterval?: number;
  concurrency?: number;
  maxRate?: number;
  /** ms an update may take to come back after its restart before it ends unverified */
  backTimeout?: number;
  /** per-request bound, ms */
  timeout: number;
}

export interface WatchEnvironment {
  /** Aborted on Ctrl-C / SIGTERM (or by a test). */
  stop: AbortSignal;
  /** Terminal width for clipping lines (0: unknown). */
  columns: number;
}

function monitorConfig(opts: WatchOptions, t: Translator): Result<Partial<MonitorConfig>> {
  const config: Partial<MonitorConfig> = {};
  if (opts.busyInterval !== undefined) config.busyMs = opts.busyInterval;
  if (opts.idleInterval !== undefined) config.idleMs = opts.idleInterval;
  if (opts.concurrency !== undefined) config.concurrency = opts.concurrency;
  if (opts.maxRate !== undefined) config.maxRequestsPerSecond = opts.maxRate;
  if (opts.backTimeout !== undefined) config.backTimeoutMs = opts.backTimeout;
  const parsed = monitorConfigSchema.partial().safeParse(config);
  const flag: Record<string, string> = {
    busyMs: '--busy-interval',
    idleMs: '--idle-interval',
    concurrency: '--concurrency',
    maxRequestsPerSecond: '--max-rate',
    backTimeoutMs: '--back-timeout',
  };
  if (!parsed.success) {
    const why = parsed.error.issues
      .map((i) => `${flag[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`)
      .join('; ');
    return fail('BAD_INPUT', t.t('cliSite.watch.settingsOutOfRange', { why }));
  }
  return { ok: true, value: parsed.data };
}

async function resolveHubs(
  urls: readonly string[],
  opts: WatchOptions,
  dataDir: string,
  io: CliIo,
  t: Translator,
): Promise<Result<ResolvedHub[]>> {
  if (urls.length > 0 && opts.site) return fail('BAD_INPUT', t.t('cliSite.watch.bothTargets'));
  if (urls.length === 0 && !opts.site) return fail('BAD_INPUT', t.t('cliSite.watch.noTargets'));
  if (opts.pin && urls.length !== 1) return fail('BAD_INPUT', t.t('cliSite.watch.pinOneHub'));
  const inventory = await readInventory(dataDir, io);
  if (!inventory.ok) return inventory;
  if (urls.length > 0) return hubsForUrls(inventory.value, urls, opts.pin ?? null);
  const site = siteByName(inventory.value, opts.site!, t);
  return site.ok ? hubsForSite(inventory.value, site.value, t) : site;
}

/**
 * `hubkeeper watch`: polls the hubs through the app's own backend (createBackend, scoped to the
 * hubs named), records everything in the data folder, and shows it live until stopped. Exit
 * code 0 when stopped by the user.
 */
export async function runWatch(
  urls: readonly string[],
  opts: WatchOptions,
  io: CliIo,
  env: WatchEnvironment,
): Promise<ExitCode> {
  const t = cliText(io);
  const dataDir = dataDirOf(opts.dataDir, io);
  const hubs = await resolveHubs(urls, opts, dataDir, io, t);
  if (!hubs.ok) return failWith(io, hubs.error, urls[0] !== undefined ? redactUrlPassword(urls[0]) : (opts.site ?? ''));
  const config = monitorConfig(opts, t);
  if (!config.ok) return failWith(io, config.error, '');
  const password = await readPassword({ passwordStdin: opts.passwordStdin, user: opts.user ?? 'Admin' }, io);
  if (!password.ok) return failWith(io, password.error, '');
  const httpWarnings = httpLoginWarnings(
    hubs.value.map((h) => h.target),
    t,
  );
  if (httpWarnings) io.err(httpWarnings);
  const credentials: CredentialProvider = {
    // The site's default user unless --user says otherwise; Magewell's administrator is Admin.
    get: async (request) => ({ user: opts.user ?? (request.defaultUser || 'Admin'), password: password.value }),
  };
  // The app's backend, scoped to these hubs for as long as this runs. It reads and writes the
  // same data folder as the app; the password goes again by itself after a hub restarts, only
  // to the device that had it (the backend's default hardware-address check).
  // Everything goes to <data folder>/logs/cli.log; the terminal gets only the warnings the user
  // must read (the hub events it shows as the view's own lines).
  const logFile = cliLogFile(dataDir);
  let backend: Backend;
  try {
    backend = await createBackend({
      dataDir,
      // Nothing of this run is remembered: the password stays in this process's memory.
      secrets: new MemorySecretStore('unavailable'),
      host: cliHost(),
      log: teeLog(logFile, cliLog(io)),
      eventLog: logFile,
      // Hub statuses only: no bundle folder to follow, no device lists asked of the hubs.
      features: { bundles: false, devices: false },
      credentials,
      fixedHubs: hubs.value.map((h) => h.target),
      monitorConfig: config.value,
      requestTimeoutMs: opts.timeout,
      startMonitor: false,
    });
  } catch (error) {
    if (error instanceof BackendOpenError) return failWith(io, error.reason, '');
    throw error;
  }
  const monitor = backend.services.monitor;

  const watched: WatchedHub[] = hubs.value.map((h) => ({ hubId: h.hubId, name: h.name, url: h.url }));
  const byId = new Map(watched.map((h) => [h.hubId, h]));
  const states = new Map<string, HubLiveState>(monitor.snapshot().map((s) => [s.hubId, s]));
  const header = () => t.t('cliSite.watch.header', { count: watched.length, dir: dataDir });

  let drawn = 0;
  let drawTimer: ReturnType<typeof setTimeout> | null = null;
  const draw = () => {
    drawTimer = null;
    const lines = frame(watched, states, header(), t);
    for (const piece of redrawPieces(lines, drawn, env.columns)) {
      if ('control' in piece) writeControl(io, 'out', piece.control);
      else io.out(piece.text);
    }
    drawn = lines.length;
  };
  // At most ~8 frames a second: a fleet of busy hubs changes far more often than a terminal needs.
  const scheduleDraw = () => {
    if (io.isTty && !drawTimer) drawTimer = setTimeout(draw, 120);
  };

  const line = (hubId: string, at: string, text: string) =>
    io.out(`${timeOfDay(at)}  ${oneLine(`${byId.get(hubId)?.name ?? hubId}  ${text}`)}\n`);
  backend.subscribe({
    change: (change) => {
      const before = states.get(change.hubId) ?? null;
      if (!io.isTty) {
        const text = describeChange(change, before, t);
        if (text) line(change.hubId, change.at, text);
      }
      if (before) states.set(change.hubId, { ...before, ...change.changes });
      scheduleDraw();
    },
    events: (hubId, events) => {
      if (!io.isTty) for (const e of events) line(hubId, e.at, describeEvent(e, t));
    },
  });

  if (io.isTty) {
    writeControl(io, 'out', '\x1b[?25l'); // hide the cursor while redrawing
    draw();
  } else {
    io.out(`${header()}\n`);
    for (const h of watched)
      io.out(
        `${oneLine(h.name === h.url ? t.t('cliSite.watch.watching', { url: h.url }) : t.t('cliSite.watch.watchingNamed', { name: h.name, url: h.url }))}\n`,
      );
  }
  backend.startMonitor();

  await new Promise<void>((resolve) => {
    if (env.stop.aborted) resolve();
    else env.stop.addEventListener('abort', () => resolve(), { once: true });
  });

  await backend.stop();
  if (drawTimer) clearTimeout(drawTimer);
  if (io.isTty) {
    for (const s of monitor.snapshot()) states.set(s.hubId, s);
    draw();
    writeControl(io, 'out', '\x1b[?25h');
  }
  io.out(`${t.t('cliSite.watch.stopped', { dir: dataDir })}\n`);
  return EXIT.OK;
}

function failWith(io: CliIo, error: AppError, hub: string): ExitCode {
  reportError(io, hub, error);
  return exitCodeFor(error);
}

function parseRate(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(value) || !(n > 0))
    throw new InvalidArgumentError('expected a number of requests per second, e.g. 50');
  return n;
}

export function registerWatchCommand(program: Command, io: CliIo = processIo()): void {
  program
    .command('watch')
    .description(
      'watch hubs live (one line per hub, progress bars) and record everything in the data folder, until Ctrl-C',
    )
    .argument('[hub-url...]', 'hub addresses (or use --site)')
    .option('--site <name>', 'watch every hub of this inventory site')
    .option('--data-dir <dir>', 'data folder (default: HUBKEEPER_DATA_DIR or the platform folder)', parseDataDir)
    .option('--user <name>', "user to log in as (default: the site's default user, else Admin)")
    .option('--password-stdin', 'read the password from standard input (otherwise from HUBKEEPER_PASSWORD)', false)
    .option('--pin <sha256:hex>', 'certificate fingerprint of a single HTTPS hub address', parsePinOption)
    .option('--busy-interval <seconds>', 'poll interval while an update runs (default 1)', parseSeconds)
    .option(
      '--idle-interval <seconds>',
      'poll interval while idle (default 5; stretched for large fleets)',
      parseSeconds,
    )
    .option('--concurrency <n>', 'requests in flight at most, over all hubs (default 32)', parsePositiveInt)
    .option('--max-rate <per-second>', 'bound on the total request rate (default 100)', parseRate)
    .option(
      '--back-timeout <seconds>',
      'an update whose hub is not back this long after its restart ends unverified (default 900)',
      parseSeconds,
    )
    .addOption(new Option('--timeout <seconds>', 'bound on each request').argParser(parseSeconds).default(10_000, '10'))
    .action(async (urls: string[], opts: WatchOptions) => {
      const controller = new AbortController();
      const stop = () => controller.abort();
      // `on`, not `once`: proper-lockfile (the data folder's lock) loads signal-exit, which
      // re-raises a signal when it finds no other listener, and a `once` listener is removed
      // before it runs, so the command would die instead of stopping cleanly.
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      try {
        io.setExitCode(
          await runWatch(urls, opts, io, { stop: controller.signal, columns: process.stdout.columns ?? 0 }),
        );
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });
}
