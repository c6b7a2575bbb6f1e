/**
 * `npm run simulator -- --hubs N --from 127.0.0.2 --port P [--https] [--scenario NAME] [--variant a,b]`
 * Starts a fleet of simulated Control Hubs for demos and prints one line per hub (URL, and the
 * certificate fingerprint for HTTPS) on stdout. Runs until Ctrl-C or SIGTERM.
 */
import { CommanderError } from 'commander';
import { parseCliArgs, type CliConfig } from './cli-args';
import { startFleet } from './fleet';

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

  const { count, scenario, port } = config.fleet;
  console.error(`${count} simulated Control Hub${count === 1 ? '' : 's'}, scenario "${scenario}", log in as Admin / Admin. Ctrl-C stops.`);
  if (port === 0) console.error('(random port per hub)');
  for (const hub of fleet.hubs) console.log(hub.certFingerprint ? `${hub.url} ${hub.certFingerprint}` : hub.url);

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
}

main().catch((err: unknown) => {
  const e = err as NodeJS.ErrnoException;
  console.error(`simulator: ${e.code === 'EADDRINUSE' ? `address in use (${e.message})` : e.message}`);
  process.exit(1);
});
