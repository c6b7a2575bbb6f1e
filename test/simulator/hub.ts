import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiRequest, HubContext, Reply } from './context';
import { validateUpgrade, type DeviceUpgradeSpec, type RunningUpgrade } from './device-upgrades';
import { faultApplies, playFault, validateFault } from './faults';
import { md5 } from './handlers/auth';
import { Listener } from './listener';
import { DEFAULT_USERS } from './permissions';
import { codesFor, type ResultCodes } from './result-codes';
import { route } from './router';
import {
  buildTimeline,
  isScenarioName,
  refuseWindows,
  SCENARIO_NAMES,
  snapshotAt,
  type Phase,
  type Snapshot,
} from './scenarios';
import { parseCookies as parseCookieHeader, SessionStore } from './sessions';
import { resolveTiming } from './timing';
import { generateCertificate, type Certificate, fingerprintOf } from './tls-certs';
import type {
  Fault,
  HubOptions,
  RecordedRequest,
  ResultFamily,
  ScenarioName,
  Timing,
  UserSpec,
  Variants,
} from './types';
import { DEFAULT_VARIANTS, mergeVariants } from './variants';

const MAX_BODY = 1024 * 1024;
const LOOPBACK = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function assertLoopback(host: string): void {
  const m = LOOPBACK.exec(host);
  if (!m || m.slice(1).some((p) => Number(p) > 255)) {
    throw new TypeError(`simulated hubs bind only to 127.0.0.0/8 addresses, got "${host}"`);
  }
}

/**
 * One simulated Magewell Control Hub on one loopback address. Created with `startHub()`;
 * everything a test needs to steer it (scenario, variant, fault, certificate) is a method.
 */
export class SimulatedHub implements HubContext {
  readonly host: string;
  readonly https: boolean;
  readonly isHardware: boolean;
  readonly devices: number;
  readonly deviceUpgrades: RunningUpgrade[] = [];
  readonly sessions: SessionStore;
  readonly users: Map<string, UserSpec & { passMd5: string }>;
  readonly requests: RecordedRequest[] = [];

  private _port = 0;
  private variant: Variants;
  private family: ResultFamily;
  private fault: Fault | null = null;
  private timing: Timing;
  private scenarioName: ScenarioName = 'idle';
  private timeline: Phase[] = [];
  private startedAt = 0;
  private cert: Certificate | null;
  private readonly listener: Listener;
  private readonly maxRecorded: number;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly restartTimers = new Set<NodeJS.Timeout>();
  /** Serialises going down / coming up so a fast scenario cannot interleave them. */
  private transition: Promise<void> = Promise.resolve();
  private down = false;
  private stopped = false;

  /** Use startHub(); the constructor does not listen. */
  constructor(options: HubOptions, cert: Certificate | null) {
    this.host = options.host ?? '127.0.0.2';
    assertLoopback(this.host);
    this.https = options.https === true;
    this.isHardware = options.isHardware ?? true;
    this.devices = options.devices ?? 6;
    for (const spec of options.deviceUpgrades ?? []) this.upgradeDevices(spec);
    this.maxRecorded = options.maxRecordedRequests ?? 1000;
    this.variant = mergeVariants(DEFAULT_VARIANTS, options.variant);
    this.family = options.resultFamily ?? 'current';
    if (this.family !== 'current' && this.family !== 'legacy')
      throw new TypeError(`resultFamily must be 'current' or 'legacy'`);
    this.sessions = new SessionStore(options.sessionIdleMs ?? 30 * 60_000);
    this.users = new Map();
    for (const u of options.users ?? DEFAULT_USERS) {
      if (!u || typeof u.name !== 'string' || typeof u.password !== 'string')
        throw new TypeError('each simulator user needs a name and a password');
      this.users.set(u.name, { ...u, passMd5: md5(u.password) });
    }
    this.timing = resolveTiming(options.timing);
    this.cert = cert;
    this.listener = new Listener(this.onRequest, cert ?? undefined);
    this.applyScenario(options.scenario ?? 'idle');
  }

  // ── what tests read ─────────────────────────────────────────────────────────────

