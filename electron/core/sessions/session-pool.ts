import pLimit from 'p-limit';
import type { HistoryPage, LoginInfo, SystemStatus, UpdateStatus } from '../../shared/domain';
import { fail, ok, type Result } from '../../shared/errors';
import { settleWithin } from '../time-budget';
import { HubClient, type HubClientOptions, type HubCredentials } from '../hub/hub-client';
import { formatHubUrl } from '../hub/hub-url';
import {
  isRefusal,
  type CredentialProvider,
  type CredentialRequest,
  type ProvidedCredentials,
} from './credential-provider';
import type { HardwareAddressObserver } from './hardware-address';
import type { HubBinding } from './hub-binding';
import type { SessionTarget } from './session-target';

/** The calls the monitor makes, by hub id. The pool implements it; tests use fakes. */
export interface HubPoller {
  updateStatus(hubId: string): Promise<Result<UpdateStatus>>;
  systemStatus(hubId: string): Promise<Result<SystemStatus>>;
  allVersions(hubId: string): Promise<Result<HistoryPage>>;
}

/** The part of HubClient the pool uses (so tests can hand in a fake factory). */
export type PooledClient = Pick<
  HubClient,
  | 'url'
  | 'login'
  | 'logout'
  | 'updateStatus'
  | 'allVersions'
  | 'systemStatus'
  | 'settings'
  | 'deviceListPage'
  | 'setCredentials'
  | 'setPin'
  | 'close'
  | 'isLoggedIn'
>;

export interface SessionPoolOptions {
  credentials: CredentialProvider;
  /** Per-request bound handed to every client. */
  timeoutMs?: number;
  /** How many hubs a site login talks to at once. */
  loginConcurrency?: number;
  createClient?: (options: HubClientOptions) => PooledClient;
  /**
   * What answers at a hub's address (its hardware address), recorded after each login and
   * compared before a login with a password the user did not type just now. Without it nothing
   * is recorded or compared (the CLI's one-shot commands, tests of other things).
   */
  observeHardwareAddress?: HardwareAddressObserver;
}

interface Slot {
  target: SessionTarget;
  url: string;
  client: PooledClient;
  /** Credentials were fetched from the provider (or given) for this client. */
  credentialsLoaded: Promise<void> | null;
  /** `credentialsLoaded` has settled: calls need not wait for it. */
  credentialsReady: boolean;
  /** The hardware address the hub had at the last login (or when its password was saved). */
  recordedMac: string | null;
  /** A login with credentials the user typed just now is under way: nothing to compare against. */
  typing: boolean;
  /** What the client logs in with (kept here too, to bind a remembered password after a login). */
  credentials: HubCredentials | null;
}

export interface LoginOutcome {
  hubId: string;
  url: string;
  result: Result<LoginInfo>;
}

/**
 * One HubClient per hub, shared by the monitor and by one-off calls (history pages, login from
 * the UI), so a hub sees one session from this computer rather than one per feature. Holds each
 * hub's endpoint and certificate pin; credentials come from the injected CredentialProvider the
 * first time a hub is used (or when the user logs in explicitly). Re-login after a hub restart
 * is the client's own rule (one fresh login and one retry on "not logged in").
 */
export class SessionPool implements HubPoller {
  private readonly slots = new Map<string, Slot>();
  private readonly createClient: (options: HubClientOptions) => PooledClient;

  constructor(private readonly options: SessionPoolOptions) {
    this.createClient = options.createClient ?? ((o) => new HubClient(o));
  }

  /** Add a hub, or update it: a new endpoint opens a new client; a new pin applies at once. */
  register(target: SessionTarget): void {
    const url = formatHubUrl(target.endpoint);
    const slot = this.slots.get(target.hubId);
    if (slot && slot.url === url) {
      const repinned = slot.target.pin !== target.pin;
      slot.target = target;
      if (repinned) this.repin(slot, target.pin);
      return;
    }
    slot?.client.close();
    const fresh: Omit<Slot, 'client'> = {
      target,
      url,
      credentialsLoaded: null,
      credentialsReady: false,
      recordedMac: null,
      typing: false,
      credentials: null,
    };
    const client = this.createClient({
      endpoint: target.endpoint,
      pin: target.pin,
      timeoutMs: this.options.timeoutMs,
      beforeLogin: () => this.beforeLogin(hubSlot),
      afterLogin: () => this.afterLogin(hubSlot),
    });
    const hubSlot: Slot = { ...fresh, client };
    this.slots.set(target.hubId, hubSlot);
  }

