import { createHash } from 'node:crypto';
import type http from 'node:http';
import type https from 'node:https';
import type {
  HistoryPage,
  HubSettings,
  LoginInfo,
  SystemStatus,
  UpdateStatus,
  VersionEntry,
} from '../../shared/domain';
import { fail, ok, type Result } from '../../shared/errors';
import { createHttpAgent, createPinnedHttpsAgent, PIN_MISMATCH_CODE } from './agents';
import { formatHubUrl, type HubOrigin } from './hub-url';
import { MAX_COOKIES, type HubReply } from './hub-reply';
import { createAxios, send, type HubTarget, type SendOptions } from './hub-transport';
import { PollConnection } from './poll-connection';
import { parseDeviceList, type DeviceListPage } from './parse-device-list';
import { parseLogin, parseSettings, parseSystemStatus } from './parse-other';
import { createOnlineMemo, parseUpdateStatus } from './parse-update-status';
import { normalisePin } from './pin';
import { errorForResult } from './result-codes';
import { RequestScope } from './request-scope';
import { probeCertificate } from './tls-probe';

export interface HubCredentials {
  user: string;
  password: string;
}

export interface HubClientOptions {
  endpoint: HubOrigin;
  credentials?: HubCredentials | null;
  /** `sha256:<hex>` of the certificate an HTTPS hub must present. */
  pin?: string | null;
  /** Bound on one request, connection to last byte. Default 10 s. */
  timeoutMs?: number;
  /** Bound on connecting (TCP and TLS handshake). Default: `timeoutMs`. */
  connectTimeoutMs?: number;
  /** Largest answer accepted. Default 2 MiB (a full version history is a few KB). */
  maxResponseBytes?: number;
  /** Aborting it cancels every request of this client, like `close()`. */
  signal?: AbortSignal;
  /**
   * Asked before every login this client sends (the first, or again after the hub dropped the
   * session); its failure is returned instead of sending the password. The session layer checks
   * here that the hub is still the device the password belongs to.
   */
  beforeLogin?: () => Promise<Result<void>>;
  /** Awaited after every successful login (the session layer records what identifies the hub). */
  afterLogin?: () => Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 2 * 1024 * 1024;
/** `allVersions` bounds: never more requests than this, never more entries than that. */
export const MAX_HISTORY_PAGES = 100;
export const MAX_HISTORY_ENTRIES = 5_000;
const HISTORY_PAGE_SIZE = 100;

const SESSION_COOKIE = 'mwcloud-sid';
const USER_COOKIE = 'mwcloud-uid';

/** Cookie values travel raw when they are plain tokens (what hubs expect), else URI-encoded. */
function cookieValue(value: string): string {
  return /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/.test(value) ? value : encodeURIComponent(value);
}

type Reply = Result<HubReply>;

/**
 * A session with one Control Hub. Every method returns a Result and never throws for anything
 * a hub or network can do. Logs in lazily, keeps the two session cookies, logs in again once
 * when the hub says the session is gone, and for HTTPS talks only to the pinned certificate.
 */
export class HubClient {
  readonly endpoint: HubOrigin;
  readonly url: string;
  private credentials: HubCredentials | null;
  private pin: string | null = null;
  private pinError: Result<never> | null = null;
  private readonly timeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly cookies = new Map<string, string>();
  /** The Cookie header for `cookies`, built again only after they change (undefined: stale). */
  private cookieHeaderText: string | null | undefined = undefined;
  /** Bumped at every successful login, so a request that failed with an old session can tell. */
  private sessionGeneration = 0;
  private loggedIn = false;
  private loginInFlight: Promise<Result<LoginInfo>> | null = null;
  private readonly httpAgent: http.Agent;
  private httpsAgent: https.Agent | null = null;
  private tlsReady: Promise<Result<void>> | null = null;
  /** Where requests go and what carries them; rebuilt when the HTTPS agent changes. */
  private target: HubTarget;
  private readonly lifetime = new AbortController();
  private readonly requests = new RequestScope();
  /** The default poll's last online block, read again only when the hub sends a different one. */
  private readonly onlineMemo = createOnlineMemo();
  private readonly loginHooks: Pick<HubClientOptions, 'beforeLogin' | 'afterLogin'>;

