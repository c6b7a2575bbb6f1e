/**
 * The Hubkeeper side of the namespace test, run inside the client's network namespace (its
 * neighbour table is that namespace's): the real session pool, the real hardware-address
 * observer and the keychain provider over an in-memory store. One JSON line out per command in:
 * `login` (typed, remembered), `poll` (the monitor's call, which logs in again by itself when the
 * hub lost the session), `restart` (a new pool, as after an app restart), `remembered` (a login
 * with the remembered password). Ends with stdin.
 */
import { createInterface } from 'node:readline';
import { encodeCredential } from '../../../electron/core/app/credentials';
import { keychainCredentials } from '../../../electron/core/app/keychain-credentials';
import { silentLog } from '../../../electron/core/app/log';
import { MemorySecretStore } from '../../../electron/core/app/memory-secret-store';
import { hardwareAddressObserver } from '../../../electron/core/sessions/hardware-address';
import { systemNeighbourLookup } from '../../../electron/core/sessions/neighbour-table';
import { SessionPool } from '../../../electron/core/sessions/session-pool';
import type { Result } from '../../../electron/shared/errors';

const [host = '', port = '0', password = ''] = process.argv.slice(2);
const secrets = new MemorySecretStore();
const target = {
  hubId: 'moved-hub',
  endpoint: { scheme: 'http' as const, host, port: Number(port) },
  pin: null,
  siteId: 'site',
  defaultUser: 'Admin',
  name: 'Moved hub',
};
const newPool = () => {
  const pool = new SessionPool({
    credentials: keychainCredentials(secrets, silentLog),
    observeHardwareAddress: hardwareAddressObserver(systemNeighbourLookup(), 3_000),
    timeoutMs: 3_000,
  });
  pool.register(target);
  return pool;
};
let pool = newPool();

const say = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value)}\n`);
const outcome = (r: Result<unknown>) =>
  r.ok ? { ok: true } : { ok: false, code: r.error.code, message: r.error.message };

async function run(command: string): Promise<void> {
  switch (command) {
    case 'login': {
      const login = await pool.login(target.hubId, { user: 'Admin', password });
      const binding = pool.binding(target.hubId);
      if (login.ok && binding) await secrets.save(target.hubId, encodeCredential({ user: 'Admin', password, binding }));
      return say({ ...outcome(login), binding });
    }
    case 'poll':
      return say(outcome(await pool.updateStatus(target.hubId)));
    case 'restart':
      await pool.closeAll(false);
      pool = newPool();
      return say({ ok: true });
    case 'remembered':
      return say(outcome(await pool.login(target.hubId)));
    default:
      return say({ ok: false, code: 'BAD_INPUT', message: `unknown command ${command}` });
  }
}

const lines = createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on('line', (line) => {
  queue = queue.then(() => run(line.trim()));
});
lines.on('close', () => {
  void queue.then(() => pool.closeAll(false)).then(() => process.exit(0));
});
say({ ready: true });
