import { events, type EventChannel, type EventPayload } from '../../shared/contract';
import type { Log } from './log';

/**
 * The outgoing twin of the invoker's result check: every event a transport pushes to a renderer
 * (Electron's `webContents.send`, the web transport's socket) goes through its contract schema
 * first, and what is sent is the PARSED payload, so a key nobody declared (a password, a
 * cookie) is stripped. A payload that breaks the contract is dropped and logged, never sent:
 * the renderer trusts these shapes, and a half-valid push would corrupt its state silently.
 *
 * Returns the payload to send, or null when the event must be dropped.
 */
export function checkOutgoingEvent<E extends EventChannel>(
  event: E,
  payload: unknown,
  log: Log,
  client: string,
): EventPayload<E> | null {
  const schema = Object.hasOwn(events, event) ? events[event] : undefined;
  if (!schema) {
    log.error('event on an undeclared channel dropped', { event: String(event).slice(0, 80), client });
    return null;
  }
  const checked = schema.safeParse(payload);
  if (!checked.success) {
    // Issue paths and messages only: the payload itself may carry what must not reach a log.
    log.error('event does not match the contract; dropped', {
      event,
      client,
      issues: checked.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
    return null;
  }
  return checked.data as EventPayload<E>;
}
