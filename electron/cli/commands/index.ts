import type { Command } from 'commander';

/**
 * Every sub-command registers itself here, one import and one call per command file.
 * (Add a line per command; keep the list in the order `hubkeeper --help` should show.)
 */
export function registerCommands(_program: Command): void {}