  get port(): number {
    return this._port;
  }
  get url(): string {
    return `${this.https ? 'https' : 'http'}://${this.host}:${this._port}`;
  }
  get certFingerprint(): string | null {
    return this.cert?.fingerprint ?? null;
  }
  get certPem(): string | null {
    return this.cert?.cert ?? null;
  }
  get scenario(): ScenarioName {
    return this.scenarioName;
  }
  get variants(): Readonly<Variants> {
    return this.variant;
  }
  get codes(): Readonly<ResultCodes> {
    return codesFor(this.variant.legacyCodes ? 'legacy' : this.family);
  }
  /** Currently installed version. */
  get version(): string {
    return this.snapshot(Date.now()).version;
  }
  /** Update state code as served (including the unknown bit when that variant is on). */
  get stateCode(): number {
    const state = this.snapshot(Date.now()).state;
    return this.variant.unknownStateBits ? state | 0x80 : state;
  }
  /** Name of the current scenario phase ('downloading', 'rebooting', …). */
  get phase(): string {
    return this.snapshot(Date.now()).phase;
  }
  /** True while the port refuses connections. */
  get isRestarting(): boolean {
    return this.down;
  }

  snapshot(now: number): Snapshot {
    return snapshotAt(this.timeline, this.startedAt, now - this.startedAt);
  }

  // ── what tests steer ────────────────────────────────────────────────────────────

  /** (Re)starts a scenario's clock now; a pending restart window of the old one is cancelled. */
  setScenario(name: ScenarioName, timing?: Partial<Timing>): void {
    if (timing) this.timing = resolveTiming(this.timing, timing);
    this.applyScenario(name);
    if (this.down) this.enqueue(() => this.comeUp());
    this.scheduleRestarts();
  }

  setVariant(partial: Partial<Variants>): void {
    this.variant = mergeVariants(this.variant, partial);
  }

  /** Replaces every variant with the defaults plus `partial`. */
  resetVariant(partial: Partial<Variants> = {}): void {
    this.variant = mergeVariants(DEFAULT_VARIANTS, partial);
  }

  setResultFamily(family: ResultFamily): void {
    if (family !== 'current' && family !== 'legacy') throw new TypeError(`resultFamily must be 'current' or 'legacy'`);
    this.family = family;
  }

  injectFault(fault: Fault | null): void {
    this.fault = validateFault(fault);
  }

  /**
   * Starts a firmware upgrade of some managed devices now: `/api/device/list` shows its progress,
   * then the outcome (see device-upgrades.ts). Upgrades stay listed after they end.
   */
  upgradeDevices(spec: DeviceUpgradeSpec): void {
    this.deviceUpgrades.push({ ...validateUpgrade(spec), startedAt: Date.now() });
  }

  /** Forgets every session, as a hub reboot does. */
  forgetSessions(): void {
    this.sessions.clear();
  }

  /** A new self-signed certificate on the same address; open connections are dropped. */
  async swapCertificate(): Promise<void> {
    if (!this.https) throw new Error(`swapCertificate: ${this.url} is not an HTTPS hub`);
    const next = await generateCertificate();
    this.cert = next;
    this.listener.setSecureContext(next);
    this.listener.dropConnections();
  }

  /** TCP connections accepted so far (even those that never sent a request). */
  get connectionCount(): number {
    return this.listener.accepted;
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  // ── lifecycle ───────────────────────────────────────────────────────────────────

  async start(port: number): Promise<void> {
    this._port = await this.listener.listen(this.host, port);
    this.scheduleRestarts();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const t of this.restartTimers) clearTimeout(t);
    for (const t of this.timers) clearTimeout(t);
    this.restartTimers.clear();
    this.timers.clear();
    await this.transition;
    await this.listener.close();
  }

  private applyScenario(name: ScenarioName): void {
    if (!isScenarioName(name))
      throw new TypeError(`unknown simulator scenario "${String(name)}" (known: ${SCENARIO_NAMES.join(', ')})`);
    this.scenarioName = name;
    this.timeline = buildTimeline(name, this.timing);
    this.startedAt = Date.now();
  }

  private scheduleRestarts(): void {
    for (const t of this.restartTimers) clearTimeout(t);
    this.restartTimers.clear();
    if (this.stopped || this._port === 0) return;
    const elapsed = Date.now() - this.startedAt;
    for (const w of refuseWindows(this.timeline)) {
      if (w.to <= elapsed) continue;
      this.later(this.restartTimers, Math.max(0, w.from - elapsed), () => this.enqueue(() => this.goDown()));
      // While the hub reboots no socket listens, so this timer is what keeps a process that
      // runs nothing but hubs (`npm run simulator`) alive until the hub is back.
      this.later(this.restartTimers, w.to - elapsed, () => this.enqueue(() => this.comeUp()), { keepAlive: true });
    }
  }