  constructor(opts: HubClientOptions) {
    this.endpoint = { ...opts.endpoint };
    this.url = formatHubUrl(this.endpoint);
    this.credentials = opts.credentials ?? null;
    this.loginHooks = { beforeLogin: opts.beforeLogin, afterLogin: opts.afterLogin };
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.connectTimeoutMs = opts.connectTimeoutMs ?? this.timeoutMs;
    this.maxResponseBytes = opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.httpAgent = createHttpAgent(this.connectTimeoutMs);
    this.target = this.targetVia(this.httpAgent, undefined, null);
    this.setPin(opts.pin ?? null);
    if (opts.signal) {
      if (opts.signal.aborted) this.close();
      else opts.signal.addEventListener('abort', () => this.close(), { once: true });
    }
  }

  /** New credentials end the current session (the next call logs in with them). */
  setCredentials(credentials: HubCredentials | null): void {
    this.credentials = credentials;
    this.dropSession();
  }

  /** A new pin (or none) takes effect on the next call; open connections are dropped. */
  setPin(pin: string | null): void {
    // The same pin again (callers re-apply settings freely) keeps the verified connection.
    const wanted = pin === null ? null : normalisePin(pin);
    const same = wanted === null ? this.pin === null && this.pinError === null : wanted.ok && wanted.value === this.pin;
    if (same && (this.httpsAgent !== null || this.tlsReady !== null)) return;
    this.pinError = null;
    if (pin === null) this.pin = null;
    else {
      const normalised = normalisePin(pin);
      if (normalised.ok) this.pin = normalised.value;
      else {
        this.pin = null;
        this.pinError = normalised;
      }
    }
    this.resetTls();
  }

  /** Cancels whatever is in flight and frees the sockets. The client is unusable afterwards. */
  close(): void {
    this.lifetime.abort();
    this.requests.close();
    this.httpAgent.destroy();
    this.httpsAgent?.destroy();
    this.target.poll.drop(new Error('client closed'));
  }

  get isLoggedIn(): boolean {
    return this.loggedIn;
  }

  // ——— public calls ———

  /** Logs in now (even when a session exists). */
  login(): Promise<Result<LoginInfo>> {
    this.loginInFlight ??= this.guardedLogin().finally(() => (this.loginInFlight = null));
    return this.loginInFlight;
  }

  /** The login with the session layer's checks around it (see `beforeLogin`). */
  private async guardedLogin(): Promise<Result<LoginInfo>> {
    if (this.credentials && this.loginHooks.beforeLogin) {
      const allowed = await this.loginHooks.beforeLogin();
      if (!allowed.ok) return allowed;
    }
    const login = await this.doLogin();
    if (login.ok) await this.loginHooks.afterLogin?.();
    return login;
  }

  async logout(): Promise<Result<void>> {
    if (!this.loggedIn) return ok(undefined);
    const reply = await this.exchange({
      method: 'GET',
      path: '/api/logout',
      what: 'the logout',
      cookieHeader: this.cookieHeader(),
    });
    this.dropSession();
    if (!reply.ok) return reply;
    if (reply.value.notLoggedIn || reply.value.result === 0) return ok(undefined);
    return { ok: false, error: errorForResult(reply.value.result ?? -1, 'the logout', this.userName()) };
  }

  /** `/api/update/status`: the page the hub serves by default, or the page asked for. */
  async updateStatus(page?: { start: number; count: number }): Promise<Result<UpdateStatus>> {
    const path = page
      ? `/api/update/status?start=${encodeURIComponent(page.start)}&count=${encodeURIComponent(page.count)}`
      : '/api/update/status';
    // The default page is what the monitor polls every second: it goes on the poll connection.
    const reply = await this.call(path, 'the update status request', page === undefined);
    if (!reply.ok) return reply;
    const { body } = reply.value;
    return parseUpdateStatus(body, page ? { requestedStart: page.start } : { memo: this.onlineMemo });
  }

