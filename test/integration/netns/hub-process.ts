/**
 * A simulated hub for the namespace test, run inside a network namespace of the test's own
 * (`ip netns exec NS tsx hub-process.ts HOST PORT PASSWORD`). The simulator binds to loopback
 * only (its own safety rule), so a plain TCP relay on HOST:PORT, inside this namespace, carries
 * the connections to it. Lines on stdin steer it: `count` prints how many login requests the hub
 * has seen, as JSON. Ends with stdin.
 */
import net from 'node:net';
import { createInterface } from 'node:readline';
import { startHub } from '../../simulator';

const [host = '', port = '0', password = ''] = process.argv.slice(2);
const hub = await startHub({
  host: '127.0.0.1',
  port: 0,
  scenario: 'idle',
  users: [{ name: 'Admin', password, type: 1, permission: 0xffffffff }],
});
const relay = net.createServer((inbound) => {
  const outbound = net.connect({ host: '127.0.0.1', port: hub.port });
  inbound.pipe(outbound).pipe(inbound);
  inbound.on('error', () => outbound.destroy());
  outbound.on('error', () => inbound.destroy());
});
await new Promise<void>((resolve) => relay.listen(Number(port), host, resolve));
const say = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value)}\n`);
say({ ready: true });
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() === 'count') say({ logins: hub.requests.filter((r) => r.path === '/api/login').length });
});
lines.on('close', () => {
  relay.close();
  void hub.stop().then(() => process.exit(0));
});
