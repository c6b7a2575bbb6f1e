import { InvalidArgumentError, Option, type Command } from 'commander';
import { withSweepLog } from '../../core/app/event-log';
import { createDiscoveryService, DEFAULT_SWEEP_PORTS, parsePorts, SWEEP_DEFAULTS } from '../../core/discovery';
import type { SweepProgress, SweepResult } from '../../shared/discovery';
import { translator, type Translator } from '../../core/i18n';
import { formatHubUrl } from '../../shared/hub-origin';
import { commandLog } from '../cli-file-log';
import { cliText } from '../cli-language';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes';
import { processIo, writeControl, type CliIo } from '../io';
import { parseSeconds } from '../options';
import { formatColumns, writeError, writeJson } from '../output';

export interface ScanOptions {
  ports?: number[];
  json: boolean;
  concurrency?: number;
  /** Milliseconds (parsed from seconds). */
  timeout?: number;
  connectTimeout?: number;
  /** Sweep public, multicast, broadcast or unspecified addresses too (refused without it). */
  allowPublic?: boolean;
}

/**
 * `hubkeeper scan <cidr|range|list> [--ports 80,443] [--json]`: finds Control Hubs by probing
 * (they announce themselves in no way). A live progress line goes to stderr; the result to
 * stdout. `--json` prints exactly the documented object
 * `{"target", "ports", "scanned", "elapsedMs", "hubs": [{"address", "endpoints": [{"scheme", "port", "fingerprint", "redirectedFrom"?}]}], "others": [{"address", "port", "kind"}]}`
 * (`redirectedFrom: {"scheme", "port"}` only on an HTTPS endpoint found through a redirect).
 * Ctrl-C stops the sweep at once and prints what was found until then.
 */
export async function runScan(target: string, opts: ScanOptions, io: CliIo, signal?: AbortSignal): Promise<ExitCode> {
  const t = cliText(io);
  let lastLine = '';
  const showProgress = (p: SweepProgress) => {
    const line = t.t('cliSite.scan.progress', { target, done: p.done, total: p.total, count: p.hubsFound });
    // Rewrite one line in place (\r + clear to end of line) rather than scrolling.
    writeControl(io, 'err', '\r\x1b[K');
    io.err(line);
    lastLine = line;
  };
  // The app's own discovery (the backend's DiscoveryPort), with this command line's settings;
  // its start and end logged to cli.log as the app logs its sweeps.
  const discovery = withSweepLog(
    createDiscoveryService({
      concurrency: opts.concurrency,
      probeTimeoutMs: opts.timeout,
      connectTimeoutMs: opts.connectTimeout,
      progressIntervalMs: 100,
    }),
    commandLog(io),
  );
  const outcome = await discovery.sweep(
    target,
    opts.ports,
    { signal: signal ?? new AbortController().signal, onProgress: showProgress, onHub: () => undefined },
    opts.allowPublic === true,
  );
  if (lastLine) io.err('\n');
  if (!outcome.ok) {
    writeError(io, outcome.error);
    // A public/multicast/broadcast target without --allow-public is a command-line matter (2),
    // not a refused login (NOT_PERMITTED's usual 3).
    return outcome.error.code === 'NOT_PERMITTED' ? EXIT.USAGE : exitCodeFor(outcome.error);
  }
  const { result, cancelled } = outcome.value;
  if (cancelled) io.err(`${t.t('cliSite.scan.cancelled', { count: result.scanned })}\n`);
  if (opts.json) writeJson(io, result);
  else io.out(renderScan(result, t));
  return cancelled ? EXIT.FAILURE : EXIT.OK;
}

