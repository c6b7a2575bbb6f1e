import { createHash } from 'node:crypto';
import { connect, type PeerCertificate } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { fingerprintOf, startFleet, startHub, type SimulatedHub } from '../index';
import { generateCertificate } from '../tls-certs';
import { call, login } from './http-helpers';

const untrusted = { code: expect.stringMatching(/CERT|SIGNATURE|VERIFY/) };

/** The certificate the hub presents, read from a bare handshake (no request sent). */
function peerFingerprint(hub: SimulatedHub): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hub.host, port: hub.port, rejectUnauthorized: false }, () => {
      const cert: PeerCertificate = socket.getPeerCertificate();
      socket.destroy();
      resolve(`sha256:${createHash('sha256').update(cert.raw).digest('hex')}`);
    });
    socket.on('error', reject);
  });
}

describe('HTTPS hubs', () => {
  it('serve a generated self-signed certificate whose fingerprint the hub reports', async () => {
    const hub = await startHub({ port: 0, https: true });
    try {
      expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.2:\d+$/);
      expect(hub.certFingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(fingerprintOf(hub.certPem!)).toBe(hub.certFingerprint);
      expect(await peerFingerprint(hub)).toBe(hub.certFingerprint);
      // Trusting exactly that certificate works (the name is controlhub.local, not the address).
      const { cookie, answer } = await login(hub);
      expect(answer.json.result).toBe(0);
      const a = await call(hub, '/api/settings/get', { cookie });
      expect(a.json).toMatchObject({ web: { 'enable-https': true, 'https-port': hub.port } });
      // Without the certificate as trust anchor the handshake fails: it is untrusted.
      const other = await generateCertificate();
      await expect(call(hub, '/api/update/status', { ca: other.cert })).rejects.toMatchObject(untrusted);
    } finally {
      await hub.stop();
    }
  });

  it('swapCertificate presents a new certificate on the same address and port', async () => {
    const hub = await startHub({ port: 0, https: true });
    try {
      const before = hub.certFingerprint!;
      const oldPem = hub.certPem!;
      const port = hub.port;
      await hub.swapCertificate();
      expect(hub.port).toBe(port);
      expect(hub.certFingerprint).not.toBe(before);
      expect(await peerFingerprint(hub)).toBe(hub.certFingerprint);
      // A client pinned to the old certificate now fails the handshake.
      await expect(call(hub, '/api/update/status', { ca: oldPem })).rejects.toMatchObject(untrusted);
      expect((await call(hub, '/api/update/status')).json).toStrictEqual({ result: 37 });
    } finally {
      await hub.stop();
    }
  });

  it('swapCertificate on an HTTP hub is an error', async () => {
    const hub = await startHub({ port: 0 });
    try {
      await expect(hub.swapCertificate()).rejects.toThrow(/not an HTTPS hub/);
      expect(hub.certPem).toBeNull();
    } finally {
      await hub.stop();
    }
  });

  it('fleets share one certificate by default, mixed fleets alternate, swaps stay per hub', async () => {
    const t0 = performance.now();
    const fleet = await startFleet({ count: 200, from: '127.78.1.1', port: 0, https: true });
    const ms = performance.now() - t0;
    const mixed = await startFleet({ count: 4, from: '127.78.2.1', port: 0, https: 'mixed' });
    try {
      expect(ms).toBeLessThan(5000);
      const prints = new Set(fleet.hubs.map((h) => h.certFingerprint));
      expect(prints.size).toBe(1);
      await fleet.hubs[3]!.swapCertificate();
      expect(fleet.hubs[3]!.certFingerprint).not.toBe(fleet.hubs[4]!.certFingerprint);
      expect(await peerFingerprint(fleet.hubs[4]!)).toBe(fleet.hubs[4]!.certFingerprint);
      expect(mixed.hubs.map((h) => h.https)).toEqual([false, true, false, true]);
      expect((await login(mixed.hubs[1]!)).answer.json.result).toBe(0);
      expect((await login(mixed.hubs[2]!)).answer.json.result).toBe(0);
    } finally {
      await Promise.all([fleet.stop(), mixed.stop()]);
    }
    console.log(`startFleet(200 https, shared cert): ${ms.toFixed(0)} ms`);
  });

  it('sharedCertificate: false gives every hub its own', async () => {
    const fleet = await startFleet({ count: 3, from: '127.78.3.1', port: 0, https: true, sharedCertificate: false });
    try {
      expect(new Set(fleet.hubs.map((h) => h.certFingerprint)).size).toBe(3);
    } finally {
      await fleet.stop();
    }
  });

  it('the restart window also refuses TLS, and the same certificate comes back', async () => {
    const hub = await startHub({
      port: 0,
      https: true,
      scenario: 'full-update',
      timing: { leadMs: 0, checkMs: 0, downloadMs: 0, verifyMs: 0, restartNoticeMs: 50, restartMs: 300 },
    });
    try {
      const print = hub.certFingerprint;
      const t0 = Date.now();
      while (!hub.isRestarting && Date.now() - t0 < 2000) await new Promise((r) => setTimeout(r, 5));
      await expect(peerFingerprint(hub)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      while (hub.isRestarting && Date.now() - t0 < 3000) await new Promise((r) => setTimeout(r, 5));
      expect(await peerFingerprint(hub)).toBe(print);
    } finally {
      await hub.stop();
    }
  });
});
