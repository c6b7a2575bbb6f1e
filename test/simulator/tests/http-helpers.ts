import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { SimulatedHub } from '../index';

/** Plain node:http(s) calls for the simulator's own tests (not the product client). */

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: Record<string, unknown>;
}

export const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** Anything with a URL (and, for HTTPS, the certificate to trust). */
export type HubLike = Pick<SimulatedHub, 'url' | 'certPem'>;

export function call(
  hub: HubLike,
  path: string,
  opts: { method?: string; body?: string; cookie?: string; ca?: string; timeoutMs?: number } = {},
): Promise<Answer> {
  const url = new URL(path, hub.url);
  const make = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = make(
      url,
      {
        method: opts.method ?? 'GET',
        headers: {
          ...(opts.cookie ? { Cookie: opts.cookie } : {}),
          ...(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        agent: false,
        timeout: opts.timeoutMs ?? 3000,
        ...(url.protocol === 'https:'
          ? { ca: opts.ca ?? hub.certPem ?? undefined, checkServerIdentity: () => undefined }
          : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, unknown> = {};
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            // not JSON: tests look at text
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

export async function login(
  hub: HubLike,
  id = 'Admin',
  password = 'Admin',
): Promise<{ answer: Answer; cookie: string }> {
  const answer = await call(hub, '/api/login', { method: 'POST', body: JSON.stringify({ id, pass: md5(password) }) });
  const token = String(answer.json.token ?? '');
  return { answer, cookie: `mwcloud-sid=${token}; mwcloud-uid=${id}` };
}

/** Logs in as Admin and GETs `path`. */
export async function getAsAdmin(hub: SimulatedHub, path: string): Promise<Answer> {
  const { cookie } = await login(hub);
  return call(hub, path, { cookie });
}

/** Connection outcome without HTTP: 'refused', 'open'. */
export function probe(host: string, port: number): Promise<'refused' | 'open' | string> {
  return import('node:net').then(
    ({ connect }) =>
      new Promise((resolve) => {
        const s = connect({ host, port });
        s.once('connect', () => {
          s.destroy();
          resolve('open');
        });
        s.once('error', (e: NodeJS.ErrnoException) =>
          resolve(e.code === 'ECONNREFUSED' ? 'refused' : (e.code ?? e.message)),
        );
      }),
  );
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
