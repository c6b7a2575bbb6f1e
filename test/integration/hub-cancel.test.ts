import { describe, expect, it } from 'vitest';
import { useHubHarness } from './hub-harness';

/**
 * Cancelling and deadlines of the hub client's requests, which share reusable abort
 * controllers per client: closing cancels what is in flight and everything after, a deadline
 * aborts only its own request, and a reused controller never carries an old abort into a new
 * request. Hubs on 127.0.66.x with random ports (this file's own addresses).
 */

const HOST = '127.0.66.1';
const { hub, clientFor } = useHubHarness(HOST, 5000);

describe('hub client cancelling', () => {
  it('close() cancels a request in flight at once, and every later call', async () => {
    const h = await hub();
    const c = clientFor(h);
    expect((await c.updateStatus()).ok).toBe(true);
    h.injectFault({ kind: 'hang' });
    const started = Date.now();
    const pending = c.updateStatus();
    setTimeout(() => c.close(), 50);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(Date.now() - started).toBeLessThan(2000);
    h.injectFault(null);
    expect(await c.updateStatus()).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });

  it('close() cancels every request in flight, however many', async () => {
    const h = await hub();
    const c = clientFor(h);
    expect((await c.updateStatus()).ok).toBe(true);
    h.injectFault({ kind: 'hang' });
    const pending = [c.updateStatus(), c.systemStatus(), c.settings(), c.updateStatus({ start: 0, count: 3 })];
    setTimeout(() => c.close(), 50);
    for (const r of await Promise.all(pending)) expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });

  it('the signal option cancels like close()', async () => {
    const h = await hub();
    const ac = new AbortController();
    const c = clientFor(h, { signal: ac.signal });
    expect((await c.updateStatus()).ok).toBe(true);
    h.injectFault({ kind: 'hang' });
    const pending = c.updateStatus();
    setTimeout(() => ac.abort(), 50);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });

  it('a deadline aborts only its own request: the client goes on working afterwards', async () => {
    const h = await hub();
    const c = clientFor(h, { timeoutMs: 300 });
    // Many requests in a row reuse the same controller.
    for (let i = 0; i < 20; i++) expect((await c.updateStatus()).ok).toBe(true);
    h.injectFault({ kind: 'hang' });
    const started = Date.now();
    expect(await c.updateStatus()).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    expect(Date.now() - started).toBeLessThan(2000);
    h.injectFault(null);
    for (let i = 0; i < 5; i++) expect((await c.updateStatus()).ok).toBe(true);
  });

  it('concurrent calls on one client each get their own controller', async () => {
    const h = await hub();
    const c = clientFor(h);
    const results = await Promise.all(Array.from({ length: 8 }, () => c.updateStatus()));
    expect(results.every((r) => r.ok)).toBe(true);
    const again = await Promise.all([
      c.updateStatus(),
      c.systemStatus(),
      c.settings(),
      c.updateStatus({ start: 0, count: 5 }),
    ]);
    expect(again.map((r) => r.ok)).toEqual([true, true, true, true]);
  });
});
