import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The `hubkeeper` command of an installed app. The launcher scripts (build/cli/hubkeeper,
 * build/cli/hubkeeper.cmd) start the app binary as `<app> [chromium switches] --hubkeeper-cli --
 * <command…>`; the main process then runs that command instead of opening a window.
 */
export const CLI_SWITCH = '--hubkeeper-cli';

/** The CLI arguments when this process was started as the CLI, else null. */
export function embeddedCliArguments(argv: readonly string[]): string[] | null {
  const at = argv.indexOf(CLI_SWITCH);
  if (at < 0) return null;
  const rest = argv.slice(at + 1);
  return rest[0] === '--' ? rest.slice(1) : rest;
}

interface EmbeddedCli {
  runEmbeddedCli(argv: readonly string[]): Promise<number>;
}

/**
 * Runs the CLI bundle that sits beside this one (dist/electron/cli.cjs, loaded only now so a
 * window start pays nothing for it) and exits with its code once stdout and stderr have drained:
 * a pipe (`hubkeeper status --json | jq`) would otherwise lose the end of the output.
 */
export async function runEmbeddedCli(
  argv: readonly string[],
  exit: (code: number) => void,
  load: () => EmbeddedCli = () => createRequire(__filename)(path.join(__dirname, 'cli.cjs')) as EmbeddedCli,
): Promise<void> {
  let code: number;
  try {
    code = await load().runEmbeddedCli(argv);
  } catch (error) {
    process.stderr.write(`hubkeeper: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    code = 1;
  }
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  exit(code);
}

function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}
