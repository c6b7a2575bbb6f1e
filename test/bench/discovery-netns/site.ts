import { createInterface } from 'node:readline';
import { startFakeHost } from '../../integration/discovery-fake-hosts';
import { startHub } from '../../simulator';
import { SERVICES, type Listening } from './layout';

/**
 * The site of the network-namespace bench, run by run.ts inside the site namespace
 * (`ip netns exec`). Every hub and web server listens on 127.0.0.1 of that namespace, on a port
 * of its own; the namespace's firewall forwards each service address:port there (the simulator
 * binds loopback only, and the namespace's loopback is its own). Prints one JSON line when ready,
 * stops on `quit` or when stdin closes.
 */

// Real hubs run no tsx: no source-mapped stack traces here either.
process.setSourceMapsEnabled(false);

const stops: Array<() => Promise<void>> = [];
const listening: Listening[] = [];
for (const service of SERVICES) {
  if (service.kind === 'hub') {
    const hub = await startHub({ host: '127.0.0.1', port: 0, https: service.https });
    stops.push(() => hub.stop());
    listening.push({ ...service, localPort: hub.port, fingerprint: hub.certFingerprint });
  } else {
    const host = await startFakeHost({ host: '127.0.0.1', port: 0, kind: service.kind, https: service.https });
    stops.push(() => host.stop());
    listening.push({ ...service, localPort: host.port, fingerprint: null });
  }
}
console.log(JSON.stringify({ ready: true, listening }));

for await (const line of createInterface({ input: process.stdin })) if (line.trim() === 'quit') break;
await Promise.all(stops.map((stop) => stop()));
process.exit(0);
