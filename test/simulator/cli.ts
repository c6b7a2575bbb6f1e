/**
 * `npm run simulator -- --hubs N --from 127.0.0.2 --port P [--https] [--scenario NAME] [--variant a,b]`
 * Starts a fleet of simulated Control Hubs for demos and prints one line per hub (URL, and the
 * certificate fingerprint for HTTPS) on stdout. Runs until Ctrl-C or SIGTERM; SIGUSR2 swaps the
 * HTTPS certificates.
 */
import { CommanderError } from 'commander';
import { parseCliArgs, type CliConfig } from './cli-args';
import { startFleet } from './fleet';
import type { Fault } from './types';

function describeFault(fault: Fault): string {
  const detail = fault.kind === 'latency' ? `=${fault.ms} ms` : fault.kind === 'huge' ? `=${fault.bytes} bytes` : '';
  return `${fault.kind}${detail}${fault.paths ? ` on ${fault.paths.join(', ')}` : ' on every request'}`;
}

async function main(): Promise<void> {
  let config: CliConfig;
  try {
    config = parseCliArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with code 0.
      if (err.exitCode !== 0) console.error(`simulator: ${err.message.replace(/^error: /, '')}`);
      process.exit(err.exitCode === 0 ? 0 : 2);
    }
    throw err;
  }
  const fleet = await startFleet(config.fleet);
  if (config.fault) for (const hub of fleet.hubs) hub.injectFault(config.fault);

  const { count, scenario, port, users = [] } = config.fleet;
  const logins = users.map((u) => `${u.name} / ${u.password}`).join(', ');
  console.error(
    `${count} simulated Control Hub${count === 1 ? '' : 's'}, scenario "${scenario}", log in as ${logins}. Ctrl-C stops.`,
  );
  if (port === 0) console.error('(random port per hub)');
  if (config.fault) console.error(`fault on every hub: ${describeFault(config.fault)}`);
  const secure = fleet.hubs.filter((h) => h.https);
  // The swapped-certificate fault, on demand; one swap after the other, so the lines stay in order.
  let swapping: Promise<void> = Promise.resolve();
  process.on('SIGUSR2', () => {
    swapping = swapping
      .then(async () => {
        for (const hub of secure) {
          await hub.swapCertificate();
          console.error(`new certificate: ${hub.url} ${hub.certFingerprint ?? ''}`);
        }
      })
      .catch((err: unknown) => console.error(`simulator: certificate swap failed: ${(err as Error).message}`));
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`simulator: ${signal}, stopping`);
    fleet.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  // The lines below tell scripts the fleet is ready, and a script may signal at once: every
  // signal handler is in place before them (a SIGUSR2 without one would kill the process).
  if (secure.length)
    console.error(`kill -USR2 ${process.pid} gives every HTTPS hub a new certificate (a "certificate changed" demo).`);
  for (const hub of fleet.hubs) console.log(hub.certFingerprint ? `${hub.url} ${hub.certFingerprint}` : hub.url);
}

main().catch((err: unknown) => {
  const e = err as NodeJS.ErrnoException;
  console.error(`simulator: ${e.code === 'EADDRINUSE' ? `address in use (${e.message})` : e.message}`);
  process.exit(1);
});
