import type { Command } from 'commander';
import { processIo, type CliIo } from '../io';
import { registerStatusCommand } from './status';
import { registerHistoryCommand } from './history';
import { registerDevicesCommand } from './devices';
import { registerCertCommand } from './cert';
import { registerWatchCommand } from './watch';
import { registerTimelineCommand } from './timeline';
import { registerReportCommand } from './report';
import { registerScanCommand } from './scan';
import { registerInventoryCommand } from './inventory';
import { registerBundleCommand } from './bundle';

/**
 * Every sub-command registers itself here, one import and one call per command file.
 * (Add a line per command; keep the list in the order `hubkeeper --help` should show.)
 * Pass `io` on so a command writes where the program writes (tests run it in-process).
 */
export function registerCommands(program: Command, io: CliIo = processIo()): void {
  registerStatusCommand(program, io);
  registerHistoryCommand(program, io);
  registerDevicesCommand(program, io);
  registerCertCommand(program, io);
  registerWatchCommand(program, io);
  registerTimelineCommand(program, io);
  registerReportCommand(program, io);
  registerScanCommand(program, io);
  registerInventoryCommand(program, io);
  registerBundleCommand(program, io);
}
