import { describe, expect, it } from 'vitest';
import {
  clip,
  describeChange,
  describeEvent,
  freshnessText,
  frame,
  hubLine,
  redraw,
} from '../../electron/cli/watch-view';
import { adhocHubId, findHubByEndpoint, findSite, resolveByEndpoint } from '../../electron/core/monitor/hub-directory';
import type { Inventory } from '../../electron/shared/inventory';
import { live } from './tracking-fixtures';

const hub = { hubId: 'h', name: 'Studio A', url: 'http://127.0.0.2' };

describe('watch view', () => {
  it('draws a progress bar only while downloading and never calls old figures live', () => {
    const line = hubLine(
      hub,
      live('h', { state: { code: 4, hex: '0x4', names: ['downloading'], unknownBits: 0 }, progress: 40, online: null }),
      10,
    );
    expect(line).toMatch(
      /^Studio A\s+downloading 40%\s+live \d\d:\d\d:\d\d\s+2\.1\.27.*\[########------------\] {2}40%/,
    );
    expect(line).toMatch(/live \d\d:\d\d:\d\d/);
    expect(hubLine(hub, live('h'), 10)).not.toContain('[');
    expect(freshnessText(live('h', { stale: true }))).toMatch(/^not live, as of/);
    expect(freshnessText(live('h', { offline: true, stale: true }))).toMatch(/^OFFLINE/);
    expect(freshnessText(live('h', { paused: true }))).toMatch(/^paused/);
    expect(
      freshnessText(
        live('h', { blockedBy: 'CERT_CHANGED', error: { code: 'CERT_CHANGED', hubCode: null, message: 'new cert' } }),
      ),
    ).toBe('stopped: CERT_CHANGED (new cert)');
    expect(hubLine(hub, live('h', { state: { code: 0x80, hex: '0x80', names: [], unknownBits: 0x80 } }), 10)).toMatch(
      /0x80\?/,
    );
  });

  it('keeps state and liveness inside an 80-column terminal, even with a long hub name', () => {
    const long = { hubId: 'h', name: 'http://192.168.100.200:8080', url: 'http://192.168.100.200:8080' };
    const nameWidth = frame([long], new Map(), 'x')[1]!.indexOf(' ');
    const offline = clip(
      hubLine(long, live('h', { offline: true, stale: true, lastSuccessAt: '2024-01-02T10:00:00Z' }), nameWidth),
      80,
    );
    expect(offline).toMatch(/idle\s+OFFLINE, last answer \d\d:\d\d:\d\d/);
    const busy = live('h', {
      state: { code: 4, hex: '0x4', names: ['downloading'], unknownBits: 0 },
      progress: 63,
      stale: true,
      lastSuccessAt: '2024-01-02T10:00:00Z',
    });
    expect(clip(hubLine(long, busy, nameWidth), 80)).toMatch(/downloading 63%\s+not live, as of \d\d:\d\d:\d\d/);
  });

  it('shows the update outcome with the hub result', () => {
    const failed = live('h', {
      update: { from: '2.1.27', to: null, outcome: 'failed', startedAt: 'x', endedAt: 'y', updateResult: 11 },
    });
    expect(hubLine(hub, failed, 10)).toMatch(/last update FAILED \(hub result 11\)$/);
  });

  it('redraws in place: cursor up over the previous frame, each line cleared, lines clipped to the width', () => {
    const lines = frame([hub], new Map([['h', live('h')]]), 'header');
    expect(lines).toHaveLength(2);
    const esc = String.fromCharCode(27);
    expect(redraw(['a', 'b'], 0, 80)).toBe(`${esc}[2Ka\n${esc}[2Kb\n${esc}[J`);
    expect(redraw(['a'], 3, 80).startsWith(`${esc}[3F`)).toBe(true);
    expect(clip('x'.repeat(100), 40)).toHaveLength(39);
    expect(clip('short', 0)).toBe('short');
  });

  it('describes events and noteworthy changes in plain words', () => {
    expect(
      describeEvent({
        at: 'x',
        type: 'update-finished',
        outcome: 'failed',
        reason: 'update-failed',
        to: null,
        updateResult: 11,
      }),
    ).toBe('update FAILED (update-failed, hub result 11)');
    expect(describeEvent({ at: 'x', type: 'hub-offline', code: 'TIMEOUT', message: 'm' })).toBe(
      'hub offline (TIMEOUT)',
    );
    const before = live('h', { lastSuccessAt: null, version: null });
    expect(
      describeChange(
        {
          hubId: 'h',
          at: 'x',
          changes: {
            lastSuccessAt: 'y',
            version: '2.1.27',
            state: { code: 0, hex: '0x0', names: ['idle'], unknownBits: 0 },
          },
        },
        before,
      ),
    ).toBe('first answer, state idle, version 2.1.27');
    expect(
      describeChange({ hubId: 'h', at: 'x', changes: { lastSuccessAt: 'y', lastAttemptAt: 'y' } }, live('h')),
    ).toBeNull();
    expect(describeChange({ hubId: 'h', at: 'x', changes: { stale: true } }, live('h'))).toMatch(/NOT LIVE/);
    expect(describeChange({ hubId: 'h', at: 'x', changes: { stale: false } }, live('h', { stale: true }))).toBe(
      'live again',
    );
  });
});

describe('hub directory', () => {
  const inv: Inventory = {
    schemaVersion: 1,
    sites: [{ id: 's1', name: ' Acme Studios ', defaultUser: 'operator', notes: '' }],
    hubs: [
      {
        id: 'h1',
        siteId: 's1',
        name: 'A',
        address: '127.0.0.5',
        endpoints: [{ scheme: 'http', port: 8080, pin: null }],
        notes: '',
        addedAt: 'x',
      },
    ],
  };
  it('finds sites by name ignoring case and spaces, hubs by endpoint', () => {
    expect(findSite(inv, 'acme studios')?.id).toBe('s1');
    expect(findSite(inv, 'acme')).toBeNull();
    expect(findHubByEndpoint(inv, { scheme: 'http', host: '127.0.0.5', port: 8080 })?.id).toBe('h1');
    expect(findHubByEndpoint(inv, { scheme: 'http', host: '127.0.0.5', port: 80 })).toBeNull();
  });
  it('gives hubs outside the inventory a stable id from their address that fits the contract id pattern', () => {
    const id = adhocHubId({ scheme: 'http', host: 'fe80::1', port: 8080 });
    expect(id).toBe('adhoc:http:fe80::1:8080');
    expect(id).toMatch(/^[A-Za-z0-9._:-]{1,128}$/);
    expect(resolveByEndpoint(inv, { scheme: 'http', host: '127.0.0.5', port: 8080 }, null)).toMatchObject({
      hubId: 'h1',
      name: 'A',
      target: { defaultUser: 'operator' },
    });
    expect(resolveByEndpoint(inv, { scheme: 'http', host: '127.0.0.6', port: 80 }, null)).toMatchObject({
      hubId: 'adhoc:http:127.0.0.6:80',
      url: 'http://127.0.0.6',
    });
  });
});
