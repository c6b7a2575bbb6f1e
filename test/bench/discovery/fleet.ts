import { createInterface } from 'node:readline';
import { startFakeHost, type FakeHost, type FakeKind } from '../../integration/discovery-fake-hosts';
import { startHub, type SimulatedHub } from '../../simulator';

/**
 * The benchmark's fake site, run in its own process so that serving it does not share an event
 * loop with the sweep being timed (on a real site the hubs are other machines). Loopback only:
 * 127.77.0.0/24. Prints one JSON line when ready; on stdin, `hung` adds five hosts that accept
 * and never answer, `cpu` prints the CPU time used so far, `quit` stops everything.
 */

export const BENCH_NET = '127.77.0';
// Real hubs run no tsx: no source-mapped stack traces here either.
process.setSourceMapsEnabled(false);

const HTTP_PORT = Number(process.env.BENCH_HTTP_PORT ?? 80);
const HTTPS_PORT = Number(process.env.BENCH_HTTPS_PORT ?? 443);

const hubs: SimulatedHub[] = [];
const others: FakeHost[] = [];
const hung: FakeHost[] = [];

// 20 hubs: .2–.13 HTTP, .14–.18 HTTPS, .19–.21 both (one hub, two endpoints).
for (let d = 2; d <= 21; d++) {
  const host = `${BENCH_NET}.${d}`;
  if (d <= 13 || d >= 19) hubs.push(await startHub({ host, port: HTTP_PORT }));
  if (d >= 14) hubs.push(await startHub({ host, port: HTTPS_PORT, https: true }));
}
// 10 other web servers on .30–.39.
const kinds: [FakeKind, boolean][] = [
  ['web', false],
  ['web', true],
  ['login-page', false],
  ['login-page', true],
  ['json-api', false],
  ['json-api', false],
  ['basic-auth', false],
  ['json-403', true],
  ['web', false],
  ['login-page', false],
];
for (const [i, [kind, https]] of kinds.entries()) {
  others.push(
    await startFakeHost({ host: `${BENCH_NET}.${30 + i}`, port: https ? HTTPS_PORT : HTTP_PORT, kind, https }),
  );
}

const hubAddresses = [...new Set(hubs.map((h) => h.host))];
console.log(
  JSON.stringify({
    ready: true,
    hubs: hubAddresses.length,
    endpoints: hubs.length,
    others: others.length,
    httpPort: HTTP_PORT,
    httpsPort: HTTPS_PORT,
  }),
);

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === 'hung') {
    for (let d = 50; d < 55; d++)
      hung.push(
        await startFakeHost({ host: `${BENCH_NET}.${d}`, port: d % 2 ? HTTPS_PORT : HTTP_PORT, kind: 'silent' }),
      );
    console.log(JSON.stringify({ hung: hung.length }));
  } else if (line.trim() === 'cpu') {
    const { user, system } = process.cpuUsage();
    console.log(JSON.stringify({ cpuMs: (user + system) / 1000 }));
  } else if (line.trim() === 'quit') {
    break;
  }
}
await Promise.all([...hubs, ...others, ...hung].map((h) => h.stop()));
process.exit(0);
