/**
 * The devices benchmark's simulated hubs, in a process of their own (their event loop must not
 * be the backend's): `--hubs N --devices M --from ADDRESS`, each hub with M managed devices of
 * which the first tenth are being upgraded for ten minutes (progress advancing: each read of a
 * list differs from the last, as during a real upgrade). Prints one URL per line, then "ready";
 * stops on SIGTERM or when its parent goes away.
 */
import { nthAddress } from '../../simulator/fleet';
import { startHub, type SimulatedHub } from '../../simulator';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const count = Number(option('--hubs', '20'));
const devices = Number(option('--devices', '200'));
const from = option('--from', '127.113.0.2');
const upgrading = Array.from({ length: Math.max(1, Math.floor(devices / 10)) }, (_, i) => i);

const hubs: SimulatedHub[] = [];
for (let i = 0; i < count; i++) {
  const hub = await startHub({
    host: nthAddress(from, i),
    port: 0,
    scenario: 'idle',
    devices,
    deviceUpgrades: [{ devices: upgrading, durationMs: 600_000, outcome: 'done' }],
  });
  hubs.push(hub);
  console.log(`http://${hub.host}:${hub.port}`);
}
console.log('ready');

async function stop(): Promise<void> {
  await Promise.all(hubs.map((h) => h.stop()));
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
// The benchmark died without stopping us: do not stay behind.
process.stdin.on('end', () => void stop());
process.stdin.resume();
