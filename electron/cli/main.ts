// No shebang here: scripts/build-electron.mjs adds it to the bundle (two would break it).
import { exitOnFatalErrors } from '../core/logging/fatal-exit';
import { cliLog } from './crash-log';
import { processIo } from './io';
import { runCli } from './program';

// The `hubkeeper` command. Each sub-command lives in its own file under commands/ and registers
// itself in commands/index.ts; program.ts builds the program so tests can run it in-process.
const argv = process.argv.slice(2);
// An error no command caught: logged to <data folder>/logs/cli.log, one line on stderr, exit 1.
const log = cliLog(argv);
exitOnFatalErrors({
  log,
  name: 'hubkeeper',
  detailsAt: log.file,
  say: (line) => process.stderr.write(`${line}\n`),
  exit: (code) => process.exit(code),
});
const io = processIo();
void runCli(argv, io).then((code) => {
  process.exitCode = code;
});