  private later(set: Set<NodeJS.Timeout>, ms: number, fn: () => void, opts: { keepAlive?: boolean } = {}): void {
    const t = setTimeout(() => {
      set.delete(t);
      fn();
    }, ms);
    // Other timers never keep a process alive on their own; the listening socket does that.
    if (!opts.keepAlive) t.unref();
    set.add(t);
  }

  private enqueue(step: () => Promise<void>): void {
    this.transition = this.transition.then(step).catch((err: unknown) => {
      console.error(`simulator ${this.url}: ${(err as Error).message}`);
    });
  }

  private async goDown(): Promise<void> {
    if (this.stopped || this.down) return;
    this.down = true;
    this.sessions.clear();
    await this.listener.close();
  }

  private async comeUp(): Promise<void> {
    if (this.stopped || !this.down) return;
    this.sessions.clear();
    await this.listener.listen(this.host, this._port);
    this.down = false;
  }

  // ── request handling ────────────────────────────────────────────────────────────

  private readonly onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const now = Date.now();
    // A request that slipped in as the reboot began is dropped like the rest.
    if (this.down || this.snapshot(now).refusing) {
      req.socket.destroy();
      return;
    }
    const headers = req.headers;
    if (headers['content-length'] === undefined && headers['transfer-encoding'] === undefined) {
      this.handle(req, res, '', now);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        res.writeHead(413, { 'Content-Type': 'text/plain', Connection: 'close' }).end('Payload Too Large');
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (size <= MAX_BODY) this.handle(req, res, Buffer.concat(chunks).toString('utf8'), now);
    });
    req.on('error', () => {});
  };

  private handle(req: IncomingMessage, res: ServerResponse, body: string, now: number): void {
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const query: Record<string, string> = {};
    if (q >= 0) for (const [k, v] of new URLSearchParams(rawUrl.slice(q + 1))) if (!(k in query)) query[k] = v;
    const method = req.method ?? 'GET';
    this.record({ at: now, method, path, query, headers: req.headers, body });

    const fault = this.fault;
    if (faultApplies(fault, path)) {
      if (fault.kind !== 'latency') {
        playFault(fault, req, res);
        return;
      }
      this.later(this.timers, fault.ms, () => this.respond(req, res, method, path, query, body));
      return;
    }
    this.respond(req, res, method, path, query, body);
  }

  private respond(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    path: string,
    query: Record<string, string>,
    body: string,
  ): void {
    if (res.destroyed || this.stopped) return;
    const now = Date.now();
    const remote = `${req.socket.remoteAddress ?? ''}:${req.socket.remotePort ?? 0}`;
    const apiReq: ApiRequest = {
      method,
      path,
      query,
      body,
      now,
      remote,
      cookies: parseCookieHeader(req.headers.cookie),
    };
    let reply: Reply;
    try {
      reply = route(this, apiReq);
    } catch (err) {
      reply = { status: 500, text: `simulator error: ${(err as Error).message}` };
    }
    writeReply(res, reply, this.variant.extraFields ? remote : null);
  }

  private record(entry: RecordedRequest): void {
    if (this.maxRecorded <= 0) return;
    // Long benchmark runs must not grow memory: keep the newest maxRecorded, trimming in batches.
    this.requests.push(entry);
    if (this.requests.length > this.maxRecorded + Math.ceil(this.maxRecorded / 4))
      this.requests.splice(0, this.requests.length - this.maxRecorded);
  }
}

function writeReply(res: ServerResponse, reply: Reply, extraRemote: string | null): void {
  let payload: string;
  let contentType: string;
  if (reply.json) {
    const body =
      extraRemote === null
        ? reply.json
        : { ...reply.json, 'remote-ip': extraRemote, 'x-simulator-extra': { note: 'unknown field, ignore me' } };
    payload = JSON.stringify(body);
    contentType = 'application/json; charset=UTF-8';
  } else {
    payload = reply.text ?? '';
    contentType = reply.contentType ?? 'text/plain; charset=UTF-8';
  }
  res.writeHead(reply.status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(payload),
    ...reply.headers,
  });
  res.end(payload);
}

/** Creates and starts one hub (port 0 = a random free port). */
export async function startHub(options: HubOptions = {}): Promise<SimulatedHub> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new TypeError(`simulator port must be 0–65535, got ${String(port)}`);
  let cert: Certificate | null = null;
  if (options.https === true) {
    cert = options.certificate
      ? { ...options.certificate, fingerprint: fingerprintOf(options.certificate.cert) }
      : await generateCertificate();
  }
  const hub = new SimulatedHub(options, cert);
  await hub.start(port);
  return hub;
}