  /** Replace the whole set of hubs (e.g. after an inventory change); returns the removed ids. */
  sync(targets: readonly SessionTarget[]): string[] {
    const keep = new Set(targets.map((t) => t.hubId));
    const removed = [...this.slots.keys()].filter((id) => !keep.has(id));
    removed.forEach((id) => this.unregister(id));
    targets.forEach((t) => this.register(t));
    return removed;
  }

  unregister(hubId: string): void {
    const slot = this.slots.get(hubId);
    if (!slot) return;
    slot.client.close();
    this.slots.delete(hubId);
  }

  has(hubId: string): boolean {
    return this.slots.has(hubId);
  }

  hubIds(): string[] {
    return [...this.slots.keys()];
  }

  target(hubId: string): SessionTarget | null {
    return this.slots.get(hubId)?.target ?? null;
  }

  url(hubId: string): string | null {
    return this.slots.get(hubId)?.url ?? null;
  }

  setPin(hubId: string, pin: string | null): Result<void> {
    const slot = this.slots.get(hubId);
    if (!slot) return this.unknown(hubId);
    const repinned = slot.target.pin !== pin;
    slot.target = { ...slot.target, pin };
    if (repinned) this.repin(slot, pin);
    return ok(undefined);
  }

  /** What identifies the hub as of its last login: to bind a password saved now. */
  binding(hubId: string): HubBinding | null {
    const slot = this.slots.get(hubId);
    return slot ? { pin: slot.target.pin, mac: slot.recordedMac } : null;
  }

  isLoggedIn(hubId: string): boolean {
    return this.slots.get(hubId)?.client.isLoggedIn ?? false;
  }

  /**
   * Log in now. With `credentials` (typed by the user, maybe not remembered) they are used and
   * what identifies the hub is recorded afresh; otherwise the provider is asked again (the user
   * may just have saved a password), and its answer goes only to the hub it was bound to.
   */
  async login(hubId: string, credentials?: HubCredentials): Promise<Result<LoginInfo>> {
    const slot = this.slots.get(hubId);
    if (!slot) return this.unknown(hubId);
    if (credentials) {
      this.useCredentials(slot, credentials, null);
      slot.typing = true;
      try {
        return await slot.client.login();
      } finally {
        slot.typing = false;
      }
    }
    const answer = await this.options.credentials.get(this.request(slot));
    if (isRefusal(answer)) return fail('AUTH_FAILED', answer.refused);
    if (!answer) return fail('AUTH_FAILED', `No user name and password are known for ${slot.url}; log in to it first.`);
    this.useCredentials(slot, answer, answer.mac ?? null);
    return slot.client.login();
  }

  /** Log in to every hub of a site (or every given hub), a few at a time. */
  async loginSite(siteId: string, credentials?: HubCredentials): Promise<LoginOutcome[]> {
    const ids = [...this.slots.values()].filter((s) => s.target.siteId === siteId).map((s) => s.target.hubId);
    return this.loginMany(ids, credentials);
  }

  async loginMany(hubIds: readonly string[], credentials?: HubCredentials): Promise<LoginOutcome[]> {
    const limit = pLimit(this.options.loginConcurrency ?? 8);
    return Promise.all(
      hubIds.map((hubId) =>
        limit(async () => ({ hubId, url: this.url(hubId) ?? hubId, result: await this.login(hubId, credentials) })),
      ),
    );
  }

  async logout(hubId: string): Promise<Result<void>> {
    const slot = this.slots.get(hubId);
    if (!slot) return this.unknown(hubId);
    return slot.client.logout();
  }

  /**
   * Log out of every hub (hubs keep a limited number of sessions: leave none behind) and close
   * every socket. Logging out is given at most `logoutWithinMs`: a hub that does not answer must
   * not hold up the exit.
   */
  async closeAll(logout = true, logoutWithinMs = 3000): Promise<void> {
    const slots = [...this.slots.values()];
    this.slots.clear();
    if (logout) {
      const limit = pLimit(16);
      const logouts = Promise.all(
        slots.map((s) => limit(() => (s.client.isLoggedIn ? s.client.logout() : Promise.resolve(ok(undefined))))),
      );
      await settleWithin(logouts, logoutWithinMs);
    }
    slots.forEach((s) => s.client.close());
  }

  // ——— HubPoller ———

  updateStatus(hubId: string): Promise<Result<UpdateStatus>> {
    // The poll, every second for every hub: once the credentials are in, straight to the client.
    const slot = this.slots.get(hubId);
    if (slot?.credentialsReady) return slot.client.updateStatus();
    return this.ready(hubId).then((client) => (client.ok ? client.value.updateStatus() : client));
  }

