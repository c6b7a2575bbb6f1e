// Benchmark: TLS-first versus HTTP-first identification of one open port, on loopback, for a
// hub behind nginx (plain port and TLS port) and for the simulator alone (Node's HTTP and TLS
// servers). Prints the median time per probe for each order and port, and the ratio of the wrong
// guess to the right one. Not a test: `npx tsx test/bench/probe-order/run.ts [--rounds N]`.
// Loopback only (127.0.159.x); every loop is bounded by its round count.
import { probeEndpoint } from '../../../electron/core/discovery/endpoint-probe';
import { SocketSet } from '../../../electron/core/discovery/sockets';
import { serverCertificate } from '../../integration/nginx/nginx-certs';
import { nginxMissingReason, proxyTo, startNginx } from '../../integration/nginx/nginx-server';
import { startHub } from '../../simulator';

const HOST = '127.0.159.1';
const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = Math.min(2000, Math.max(10, Number(roundsArg > 0 ? process.argv[roundsArg + 1] : 200) || 200));

async function probeOnce(port: number, tlsFirst: boolean): Promise<{ ms: number; verdict: string }> {
  const sockets = new SocketSet();
  const started = process.hrtime.bigint();
  const v = await probeEndpoint(null, HOST, port, {
    sockets,
    deadline: Date.now() + 3000,
    connectTimeoutMs: 1000,
    tlsFirst,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  sockets.destroyAll();
  return { ms, verdict: v.kind === 'hub' ? `hub/${v.scheme}` : v.kind };
}

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

/**
 * The two orders alternate round by round, so load from other processes on this shared
 * machine falls on both alike.
 */
async function compare(label: string, port: number, rightGuessIsTls: boolean): Promise<void> {
  for (let i = 0; i < 10; i++) await probeOnce(port, i % 2 === 0); // warm-up (JIT, nginx worker)
  const right: number[] = [];
  const wrong: number[] = [];
  const verdicts = new Set<string>();
  for (let i = 0; i < ROUNDS; i++) {
    const r = await probeOnce(port, rightGuessIsTls);
    const w = await probeOnce(port, !rightGuessIsTls);
    right.push(r.ms);
    wrong.push(w.ms);
    verdicts.add(r.verdict).add(w.verdict);
  }
  const name = (tls: boolean) => (tls ? 'TLS-first ' : 'HTTP-first');
  console.log(
    `${label.padEnd(24)} right guess (${name(rightGuessIsTls)}) ${median(right).toFixed(2).padStart(6)} ms   ` +
      `wrong guess (${name(!rightGuessIsTls)}) ${median(wrong).toFixed(2).padStart(6)} ms   ` +
      `wrong/right ${(median(wrong) / median(right)).toFixed(2)}×   verdicts: ${[...verdicts].join(', ')}`,
  );
}

const missing = nginxMissingReason();
const plainHub = await startHub({ host: HOST, port: 0 });
const tlsHub = await startHub({ host: HOST, port: 0, https: true });
const stops: Array<() => Promise<void>> = [() => plainHub.stop(), () => tlsHub.stop()];
try {
  console.log(`median of ${ROUNDS} probes per order, fresh connection each, on ${HOST}`);
  await compare('simulator, plain HTTP', plainHub.port, false);
  await compare('simulator, HTTPS', tlsHub.port, true);
  if (missing) console.log(`nginx rows skipped: ${missing}`);
  else {
    const cert = await serverCertificate('rsa-2048');
    const nginx = await startNginx({
      host: HOST,
      ports: ['http', 'https'],
      files: { 'hub.crt': cert.cert, 'hub.key': cert.key },
      http: (p, dir) => `
        server { listen ${HOST}:${p.http}; ${proxyTo(plainHub.url)} }
        server { listen ${HOST}:${p.https} ssl; ssl_certificate ${dir}/hub.crt; ssl_certificate_key ${dir}/hub.key;
                 ${proxyTo(plainHub.url)} }`,
    });
    stops.push(() => nginx.stop());
    await compare('nginx, plain HTTP', nginx.ports.http, false);
    await compare('nginx, HTTPS (RSA-2048)', nginx.ports.https, true);
  }
} finally {
  for (const stop of stops) await stop();
}