  /**
   * Every published version, newest first, read page by page from start=0. Trusts the hub's
   * `start` and `total`, copes with pages shorter than asked, and is bounded: at most
   * MAX_HISTORY_PAGES requests, stopping when a page brings nothing new. If the hub stops
   * early the page returned has fewer entries than `total`, which callers can show honestly;
   * a hub that reports no versions at all gives no entries and a null total.
   */
  async allVersions(): Promise<Result<HistoryPage>> {
    const byPosition = new Map<number, VersionEntry>();
    const seenVersions = new Set<string>();
    let total: number | null = null;
    let next = 0;
    for (let pages = 0; pages < MAX_HISTORY_PAGES; pages++) {
      const want = total === null ? HISTORY_PAGE_SIZE : Math.min(HISTORY_PAGE_SIZE, Math.max(1, total - next));
      const status = await this.updateStatus({ start: next, count: want });
      if (!status.ok) return status;
      const page = status.value.history;
      // No `versions` at all (older firmware, online checking off): nothing known, not an error.
      if (!page) break;
      if (page.total !== null) total = page.total;
      let added = 0;
      page.entries.forEach((entry, i) => {
        const position = page.start + i;
        const key = `${entry.version}\u0000${entry.digest ?? ''}`;
        if (byPosition.has(position) || seenVersions.has(key)) return;
        byPosition.set(position, entry);
        seenVersions.add(key);
        added++;
      });
      const end = page.start + page.entries.length;
      // No progress (empty page, a page we already had, or a hub ignoring `start`): stop.
      if (added === 0 || end <= next) break;
      next = end;
      if (byPosition.size >= MAX_HISTORY_ENTRIES) break;
      if (total !== null && (byPosition.size >= total || next >= total)) break;
    }
    const positions = [...byPosition.keys()].sort((a, b) => a - b);
    return ok({
      start: positions[0] ?? 0,
      total,
      entries: positions.map((p) => byPosition.get(p) as VersionEntry),
    });
  }

  async systemStatus(): Promise<Result<SystemStatus>> {
    const reply = await this.call('/api/system/status', 'the system status request');
    return reply.ok ? parseSystemStatus(reply.value.body) : reply;
  }

  async settings(): Promise<Result<HubSettings>> {
    const reply = await this.call('/api/settings/get', 'the settings request');
    return reply.ok ? parseSettings(reply.value.body) : reply;
  }

  /**
   * One page of the managed devices (`/api/device/list`), `start` being the 0-based offset of
   * the first device. The hub may answer fewer than `count`; paging is the caller's
   * (core/devices/read-all-devices.ts).
   */
  async deviceListPage(start: number, count: number): Promise<Result<DeviceListPage>> {
    const path = `/api/device/list?start=${encodeURIComponent(start)}&count=${encodeURIComponent(count)}`;
    const reply = await this.call(path, 'the device list request');
    if (!reply.ok) {
      // The generic text speaks of the system configuration; this call needs "device viewing".
      if (reply.error.code === 'NOT_PERMITTED')
        return fail(
          'NOT_PERMITTED',
          `This account ("${this.userName()}") cannot list devices on ${this.url}: it lacks the "device viewing" permission.`,
          reply.error.hubCode,
        );
      return reply;
    }
    return parseDeviceList(reply.value.body);
  }

  // ——— session ———

  private userName(): string {
    return this.credentials?.user ?? '(none)';
  }

  private dropSession(): void {
    this.loggedIn = false;
    this.cookies.clear();
    this.cookieHeaderText = undefined;
  }

  private setCookie(name: string, value: string | null): void {
    if (value === null) this.cookies.delete(name);
    else if (this.cookies.size < MAX_COOKIES || this.cookies.has(name)) this.cookies.set(name, value);
    this.cookieHeaderText = undefined;
  }

  private cookieHeader(): string | null {
    if (this.cookieHeaderText === undefined) {
      this.cookieHeaderText =
        this.cookies.size === 0
          ? null
          : [...this.cookies].map(([name, value]) => `${name}=${cookieValue(value)}`).join('; ');
    }
    return this.cookieHeaderText;
  }

  private applySetCookies(reply: HubReply): void {
    for (const [name, value] of reply.setCookies) this.setCookie(name, value);
  }

