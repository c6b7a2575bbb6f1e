import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands';
import { languageFromArgv, parseLang } from './cli-language';
import { EXIT } from './exit-codes';
import { terminalIo, type CliIo } from './io';
import { VERSION } from './version';

/** The `hubkeeper` program, writing to `io` (so tests can run it in-process). */
export function buildProgram(io: CliIo): Command {
  const program = new Command('hubkeeper')
    .description('Keep Magewell Control Hub appliances up to date from the command line')
    .version(VERSION)
    // Read again by runCli before parsing (cli-language.ts); declared here so every command takes it.
    .option(
      '--lang <en|zh-CN>',
      'language of messages and reports (default: from LC_ALL, LC_MESSAGES, LANG)',
      parseLang,
    )
    .showHelpAfterError('(add --help for usage)')
    // Settings made before the sub-commands exist are inherited by them.
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();
  registerCommands(program, io);
  return program;
}

/**
 * Runs one command line (without `node` and the script name) and returns its exit code:
 * the command's own (exit-codes.ts), 0 for --help/--version, EXIT.USAGE for a bad command line.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let code: number = EXIT.OK;
  // Every byte a command writes passes the terminal-safe wrapper.
  const tracked: CliIo = {
    ...terminalIo(io),
    language: languageFromArgv(argv) ?? io.language,
    setExitCode: (c) => {
      code = c;
      io.setExitCode(c);
    },
  };
  try {
    await buildProgram(tracked).parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    tracked.err(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.FAILURE;
  }
}
