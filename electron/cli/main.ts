// No shebang here: scripts/build-electron.mjs adds it to the bundle (two would break it).
import { processIo } from './io';
import { runCli } from './program';

// The `hubkeeper` command. Each sub-command lives in its own file under commands/ and registers
// itself in commands/index.ts; program.ts builds the program so tests can run it in-process.
const io = processIo();
void runCli(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