  private async doLogin(): Promise<Result<LoginInfo>> {
    const credentials = this.credentials;
    if (!credentials)
      return fail('AUTH_FAILED', `${this.url} needs a login and no user name and password are set for it.`);
    this.dropSession();
    const pass = createHash('md5').update(credentials.password, 'utf8').digest('hex');
    const reply = await this.exchange({
      method: 'POST',
      path: '/api/login',
      what: 'the login',
      json: JSON.stringify({ id: credentials.user, pass }),
      cookieHeader: null,
    });
    if (!reply.ok) return reply;
    if (reply.value.result === null)
      return fail(
        'AUTH_FAILED',
        `${this.url} refused the login of "${credentials.user}" at the HTTP level (401/403); check the user name and password.`,
      );
    if (reply.value.result !== 0) {
      if (reply.value.notLoggedIn)
        return fail('AUTH_FAILED', `${this.url} refused the login of "${credentials.user}".`, reply.value.result);
      return { ok: false, error: errorForResult(reply.value.result, 'the login', credentials.user) };
    }
    const login = parseLogin(reply.value.body, credentials.user);
    if (!login.ok) return login;
    // Hubs hand the session out in Set-Cookie, in the body (`token`, or `sid` on older Cloud
    // builds), or both. The cookie jar comes first: it is what the hub will check.
    const cookieSid = reply.value.setCookies.get(SESSION_COOKIE) || null;
    const sid = cookieSid ?? login.value.token;
    if (sid === null)
      return fail(
        'PROTOCOL',
        `${this.url} accepted the login of "${credentials.user}" but handed out no session ` +
          `(no ${SESSION_COOKIE} cookie, no "token" or "sid" in the answer).`,
      );
    this.applySetCookies(reply.value);
    this.setCookie(SESSION_COOKIE, sid);
    // The documented contract: the client sends the user cookie itself unless the hub set one.
    if (!this.cookies.has(USER_COOKIE)) this.setCookie(USER_COOKIE, credentials.user);
    this.loggedIn = true;
    this.sessionGeneration++;
    return ok(login.value.info);
  }

  /**
   * One API call with the session rules: log in first if needed; on "not logged in" log in
   * again once and retry once; a second refusal is SESSION_EXPIRED, never a loop (two tries).
   */
  private async call(path: string, what: string, poll = false): Promise<Reply> {
    if (!this.loggedIn && this.credentials) {
      const login = await this.login();
      if (!login.ok) return login;
    }
    let hubCode: number | null = null;
    for (let attempt = 1; attempt <= 2; attempt++) {
      const generation = this.sessionGeneration;
      const reply = await this.exchange({ method: 'GET', path, what, cookieHeader: this.cookieHeader(), poll });
      if (!reply.ok) return reply;
      this.applySetCookies(reply.value);
      if (!reply.value.notLoggedIn) {
        if (reply.value.result === 0) return reply;
        return { ok: false, error: errorForResult(reply.value.result ?? -1, what, this.userName()) };
      }
      hubCode = reply.value.result;
      if (!this.credentials) {
        return fail(
          'AUTH_FAILED',
          `${this.url} needs a login for ${what} and no user name and password are set for it.`,
          hubCode,
        );
      }
      // Another call may already have logged in again while this one was in flight.
      if (attempt === 1 && this.sessionGeneration === generation) {
        this.loggedIn = false;
        const login = await this.login();
        if (!login.ok) return login;
      }
    }
    this.dropSession();
    return fail(
      'SESSION_EXPIRED',
      `${this.url} ended the session again right after a fresh login (${what}); check the hub's clock and session settings, then retry.`,
      hubCode,
    );
  }

  // ——— transport and TLS ———

  private targetVia(
    httpAgent: http.Agent,
    httpsAgent: https.Agent | undefined,
    pinned: { pem: string; pin: string } | null,
  ): HubTarget {
    this.target?.poll.drop(new Error('connection replaced'));
    return {
      url: this.url,
      scheme: this.endpoint.scheme,
      axios: createAxios(this.url, httpAgent, httpsAgent, this.maxResponseBytes),
      // For HTTPS no request is sent before the pinned settings exist (ensureTls comes first).
      poll: new PollConnection(new URL(this.url).origin, { connectTimeoutMs: this.connectTimeoutMs, pinned }),
      maxResponseBytes: this.maxResponseBytes,
    };
  }

