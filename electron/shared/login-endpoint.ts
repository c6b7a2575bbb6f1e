import type { InventoryEndpoint } from './inventory';

/**
 * The endpoint a hub's session (and so its login) uses. HTTPS whenever the hub has it: a pinned
 * one first (the password travels encrypted to a certificate the technician accepted), then an
 * unpinned one (which asks for trust before anything is sent). Plain HTTP only when the hub has
 * nothing else: its login is an unsalted MD5 of the password, which anyone on the path can replay.
 * Shared so that the window can say "this login goes over plain HTTP" about the very endpoint the
 * backend will use.
 */
export function sessionEndpoint(endpoints: readonly InventoryEndpoint[]): InventoryEndpoint | null {
  return (
    endpoints.find((e) => e.scheme === 'https' && e.pin) ??
    endpoints.find((e) => e.scheme === 'https') ??
    endpoints.find((e) => e.scheme === 'http') ??
    null
  );
}

/** True when logging in to a hub with these endpoints sends the password hash over plain HTTP. */
export function logsInOverHttp(endpoints: readonly InventoryEndpoint[]): boolean {
  return sessionEndpoint(endpoints)?.scheme === 'http';
}
