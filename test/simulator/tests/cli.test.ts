import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { connect } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../cli-args';
import { call, login, probe, sleep } from './http-helpers';

const CLI = fileURLToPath(new URL('../cli.ts', import.meta.url));
const SIGNAL_ON_FIRST_LINE = fileURLToPath(new URL('./signal-on-first-line.mjs', import.meta.url));

/** The certificate a TLS port presents, from a bare handshake. */
function peerFingerprint(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, rejectUnauthorized: false }, () => {
      const raw = socket.getPeerCertificate().raw;
      socket.destroy();
      resolve(`sha256:${createHash('sha256').update(raw).digest('hex')}`);
    });
    socket.on('error', reject);
  });
}

describe('simulator command line parsing', () => {
  it('has demo defaults', () => {
    const { fleet, fault } = parseCliArgs([]);
    expect(fleet).toMatchObject({
      count: 3,
      from: '127.0.0.2',
      port: 8080,
      https: false,
      scenario: 'idle',
      resultFamily: 'current',
      sessionIdleMs: 30 * 60_000,
      devices: 6,
    });
    expect(fault).toBeNull();
  });

  it('parses every option', () => {
    const { fleet, fault } = parseCliArgs([
      '--hubs',
      '20',
      '--from',
      '127.0.5.1',
      '--port',
      '8443',
      '--https',
      '--scenario',
      'full-update',
      '--variant',
      'topLevelFields,maxPageSize=10,booleansAsNumbers=false',
      '--timing',
      'downloadMs=20000,restartMs=5000',
      '--fault',
      'latency=300',
      '--legacy',
      '--session-minutes',
      '-1',
      '--devices',
      '150',
    ]);
    expect(fleet).toMatchObject({
      count: 20,
      from: '127.0.5.1',
      port: 8443,
      https: true,
      scenario: 'full-update',
      variant: { topLevelFields: true, maxPageSize: 10, booleansAsNumbers: false },
      timing: { downloadMs: 20000, restartMs: 5000 },
      resultFamily: 'legacy',
      sessionIdleMs: -1,
      devices: 150,
    });
    expect(fault).toEqual({ kind: 'latency', ms: 300 });
    expect(parseCliArgs(['--mixed']).fleet.https).toBe('mixed');
  });

  it('adds users next to Admin (or in its place) and limits a fault to some paths', () => {
    const { fleet, fault } = parseCliArgs([
      '--user',
      'viewer:look:0x2',
      '--user',
      'tech:pw',
      '--fault',
      'hang',
      '--fault-path',
      '/api/update/status',
      '--fault-path',
      '/api/login',
    ]);
    expect(fleet.users).toEqual([
      expect.objectContaining({ name: 'Admin', password: 'Admin', permission: 0xffffffff }),
      expect.objectContaining({ name: 'viewer', password: 'look', permission: 0x2 }),
      expect.objectContaining({ name: 'tech', password: 'pw', permission: 0xffffffff }),
    ]);
    expect(fault).toEqual({ kind: 'hang', paths: ['/api/update/status', '/api/login'] });
    expect(parseCliArgs(['--user', 'Admin:changed']).fleet.users).toEqual([
      expect.objectContaining({ name: 'Admin', password: 'changed' }),
    ]);
    expect(parseCliArgs(['--fault', 'reset']).fault).toEqual({ kind: 'reset' });
  });

  it.each([
    [['--hubs', '0'], /--hubs must be/],
    [['--port', '70000'], /--port must be/],
    [['--from', '192.0.2.10'], /127\.0\.0\.0\/8/],
    [['--from', '127.255.255.250', '--hubs', '10'], /past 127\.255\.255\.255/],
    [['--scenario', 'nope'], /unknown scenario "nope"/],
    [['--variant', 'nope'], /unknown variant "nope"/],
    [['--timing', 'fastMs=1'], /unknown timing "fastMs"/],
    [['--fault', 'latency'], /latency needs milliseconds/],
    [['--https', '--mixed'], /exclude each other/],
    [['--user', 'nopassword'], /NAME:PASSWORD/],
    [['--user', 'v:p:0x1ffffffff'], /NAME:PASSWORD/],
    [['--fault-path', '/api/login'], /needs a --fault/],
    [['--fault', 'hang', '--fault-path', 'api/login'], /request path/],
  ])('rejects %j with a clear message', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

/** Runs the simulator command; resolves with its stdout lines once `count` URLs are printed. */
function startCli(args: string[], count: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const lines = new Promise<string[]>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no output in time: ${out} ${err}`)), 10_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const ls = out.split('\n').filter(Boolean);
      if (ls.length >= count) {
        clearTimeout(timer);
        resolve(ls);
      }
    });
    child.on('exit', (code) => reject(new Error(`exited early with ${String(code)}: ${err}`)));
  });
  return { child, lines, stderr: () => err };
}

describe('simulator command', () => {
  it('prints each hub URL (and fingerprint for HTTPS), serves, and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        CLI,
        '--hubs',
        '2',
        '--from',
        '127.79.1.2',
        '--port',
        '0',
        '--mixed',
        '--variant',
        'topLevelFields',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const lines = await new Promise<string[]>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no output in time: ${out}`)), 10_000);
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const ls = out.split('\n').filter(Boolean);
          if (ls.length >= 2) {
            clearTimeout(timer);
            resolve(ls);
          }
        });
        child.on('exit', (code) => reject(new Error(`exited early with ${String(code)}`)));
      });
      expect(lines[0]).toMatch(/^http:\/\/127\.79\.1\.2:\d+$/);
      expect(lines[1]).toMatch(/^https:\/\/127\.79\.1\.3:\d+ sha256:[0-9a-f]{64}$/);
      const url = new URL(lines[0]!);
      const answer = await call({ url: url.origin, certPem: null }, '/api/update/status');
      expect(answer.json).toStrictEqual({ result: 37 });
      const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('keeps running through the restart window (no listener is open then) and serves the new version', async () => {
    // Nothing but the hubs keeps this process alive: while they reboot, a timer must.
    const timing = 'leadMs=0,checkMs=0,downloadMs=0,verifyMs=0,restartNoticeMs=100,restartMs=700';
    const { child, lines } = startCli(
      ['--hubs', '1', '--from', '127.79.1.10', '--port', '0', '--scenario', 'full-update', '--timing', timing],
      1,
    );
    try {
      const url = new URL((await lines)[0]!);
      const exited = new Promise<string>((resolve) =>
        child.on('exit', (code) => resolve(`exited with ${String(code)}`)),
      );
      const backOnNew = (async () => {
        const until = Date.now() + 5000;
        let refused = false;
        while (Date.now() < until) {
          const state = await probe(url.hostname, Number(url.port));
          if (state === 'refused') refused = true;
          else if (refused) return 'back';
          await sleep(20);
        }
        return 'never refused, or never back';
      })();
      expect(await Promise.race([backOnNew, exited])).toBe('back');
      const { cookie } = await login({ url: url.origin, certPem: null });
      const status = (await call({ url: url.origin, certPem: null }, '/api/update/status', { cookie })).json as {
        status: { version: string };
      };
      expect(status.status.version).toBe('2.1.28');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('handles SIGUSR2 and SIGTERM sent the moment the first hub line appears', async () => {
    // A script may signal as soon as it reads a hub line; the preload signals right after the
    // first one is written, so this does not depend on how the scheduler interleaves processes.
    const run = (signal: string) => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          '--import',
          SIGNAL_ON_FIRST_LINE,
          CLI,
          '--hubs',
          '2',
          '--from',
          '127.79.1.30',
          '--port',
          '0',
          '--mixed',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SIGNAL_ON_FIRST_LINE: signal } },
      );
      let err = '';
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.stdout.resume();
      const exit = new Promise<string>((resolve) =>
        child.on('exit', (code, sig) => resolve(sig ? `killed by ${sig}` : `exit ${String(code)}`)),
      );
      return { child, exit, stderr: () => err };
    };

    const usr2 = run('SIGUSR2');
    try {
      const swapped = (async () => {
        const until = Date.now() + 20_000;
        while (!usr2.stderr().includes('new certificate:') && Date.now() < until) await sleep(20);
        return usr2.stderr().includes('new certificate:') ? 'swapped' : 'no swap in 20 s';
      })();
      expect(await Promise.race([swapped, usr2.exit])).toBe('swapped');
      expect(usr2.stderr()).toMatch(/new certificate: https:\/\/127\.79\.1\.31:\d+ sha256:[0-9a-f]{64}/);
    } finally {
      usr2.child.kill('SIGKILL');
    }

    const term = run('SIGTERM');
    try {
      expect(await term.exit).toBe('exit 0');
      expect(term.stderr()).toContain('simulator: SIGTERM, stopping');
    } finally {
      if (term.child.exitCode === null) term.child.kill('SIGKILL');
    }
  }, 45_000);

  it('SIGUSR2 gives every HTTPS hub a new certificate and says which', async () => {
    const { child, lines, stderr } = startCli(['--hubs', '2', '--from', '127.79.1.20', '--port', '0', '--mixed'], 2);
    try {
      const [, secureLine] = await lines;
      const [secureUrl, before] = secureLine!.split(' ');
      expect(stderr()).toContain(`kill -USR2 ${child.pid}`);
      child.kill('SIGUSR2');
      const until = Date.now() + 5000;
      while (!stderr().includes('new certificate:') && Date.now() < until) await sleep(20);
      const after = /new certificate: (\S+) (sha256:[0-9a-f]{64})/.exec(stderr());
      expect(after?.[1]).toBe(secureUrl);
      expect(after?.[2]).not.toBe(before);
      const u = new URL(secureUrl!);
      expect(await peerFingerprint(u.hostname, Number(u.port))).toBe(after?.[2]);
      expect(stderr().match(/new certificate:/g)).toHaveLength(1);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
