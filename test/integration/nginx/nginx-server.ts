import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A private nginx for integration tests: Debian's nginx-light, started as a child process
 * (`daemon off`) with its own prefix, config, pid file, temp folders and logs under a temp
 * directory, listening on a loopback address only, on free ports found just before the start.
 * Real hubs sit behind such web servers; the simulator alone is more polite than they are.
 *
 * nginx cannot report which port it bound for `listen 0`, so each named listener gets a port the
 * kernel just handed out and released; a rare clash with another test's bind is retried.
 */

export const NGINX_BINARY = process.env.HUBKEEPER_NGINX ?? '/usr/sbin/nginx';

/** Why nginx tests cannot run here, or null when they can. Printed by the tests that skip. */
export function nginxMissingReason(): string | null {
  if (!existsSync(NGINX_BINARY))
    return `${NGINX_BINARY} not found: install Debian's nginx-light (apt-get install nginx-light) to run the nginx tests`;
  const probe = spawnSync(NGINX_BINARY, ['-v'], { encoding: 'utf8' });
  return probe.status === 0 ? null : `${NGINX_BINARY} -v failed: ${probe.stderr || probe.error?.message}`;
}

export interface NginxOptions<P extends string> {
  /** Loopback address nginx listens on (127.0.0.0/8 only). */
  host: string;
  /** Names of the ports to allocate, e.g. ['http', 'https']. */
  ports: readonly P[];
  /**
   * The inside of the `http {}` block: server blocks using the allocated ports. `dir` is the
   * instance's own folder, e.g. for certificate files written with `writeFile`.
   */
  http: (ports: Record<P, number>, dir: string) => string;
  /** Files to write into the instance folder before the start (certificates, keys). */
  files?: Record<string, string>;
}

export interface NginxInstance<P extends string> {
  host: string;
  ports: Record<P, number>;
  dir: string;
  /** URL of a named port: `http://host:port` or `https://…`. */
  url(port: P, scheme?: 'http' | 'https'): string;
  /** The error log so far (for failure messages). */
  errorLog(): Promise<string>;
  stop(): Promise<void>;
}

const START_ATTEMPTS = 3;
const READY_TIMEOUT_MS = 10_000;

function assertLoopback(host: string): void {
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host))
    throw new Error(`nginx test servers bind loopback only, not ${host}`);
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(500, () => done(false));
  });
}

function mainConfig(dir: string, http: string): string {
  // As root, nginx's workers would switch to `nobody`, which cannot enter the private 0700
  // temp folder; the test instance keeps the user it was started as.
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  const p = (name: string) => path.join(dir, name);
  return `${user}daemon off;
master_process on;
worker_processes 1;
pid ${p('nginx.pid')};
error_log ${p('error.log')} info;
events { worker_connections 256; }
http {
  access_log ${p('access.log')};
  client_body_temp_path ${p('temp/body')};
  proxy_temp_path ${p('temp/proxy')};
  fastcgi_temp_path ${p('temp/fastcgi')};
  uwsgi_temp_path ${p('temp/uwsgi')};
  scgi_temp_path ${p('temp/scgi')};
  default_type application/octet-stream;
${http}
}
`;
}

async function attempt<P extends string>(options: NginxOptions<P>): Promise<NginxInstance<P> | 'port-clash'> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hk-nginx-'));
  await mkdir(path.join(dir, 'temp'));
  for (const [name, content] of Object.entries(options.files ?? {})) await writeFile(path.join(dir, name), content);
  const ports = {} as Record<P, number>;
  for (const name of options.ports) ports[name] = await freePort(options.host);
  const config = path.join(dir, 'nginx.conf');
  await writeFile(config, mainConfig(dir, options.http(ports, dir)));

  // -e: the error log before the config is read (otherwise /var/log/nginx/error.log).
  const child: ChildProcess = spawn(NGINX_BINARY, ['-p', dir, '-c', config, '-e', path.join(dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const errorLog = async () => readFile(path.join(dir, 'error.log'), 'utf8').catch(() => '');

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM'); // fast shutdown of master and workers
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exit;
      clearTimeout(killer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (exited) {
      const log = `${stderr}\n${await errorLog()}`;
      await stop();
      if (/Address already in use/.test(log)) return 'port-clash';
      throw new Error(`nginx did not start:\n${log}`);
    }
    const ready = await Promise.all(options.ports.map((name) => canConnect(options.host, ports[name])));
    if (ready.every(Boolean)) break;
    if (Date.now() > deadline) {
      const log = await errorLog();
      await stop();
      throw new Error(`nginx did not open its ports within ${READY_TIMEOUT_MS} ms:\n${stderr}\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    host: options.host,
    ports,
    dir,
    url: (name, scheme = 'http') => `${scheme}://${options.host}:${ports[name]}`,
    errorLog,
    stop,
  };
}

/** Starts nginx; throws with its error log when the configuration is wrong. */
export async function startNginx<P extends string>(options: NginxOptions<P>): Promise<NginxInstance<P>> {
  assertLoopback(options.host);
  for (let i = 0; i < START_ATTEMPTS; i++) {
    const instance = await attempt(options);
    if (instance !== 'port-clash') return instance;
  }
  throw new Error(`nginx could not bind free ports on ${options.host} in ${START_ATTEMPTS} attempts`);
}

/** A `location /` that proxies to the simulator at `upstream` (`http://host:port`). */
export function proxyTo(upstream: string, extra = ''): string {
  return `location / {
      proxy_pass ${upstream};
      proxy_set_header Host $http_host;
      ${extra}
    }`;
}