  async systemStatus(hubId: string): Promise<Result<SystemStatus>> {
    const client = await this.ready(hubId);
    return client.ok ? client.value.systemStatus() : client;
  }

  async allVersions(hubId: string): Promise<Result<HistoryPage>> {
    const client = await this.ready(hubId);
    return client.ok ? client.value.allVersions() : client;
  }

  /** The client for one-off calls (a history page, settings), with its credentials loaded. */
  async client(hubId: string): Promise<Result<PooledClient>> {
    return this.ready(hubId);
  }

  private async ready(hubId: string): Promise<Result<PooledClient>> {
    const slot = this.slots.get(hubId);
    if (!slot) return this.unknown(hubId);
    // Ask the provider once per client; a null answer leaves the client without credentials,
    // so it reports AUTH_FAILED itself instead of us guessing.
    slot.credentialsLoaded ??= this.options.credentials.get(this.request(slot)).then(
      (answer) => {
        if (answer && !isRefusal(answer)) {
          slot.credentials = { user: answer.user, password: answer.password };
          slot.client.setCredentials(slot.credentials);
          slot.recordedMac = answer.mac ?? null;
        }
      },
      () => undefined,
    );
    await slot.credentialsLoaded;
    slot.credentialsReady = true;
    return ok(slot.client);
  }

  private request(slot: Slot): CredentialRequest {
    return {
      hubId: slot.target.hubId,
      url: slot.url,
      pin: slot.target.pin,
      siteId: slot.target.siteId,
      defaultUser: slot.target.defaultUser,
    };
  }

  private useCredentials(slot: Slot, credentials: HubCredentials | ProvidedCredentials, mac: string | null): void {
    slot.credentials = { user: credentials.user, password: credentials.password };
    slot.client.setCredentials(slot.credentials);
    slot.recordedMac = mac;
    slot.credentialsLoaded = Promise.resolve();
    slot.credentialsReady = true;
  }

  /**
   * A new certificate is a new identity: the password in the client's memory (typed or
   * remembered) belonged to the old one. Drop it and ask the provider again, which hands out
   * only what is bound to the new pin.
   */
  private repin(slot: Slot, pin: string | null): void {
    slot.client.setPin(pin);
    slot.client.setCredentials(null);
    slot.credentials = null;
    slot.credentialsLoaded = null;
    slot.credentialsReady = false;
    slot.recordedMac = null;
  }

  /** Runs before every login the client sends: may this password go to this endpoint now? */
  private async beforeLogin(slot: Slot): Promise<Result<void>> {
    const { target } = slot;
    if (target.endpoint.scheme === 'http' && target.forbidHttpLogin) {
      return fail(
        'HTTP_LOGIN_FORBIDDEN',
        `${slot.url} has only plain HTTP and its site forbids logins over plain HTTP; nothing was sent. ` +
          "Add the hub's HTTPS endpoint, or allow HTTP logins in the site's settings.",
      );
    }
    const observe = this.options.observeHardwareAddress;
    if (slot.typing || slot.recordedMac === null || !observe) return ok(undefined);
    const now = await observe(target.endpoint);
    if (!now.ok) return now;
    if (now.value === slot.recordedMac) return ok(undefined);
    return fail(
      'DEVICE_CHANGED',
      `A different device answers at ${target.endpoint.host}: hardware address ${now.value ?? 'unknown (no longer on this subnet)'}, ` +
        `not ${slot.recordedMac} as at the last login. The remembered password was not sent. ` +
        'If this is the right hub (replaced, or its network card changed), log in by typing the password.',
    );
  }

  /** Runs after every successful login: record what the hub is recognised by, and bind to it. */
  private async afterLogin(slot: Slot): Promise<void> {
    const observe = this.options.observeHardwareAddress;
    if (!observe) return;
    const seen = await observe(slot.target.endpoint);
    if (!seen.ok) return; // keep what was known; the next login looks again
    slot.recordedMac = seen.value;
    const credentials = slot.credentials;
    if (!credentials || !this.options.credentials.record) return;
    await this.options.credentials
      .record(this.request(slot), { pin: slot.target.pin, mac: seen.value }, credentials)
      .catch(() => undefined);
  }

  private unknown(hubId: string): Result<never> {
    return fail('NOT_FOUND', `Hub ${hubId} is not in the list of hubs this session knows.`);
  }
}