/** The sweep's result for people, in `t`'s language (English by default). */
export function renderScan(result: SweepResult, t: Translator = translator('en')): string {
  const hubs = result.hubs.length;
  const lines = [
    t.t('cliSite.scan.summary', {
      scanned: t.t('discovery.addresses', { count: result.scanned }),
      target: result.target,
      ports: t.t('cliSite.scan.ports', { count: result.ports.length, list: result.ports.join(', ') }),
      ms: result.elapsedMs,
      hubs: t.t('cliSite.scan.hubs', { count: hubs }),
      others: t.t('cliSite.scan.others', { count: result.others.length }),
    }),
  ];
  if (hubs > 0) {
    lines.push('', t.t('cliSite.scan.hubsTitle'));
    lines.push(
      formatColumns(
        result.hubs.map((h) => [
          `  ${h.address}`,
          h.endpoints
            .map((e) => {
              const url = formatHubUrl({ scheme: e.scheme, host: h.address, port: e.port });
              // A hub behind an HTTPS-only web server was reached through its plain port's redirect.
              return e.redirectedFrom
                ? t.t('cliSite.scan.viaRedirect', {
                    url,
                    from: formatHubUrl({ ...e.redirectedFrom, host: h.address }),
                  })
                : url;
            })
            .join('  '),
        ]),
      ),
    );
    const certs = result.hubs.flatMap((h) =>
      h.endpoints.filter((e) => e.fingerprint).map((e) => [`  ${h.address}:${e.port}`, e.fingerprint!]),
    );
    if (certs.length > 0) lines.push('', t.t('cliSite.scan.certificatesTitle'), formatColumns(certs));
  }
  if (result.others.length > 0) {
    lines.push(
      '',
      t.t('cliSite.scan.othersTitle'),
      formatColumns(result.others.map((o) => [`  ${o.address}:${o.port}`, t.t(`cliSite.scan.kind.${o.kind}`)])),
    );
  }
  return `${lines.join('\n')}\n`;
}

function parsePortList(value: string): number[] {
  const ports = parsePorts(value);
  if (!ports.ok) throw new InvalidArgumentError(ports.error.message);
  return ports.value;
}

function parseConcurrency(value: string): number {
  if (!/^\s*\d{1,4}\s*$/.test(value) || Number(value) < 1 || Number(value) > 4096)
    throw new InvalidArgumentError('expected a whole number from 1 to 4096');
  return Number(value);
}

export function registerScanCommand(program: Command, io: CliIo = processIo()): void {
  const seconds = (ms: number) => String(ms / 1000);
  program
    .command('scan')
    .description('find Control Hubs on a subnet by probing (a /24, a range or a list; at most 4096 addresses)')
    .argument('<target>', 'e.g. 192.168.1.0/24, 192.168.1.10-192.168.1.80, 192.168.1.10-80, or a comma-separated list')
    .addOption(
      new Option('--ports <list>', 'ports to probe, comma separated')
        .argParser(parsePortList)
        .default([...DEFAULT_SWEEP_PORTS], DEFAULT_SWEEP_PORTS.join(',')),
    )
    .option('--json', 'print the result as one JSON object (stable shape, see README)', false)
    .option(
      '--allow-public',
      'also sweep public, multicast, broadcast or unspecified addresses (refused without this flag)',
      false,
    )
    .option('--concurrency <n>', `sockets open at once (default ${SWEEP_DEFAULTS.concurrency})`, parseConcurrency)
    .addOption(
      new Option(
        '--timeout <seconds>',
        `how long an open port has to identify itself (default ${seconds(SWEEP_DEFAULTS.probeTimeoutMs)})`,
      ).argParser(parseSeconds),
    )
    .addOption(
      new Option(
        '--connect-timeout <seconds>',
        `how long a connection may take to open (default ${seconds(SWEEP_DEFAULTS.connectTimeoutMs)})`,
      ).argParser(parseSeconds),
    )
    .action(async (target: string, opts: ScanOptions) => {
      const controller = new AbortController();
      const onInterrupt = () => controller.abort();
      // `on`, not `once`: see watch.ts (signal-exit would re-raise the signal).
      process.on('SIGINT', onInterrupt);
      try {
        io.setExitCode(await runScan(target, opts, io, controller.signal));
      } finally {
        process.off('SIGINT', onInterrupt);
      }
    });
}
