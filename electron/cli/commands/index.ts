import type { Command } from 'commander';
import { registerStatusCommand } from './status';
import { registerHistoryCommand } from './history';
import { registerCertCommand } from './cert';

/**
 * Every sub-command registers itself here, one import and one call per command file.
 * (Add a line per command; keep the list in the order `hubkeeper --help` should show.)
 */
export function registerCommands(program: Command): void {
  registerStatusCommand(program);
  registerHistoryCommand(program);
  registerCertCommand(program);
}
