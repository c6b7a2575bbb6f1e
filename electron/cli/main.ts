#!/usr/bin/env node
import { Command } from 'commander';
import { registerCommands } from './commands';

// The `hubkeeper` command. Each sub-command lives in its own file under commands/ and registers
// itself; this file only builds the program and runs it.
const program = new Command('hubkeeper')
  .description('Keep Magewell Control Hub appliances up to date from the command line')
  .version('0.1.0')
  .showHelpAfterError();

registerCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
});
