import { processIo } from './io';
import { runCli } from './program';

/**
 * The CLI as the installed app runs it: `dist/electron/cli.cjs`, loaded by the Electron main
 * process when it was started by the `hubkeeper` launcher (main/cli-mode.ts). The shipped
 * Electron binary cannot run as plain Node (the RunAsNode fuse is off), so the main process runs
 * the command itself and exits with its code; everything else is the same code as `node
 * dist/cli/hubkeeper.mjs`.
 */
export function runEmbeddedCli(argv: readonly string[]): Promise<number> {
  return runCli(argv, processIo());
}