  private resetTls(): void {
    this.tlsReady = null;
    this.httpsAgent?.destroy();
    this.httpsAgent = null;
    if (this.endpoint.scheme === 'https') this.target.poll.drop(new Error('certificate check again'));
  }

  /**
   * For HTTPS: make sure the pinned agent exists. Without a pin, or with a certificate that is
   * not the pinned one, this fails before any request (so before any password) is sent.
   */
  private ensureTls(): Promise<Result<void>> {
    if (this.endpoint.scheme === 'http') return Promise.resolve(ok(undefined));
    if (this.pinError) return Promise.resolve(this.pinError);
    this.tlsReady ??= this.prepareTls().then((r) => {
      if (!r.ok) this.tlsReady = null;
      return r;
    });
    return this.tlsReady;
  }

  private async prepareTls(): Promise<Result<void>> {
    const probe = await probeCertificate(this.endpoint.host, this.endpoint.port, {
      timeoutMs: this.connectTimeoutMs,
      signal: this.lifetime.signal,
    });
    if (!probe.ok) return probe;
    const presented = probe.value.fingerprint;
    if (this.pin === null) {
      return fail(
        'TLS_UNTRUSTED',
        `${this.url} presents a certificate Hubkeeper does not trust yet, fingerprint ${presented}. ` +
          "Compare it with the certificate shown in the hub's own web interface and, if it matches, trust (pin) it.",
      );
    }
    if (presented !== this.pin) return this.certChanged(presented);
    this.httpsAgent = createPinnedHttpsAgent(probe.value.pem, this.pin, this.connectTimeoutMs);
    this.target = this.targetVia(this.httpAgent, this.httpsAgent, { pem: probe.value.pem, pin: this.pin });
    return ok(undefined);
  }

  private certChanged(presented: string): Result<never> {
    return fail(
      'CERT_CHANGED',
      `${this.url} now presents a different certificate (${presented}) from the pinned one (${this.pin ?? 'none'}). ` +
        'Nothing was sent to it. A firmware update or factory reset can do this legitimately; check with the site before trusting the new one.',
    );
  }

  private async exchange(opts: Omit<SendOptions, 'timeoutMs' | 'scope'>): Promise<Reply> {
    if (this.requests.isClosed) return fail('CANCELLED', `The connection to ${this.url} was closed.`);
    if (this.endpoint.scheme === 'https') {
      const tls = await this.ensureTls();
      if (!tls.ok) return tls;
    }
    const full: SendOptions = {
      method: opts.method,
      path: opts.path,
      what: opts.what,
      json: opts.json,
      cookieHeader: opts.cookieHeader,
      timeoutMs: this.timeoutMs,
      scope: this.requests,
      poll: opts.poll,
    };
    const reply = await send(this.target, full);
    if (reply.ok) return reply;
    if ('tls' in reply) return this.onTlsVerifyFailure(reply.tls.code, reply.tls.message);
    return reply;
  }

  /** The pinned handshake failed: look at the certificate again to tell "changed" from "broken". */
  private async onTlsVerifyFailure(code: string, message: string): Promise<Reply> {
    this.resetTls();
    const probe = await probeCertificate(this.endpoint.host, this.endpoint.port, {
      timeoutMs: this.connectTimeoutMs,
      signal: this.lifetime.signal,
    });
    if (probe.ok && probe.value.fingerprint !== this.pin) return this.certChanged(probe.value.fingerprint);
    if (code === PIN_MISMATCH_CODE) return this.certChanged(probe.ok ? probe.value.fingerprint : 'unknown');
    if (code === 'CERT_HAS_EXPIRED' && probe.ok) {
      return fail(
        'TLS_UNTRUSTED',
        `The pinned certificate of ${this.url} expired on ${probe.value.validTo}; renew it on the hub (or re-pin the new one).`,
      );
    }
    if (code === 'CERT_NOT_YET_VALID' && probe.ok) {
      return fail(
        'TLS_UNTRUSTED',
        `The pinned certificate of ${this.url} is valid only from ${probe.value.validFrom}; check this computer's and the hub's clocks.`,
      );
    }
    return fail('TLS_UNTRUSTED', `${this.url} failed the certificate check (${message}).`);
  }
}
