import pLimit from 'p-limit';
import type { CertInfo } from '../../shared/contract';
import { fail, ok, type AppError, type Result } from '../../shared/errors';
import type { InventoryHub } from '../../shared/inventory';
import { announceHubs, findHub, findSite, refuseUnvisited, type DispatchContext, type HandlerGroup } from './context';
import { decodeCredential, encodeCredential } from './credentials';
import { sanitiseError } from './invoke';

/** Sessions, remembered passwords and certificate trust: everything that decides access to a hub. */

const SITE_LOGIN_CONCURRENCY = 8;

function httpsEndpoint(hub: InventoryHub) {
  return hub.endpoints.find((e) => e.scheme === 'https') ?? null;
}

export function accessHandlers(
  ctx: DispatchContext,
): HandlerGroup<
  'session:login' | 'session:loginSite' | 'session:logout' | 'credentials:forget' | 'cert:inspect' | 'cert:trust'
> {
  const { sessions, secrets, certs, inventory, monitor } = ctx.services;

  /** Store or drop the password as asked. A refusal never fails the login itself. */
  async function applyRemember(
    hubIds: string[],
    user: string,
    password: string | undefined,
    remember: boolean | undefined,
  ) {
    let remembered = false;
    let refusedReason: string | null = null;
    if (remember === true && password !== undefined) {
      const availability = secrets.availability();
      if (!availability.available) {
        refusedReason = availability.reason ?? 'The system keychain is not available, so the password was not saved.';
      } else {
        remembered = true;
        for (const id of hubIds) {
          const saved = await secrets.save(id, encodeCredential({ user, password }));
          if (!saved.ok) {
            remembered = false;
            refusedReason = saved.error.message;
            break;
          }
        }
      }
    } else if (remember === false) {
      for (const id of hubIds) await secrets.delete(id);
    }
    if (remember !== undefined) announceHubs(ctx, hubIds);
    return { remembered, refusedReason };
  }

  async function inspect(hub: InventoryHub): Promise<Result<CertInfo>> {
    const endpoint = httpsEndpoint(hub);
    if (!endpoint) return fail('BAD_INPUT', 'This hub has no HTTPS endpoint, so there is no certificate to check.');
    const presented = await certs.probe(hub.address, endpoint.port);
    if (!presented.ok) return presented;
    const pinned = endpoint.pin;
    const state = pinned === null ? 'unpinned' : pinned === presented.value.fingerprint ? 'matches' : 'changed';
    return ok({ hubId: hub.id, port: endpoint.port, presented: presented.value, pinned, state });
  }

  return {
    'session:login': async ({ hubId, user, password, remember }) => {
      const refused = refuseUnvisited(ctx, hubId);
      if (refused) return refused;
      let secret = password;
      if (secret === undefined) {
        const saved = await secrets.load(hubId);
        if (!saved.ok) return saved;
        const credential = decodeCredential(saved.value);
        if (!credential) return fail('NOT_FOUND', 'No password is remembered for this hub; type it in.');
        secret = credential.password;
      }
      const login = await sessions.login(hubId, user, secret);
      if (!login.ok) return login;
      const rememberOutcome = await applyRemember([hubId], user, password, remember);
      monitor.unblock([hubId]);
      return ok({ hubId, login: login.value, ...rememberOutcome });
    },

    'session:loginSite': async ({ siteId, user, password, remember }) => {
      if (!findSite(ctx, siteId)) return fail('NOT_FOUND', 'That site does not exist.');
      const hubs = inventory.get().hubs.filter((h) => h.siteId === siteId);
      if (hubs.length === 0) return fail('BAD_INPUT', 'This site has no hubs yet.');
      // Logging in to a whole site says the user is there: it starts (or continues) its visit.
      const visit = await ctx.services.visits.start(siteId);
      if (!visit.ok) return visit;
      const limit = pLimit(SITE_LOGIN_CONCURRENCY);
      const results = await Promise.all(
        hubs.map((hub) =>
          limit(async () => {
            const login = await sessions.login(hub.id, user, password);
            // Per-hub errors travel inside a successful envelope: clean them as the invoker cleans
            // a top-level error (no paths, no control characters, bounded length).
            return { hubId: hub.id, ok: login.ok, error: login.ok ? null : sanitiseError(login.error as AppError) };
          }),
        ),
      );
      const okIds = results.filter((r) => r.ok).map((r) => r.hubId);
      const rememberOutcome = okIds.length
        ? await applyRemember(okIds, user, password, remember)
        : { remembered: false, refusedReason: null };
      if (okIds.length) monitor.unblock(okIds);
      return ok({ results, ...rememberOutcome });
    },

    'session:logout': async ({ hubId }) => {
      if (!findHub(ctx, hubId)) return fail('NOT_FOUND', 'That hub is not in the inventory.');
      await sessions.logout(hubId);
      return ok({ done: true as const });
    },

    'credentials:forget': async ({ hubIds }) => {
      let forgotten = 0;
      for (const id of hubIds) {
        if (secrets.has(id)) forgotten += 1;
        await secrets.delete(id);
      }
      announceHubs(ctx, hubIds);
      return ok({ forgotten });
    },

    'cert:inspect': async ({ hubId }) => {
      const refused = refuseUnvisited(ctx, hubId);
      if (refused) return refused;
      const hub = findHub(ctx, hubId);
      if (!hub) return fail('NOT_FOUND', 'That hub is not in the inventory.');
      return inspect(hub);
    },

    'cert:trust': async ({ hubId, fingerprint }) => {
      const refused = refuseUnvisited(ctx, hubId);
      if (refused) return refused;
      const hub = findHub(ctx, hubId);
      if (!hub) return fail('NOT_FOUND', 'That hub is not in the inventory.');
      // Probe again: pin only what the hub presents now AND the user was shown.
      const info = await inspect(hub);
      if (!info.ok) return info;
      if (info.value.presented.fingerprint !== fingerprint) {
        return fail(
          'CERT_CHANGED',
          'The hub now presents a different certificate than the one you were shown. Check it again before trusting it.',
        );
      }
      const pinned = await inventory.setPin(hubId, info.value.port, fingerprint);
      if (!pinned.ok) return pinned;
      ctx.log.info('certificate pinned', { hub: hubId, fingerprint, previous: info.value.pinned });
      // A new pin means a new TLS identity: drop the old session, then let polling resume.
      await sessions.logout(hubId);
      monitor.unblock([hubId]);
      return ok({ ...info.value, pinned: fingerprint, state: 'matches' as const });
    },
  };
}
