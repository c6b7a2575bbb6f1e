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
