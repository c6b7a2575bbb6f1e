import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { isIPv4, isIPv6 } from 'node:net';
import { fail, ok, type Result } from '../../shared/errors';

/**
 * The operating system's neighbour (ARP / NDP) table, asked for one IP address: the hardware
 * address it holds, or null when it holds none (the address is not on a directly attached
 * subnet, or not resolved). Injectable so tests need no real network.
 */
export type NeighbourLookup = (ip: string) => Promise<Result<string | null>>;

const MAX_OUTPUT_BYTES = 1024 * 1024;
const COMMAND_TIMEOUT_MS = 3_000;

/**
 * `aa:bb:cc:dd:ee:ff` from any of the spellings the tables use (`0:11:2:…` on macOS,
 * `00-11-22-…` on Windows, upper case); null for anything else, and for the all-zero address
 * Linux shows for incomplete entries.
 */
export function normaliseMac(text: string): string | null {
  const parts = text.trim().split(/[:-]/);
  if (parts.length !== 6 || !parts.every((p) => /^[0-9a-fA-F]{1,2}$/.test(p))) return null;
  const mac = parts.map((p) => p.toLowerCase().padStart(2, '0')).join(':');
  return mac === '00:00:00:00:00:00' ? null : mac;
}

/** Same address, whatever the spelling (IPv6 case, an IPv4-mapped IPv6 address). */
function sameIp(a: string, b: string): boolean {
  const plain = (ip: string) =>
    ip
      .toLowerCase()
      .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '')
      .replace(/%.*$/, '');
  return plain(a) === plain(b);
}

/**
 * Linux `/proc/net/arp`: a header line, then `IP  HW-type  Flags  HW-address  Mask  Device`.
 * Flags 0x2 (ATF_COM) marks a completed entry; others are being resolved or failed.
 */
export function parseProcNetArp(text: string, ip: string): string | null {
  for (const line of text.split('\n').slice(1)) {
    const [address, , flags, mac] = line.trim().split(/\s+/);
    if (!address || !flags || !mac || !sameIp(address, ip)) continue;
    const parsedFlags = Number.parseInt(flags, 16);
    if (!Number.isFinite(parsedFlags) || (parsedFlags & 0x2) === 0) continue;
    const normalised = normaliseMac(mac);
    if (normalised) return normalised;
  }
  return null;
}

/** Linux `ip neigh show`: `ADDR dev IF lladdr MAC STATE`; FAILED / INCOMPLETE lines carry no lladdr. */
export function parseIpNeigh(text: string, ip: string): string | null {
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/);
    if (!words[0] || !sameIp(words[0], ip)) continue;
    const at = words.indexOf('lladdr');
    const state = words[words.length - 1] ?? '';
    if (at < 0 || state === 'FAILED' || state === 'INCOMPLETE') continue;
    const mac = normaliseMac(words[at + 1] ?? '');
    if (mac) return mac;
  }
  return null;
}

/**
 * `arp -a` / `arp -n ADDR` on macOS (`? (192.0.2.7) at 0:11:22:33:44:55 on en0 …`, or
 * `(incomplete)`) and Windows (`  192.0.2.7     00-11-22-33-44-55     dynamic`).
 */
export function parseArpA(text: string, ip: string): string | null {
  for (const line of text.split(/\r?\n/)) {
    const bsd = /\(([^()\s]+)\)\s+at\s+(\S+)/.exec(line);
    if (bsd && bsd[1] && bsd[2] && sameIp(bsd[1], ip)) {
      const mac = normaliseMac(bsd[2]);
      if (mac) return mac;
      continue;
    }
    const words = line.trim().split(/\s+/);
    if (words.length >= 2 && words[0] && words[1] && sameIp(words[0], ip)) {
      const mac = normaliseMac(words[1]);
      if (mac) return mac;
    }
  }
  return null;
}

function run(command: string, args: readonly string[]): Promise<Result<string>> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { timeout: COMMAND_TIMEOUT_MS, maxBuffer: MAX_OUTPUT_BYTES, windowsHide: true, encoding: 'utf8' },
      (error, stdout) => {
        // A non-zero exit with output is `arp`'s way of saying "no entry": the parser finds none.
        // Not started, killed by the timeout, or too much output: the table could not be read.
        const exited = error && typeof (error as { code?: unknown }).code === 'number' && !error.killed;
        if (error && !exited)
          resolve(fail('UNAVAILABLE', `Could not read the neighbour table (${command}): ${error.message}`));
        else resolve(ok(stdout));
      },
    );
  });
}

/** The real table of this computer: `/proc/net/arp` or `ip neigh` on Linux, `arp` elsewhere. */
export function systemNeighbourLookup(platform: NodeJS.Platform = process.platform): NeighbourLookup {
  return async (ip) => {
    if (!isIPv4(ip) && !isIPv6(ip)) return fail('BAD_INPUT', `${ip} is not an IP address.`);
    if (platform === 'linux') {
      if (isIPv4(ip)) {
        try {
          return ok(parseProcNetArp(await readFile('/proc/net/arp', 'utf8'), ip));
        } catch (error) {
          return fail('UNAVAILABLE', `Could not read /proc/net/arp: ${(error as Error).message}`);
        }
      }
      const listed = await run('ip', ['-6', 'neigh', 'show', ip]);
      return listed.ok ? ok(parseIpNeigh(listed.value, ip)) : listed;
    }
    const listed = await run('arp', platform === 'win32' ? ['-a', ip] : ['-n', ip]);
    return listed.ok ? ok(parseArpA(listed.value, ip)) : listed;
  };
}
