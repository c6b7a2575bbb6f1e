// Child process for log-append.test.ts: appends LINES lines to a shared rotating log through the
// real rotatingFileLog, as a CLI process logs to cli.log. It waits for "go" on stdin so that the
// writers start at the same moment, then writes as fast as it can and prints "done".
import { rotatingFileLog } from '../../electron/core/logging/rotating-file-log';

const [folder, writerId, lines, maxBytes, keep] = process.argv.slice(2);
if (!folder || !writerId || !lines || !maxBytes || !keep)
  throw new Error('usage: log-append-writer <folder> <id> <lines> <max-bytes> <keep>');

const log = rotatingFileLog(folder, { name: 'cli.log', maxBytes: Number(maxBytes), keep: Number(keep) });
// Long enough that a line torn by a concurrent write would show.
const padding = `${writerId}`.repeat(240);
process.stdout.write('ready\n');
process.stdin.once('data', () => {
  for (let n = 0; n < Number(lines); n += 1) log.info(`line ${n}`, { hubId: `writer-${writerId}`, n, padding });
  process.stdout.write('done\n');
  process.exit(0);
});
