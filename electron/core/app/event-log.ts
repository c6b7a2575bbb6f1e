import type { AppError } from '../../shared/errors';
import type { HubChange } from '../../shared/monitor';
import type { UpdateRecord } from '../../shared/timeline';
import type { Log } from './log';
import type { DiscoveryPort, InventoryPort, MonitorPort, SessionPort } from './ports';

/**
 * The one place that turns the backend's events into log lines: hub failures (a request that
 * failed, offline and back), login failures, certificate changes (a hub presenting another
 * certificate, a pin set or cleared), sweeps and update outcomes. Lines carry the hub id and
 * error codes; the log sink redacts whatever else a message may hold.
 */

/** Subscribes to the monitor and the inventory; the returned function unsubscribes. */
export function logBackendEvents(sources: { monitor: MonitorPort; inventory: InventoryPort }, log: Log): () => void {
  const pins = new Map<string, string>();
  const pinKey = (hubId: string, port: number) => `${hubId}:${port}`;
  const notePins = (hubs: ReturnType<InventoryPort['get']>['hubs'], announce: boolean): void => {
    for (const hub of hubs) {
      for (const endpoint of hub.endpoints ?? []) {
        const key = pinKey(hub.id, endpoint.port);
        const pin = endpoint.pin ?? '';
        const before = pins.get(key);
        pins.set(key, pin);
        if (!announce || before === pin) continue;
        if (pin) log.info('certificate pinned', { hubId: hub.id, port: endpoint.port, fingerprint: pin });
        else if (before) log.info('certificate pin removed', { hubId: hub.id, port: endpoint.port });
      }
    }
  };
  notePins(sources.inventory.get().hubs, false);

  const offs = [
    sources.monitor.onChanges((changes) => {
      for (const change of changes) logHubChange(change, log);
    }),
    sources.monitor.onUpdateEnded((hubId, record) => logUpdateEnded(hubId, record, log)),
    sources.inventory.onChange((change) => {
      notePins(change.upsertedHubs, true);
      for (const id of change.removedHubIds)
        for (const key of [...pins.keys()]) if (key.startsWith(`${id}:`)) pins.delete(key);
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}

function logHubChange(change: HubChange, log: Log): void {
  const { hubId } = change;
  const c = change.changes;
  if (c.blockedBy === 'AUTH_FAILED')
    log.warn('login failed: polling stopped until the password is entered again', { hubId });
  else if (c.blockedBy === 'CERT_CHANGED')
    log.error('certificate changed: polling stopped until the new certificate is trusted', { hubId });
  if (c.error)
    log.warn('hub request failed', { hubId, code: c.error.code, hubCode: c.error.hubCode, message: c.error.message });
  if (c.offline === true) log.warn('hub offline', { hubId });
  else if (c.offline === false) log.info('hub answering again', { hubId });
}

function logUpdateEnded(hubId: string, record: UpdateRecord, log: Log): void {
  const detail = {
    hubId,
    outcome: record.outcome,
    from: record.from,
    to: record.to,
    updateResult: record.updateResult,
  };
  if (record.outcome === 'verified') log.info('update verified', detail);
  else if (record.outcome === 'failed') log.error('update failed', detail);
  else log.warn('update ended without confirmation', detail);
}

/** Logs every sweep: its target and ports when it starts, its counts when it ends. */
export function withSweepLog(discovery: DiscoveryPort, log: Log): DiscoveryPort {
  return {
    ...discovery,
    sweep: async (target, ports, callbacks, allowPublic) => {
      log.info('sweep started', { target, ports: ports ?? 'default', allowPublic: allowPublic === true });
      const result = await discovery.sweep(target, ports, callbacks, allowPublic);
      if (!result.ok) log.warn('sweep refused', { target, code: result.error.code, message: result.error.message });
      else {
        const r = result.value.result;
        log.info(result.value.cancelled ? 'sweep cancelled' : 'sweep finished', {
          target,
          scanned: r.scanned,
          hubs: r.hubs.length,
          others: r.others.length,
          elapsedMs: r.elapsedMs,
        });
      }
      return result;
    },
  };
}

/** Logs failed logins (typed or remembered password); never the user's input. */
export function withLoginLog(sessions: SessionPort, log: Log): SessionPort {
  const logged =
    (how: 'typed' | 'remembered') =>
    <T extends { ok: boolean; error?: { code: string; message: string } }>(hubId: string, result: T): T => {
      if (!result.ok && result.error)
        log.warn('login failed', { hubId, via: how, code: result.error.code, message: result.error.message });
      else if (result.ok) log.info('logged in', { hubId, via: how });
      return result;
    };
  return {
    ...sessions,
    login: async (hubId, user, password) => logged('typed')(hubId, await sessions.login(hubId, user, password)),
    loginRemembered: async (hubId) => logged('remembered')(hubId, await sessions.loginRemembered(hubId)),
  };
}

/**
 * One hub call that failed outside the backend (the CLI's one-shot commands: status, history,
 * devices, cert), in the words the backend logs the same events with: a refused login, a
 * certificate other than the pinned one, any other failed request. `what` names the call.
 */
export function logHubCallFailure(log: Log, hubId: string, what: string, error: AppError): void {
  const detail = { hubId, what, code: error.code, hubCode: error.hubCode, message: error.message };
  if (error.code === 'AUTH_FAILED') log.warn('login failed', detail);
  else if (error.code === 'CERT_CHANGED') log.error('certificate changed: not the pinned certificate', detail);
  else log.warn('hub request failed', detail);
}
