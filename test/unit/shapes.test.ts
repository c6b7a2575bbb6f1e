import { describe, expect, expectTypeOf, it } from 'vitest';
import { certInfoSchema, presentedCertificateSchema, type PresentedCertificate } from '../../electron/shared/contract';
import type { CertificateInfo } from '../../electron/core/hub/tls-probe';
import type { CertProbePort } from '../../electron/core/app/ports';
import type { Result } from '../../electron/shared/errors';

// One definition per idea: the other shapes are derived from it, so they cannot drift apart.

describe('the certificate summary', () => {
  it('is one schema: the contract’s cert info, the probe port and core’s probe result derive from it', () => {
    expect(certInfoSchema.shape.presented).toBe(presentedCertificateSchema);
    expectTypeOf<Awaited<ReturnType<CertProbePort['probe']>>>().toEqualTypeOf<Result<PresentedCertificate>>();
    expectTypeOf<CertificateInfo>().toExtend<PresentedCertificate>();
  });
});
