import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  certInfoSchema,
  inventoryChangedSchema,
  presentedCertificateSchema,
  type PresentedCertificate,
} from '../../electron/shared/contract';
import { inventoryChangeSchema, type InventoryChange } from '../../electron/shared/inventory';
import type { InventoryStore } from '../../electron/core/inventory/inventory-store';
import type { CertificateInfo } from '../../electron/core/hub/tls-probe';
import type { CertProbePort, InventoryPort } from '../../electron/core/app/ports';
import type { Result } from '../../electron/shared/errors';
import {
  applyUpdateEvent,
  deriveUpdates,
  nextUpdateRecord,
  timelineEventSchema,
  type TimelineEvent,
} from '../../electron/shared/timeline';
import { HUB_RESULTS, hubResultCodes, type HubResultName } from '../../electron/shared/hub-results';
import { errorForResult, isNotLoggedIn } from '../../electron/core/hub/result-codes';
import { resultCodeKey } from '../../renderer/src/lib/result-codes';
import { AUTH_FAILED_36, CURRENT_CODES, LEGACY_CODES } from '../simulator/result-codes';

// One definition per idea: the other shapes are derived from it, so they cannot drift apart.

describe('the certificate summary', () => {
  it('is one schema: the contract’s cert info, the probe port and core’s probe result derive from it', () => {
    expect(certInfoSchema.shape.presented).toBe(presentedCertificateSchema);
    expectTypeOf<Awaited<ReturnType<CertProbePort['probe']>>>().toEqualTypeOf<Result<PresentedCertificate>>();
    expectTypeOf<CertificateInfo>().toExtend<PresentedCertificate>();
  });
});

describe('the inventory change', () => {
  it('has one set of names from the store to the window: the event only shows each hub as the window sees it', () => {
    expect(Object.keys(inventoryChangedSchema.shape)).toEqual(Object.keys(inventoryChangeSchema.shape));
    expect(inventoryChangedSchema.shape.upsertedSites).toBe(inventoryChangeSchema.shape.upsertedSites);
    expect(inventoryChangedSchema.shape.removedHubIds).toBe(inventoryChangeSchema.shape.removedHubIds);
    expectTypeOf<Parameters<Parameters<InventoryPort['onChange']>[0]>[0]>().toEqualTypeOf<InventoryChange>();
    expectTypeOf<Parameters<Parameters<InventoryStore['onChange']>[0]>[0]>().toEqualTypeOf<InventoryChange>();
  });
});

describe('the hub result codes', () => {
  const every = (Object.keys(HUB_RESULTS) as HubResultName[]).flatMap((name) =>
    hubResultCodes(name).map((code) => ({ name, code })),
  );

  it('are one table: core’s errors and the window’s words read every number from it', () => {
    expect(every.length).toBeGreaterThan(10);
    for (const { name, code } of every) {
      expect(resultCodeKey(code)).toBe(name);
      expect(isNotLoggedIn(code)).toBe(name === 'notLoggedIn');
      if (name === 'ok' || name === 'notLoggedIn') continue;
      expect(errorForResult(code, 'the call', 'Admin').message).not.toContain('with error code');
    }
    expect(resultCodeKey(99)).toBeNull();
    expect(errorForResult(99, 'the call', 'Admin').message).toContain('with error code 99');
  });

  it('agree with the simulated hub, which keeps its own numbers as the hub side of the API', () => {
    for (const [family, codes] of [
      ['current', CURRENT_CODES],
      ['legacy', LEGACY_CODES],
    ] as const) {
      const simulated = {
        ok: codes.ok,
        notLoggedIn: codes.notLoggedIn,
        wrongPassword: codes.mismatch,
        noSuchUser: codes.notExist,
        notPermitted: codes.notPermitted,
        busy: codes.busy,
        invalidArgument: codes.invalidArg,
      };
      for (const [name, code] of Object.entries(simulated))
        expect(HUB_RESULTS[name as HubResultName][family][0], `${family} ${name}`).toBe(code);
    }
    expect(HUB_RESULTS.wrongPassword.current).toContain(AUTH_FAILED_36);
  });
});

describe('the fold of timeline events into update records', () => {
  const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
  const events: TimelineEvent[] = [
    { at: at(1), type: 'download-started', from: '2.1.27', target: '2.1.28' },
    { at: at(2), type: 'update-observed', from: '2.1.27', target: '2.1.28', phase: 'downloading' },
    {
      at: at(3),
      type: 'update-finished',
      outcome: 'failed',
      reason: 'update-failed',
      from: '2.1.27',
      to: null,
      updateResult: 11,
    },
    {
      at: at(4),
      type: 'update-finished',
      outcome: 'verified',
      reason: 'new-version',
      from: '2.1.27',
      to: '2.1.28',
      updateResult: null,
    },
    { at: at(5), type: 'upload-started', from: '2.1.27', target: null },
  ].map((e) => timelineEventSchema.parse(e));

  it('is one rule: the live record after any prefix of events is the last record the timeline rebuilds', () => {
    for (let n = 0; n <= events.length; n++) {
      const prefix = events.slice(0, n);
      expect(nextUpdateRecord(null, prefix), `after ${n} events`).toEqual(deriveUpdates(prefix).at(-1) ?? null);
    }
    expect(deriveUpdates(events).map((u) => u.outcome)).toEqual(['failed', 'in-progress']);
    // The live record is folded step by step too: from the record after 2 events, the rest gives the same.
    expect(nextUpdateRecord(nextUpdateRecord(null, events.slice(0, 2)), events.slice(2))).toEqual(
      nextUpdateRecord(null, events),
    );
    expect(applyUpdateEvent(null, events[2]!)).toBeNull();
  });
});
