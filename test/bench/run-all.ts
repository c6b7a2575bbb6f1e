// `npm run bench`: every benchmark in turn, each in its own process so one's sockets, timers and
// memory never skew another's figures. Benchmarks print figures and ratios; they are not tests.
// Extra arguments (e.g. `--seconds 10`) are passed to the benchmarks that take them.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const benches = ['discovery', 'discovery-netns', 'poll', 'renderer', 'visits', 'devices'];
const selected = benches.filter((b) => process.argv.includes(b));
const args = process.argv.slice(2).filter((a) => !benches.includes(a));

let failed = 0;
for (const name of selected.length ? selected : benches) {
  console.log(`\n━━ bench: ${name}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', `${here}${name}/run.ts`, ...args], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
