import { describe, expect, it } from 'vitest';
import { renderScan } from '../../electron/cli/commands/scan';
import type { SweepResult } from '../../electron/shared/discovery';

const FP = `sha256:${'ab'.repeat(32)}`;

describe('hubkeeper scan text output', () => {
  it('says which HTTPS endpoint was found via a redirect, and shows its certificate for pinning', () => {
    const result: SweepResult = {
      target: '192.0.2.0/24',
      ports: [80, 443],
      scanned: 254,
      elapsedMs: 812,
      hubs: [
        {
          address: '192.0.2.7',
          endpoints: [{ scheme: 'https', port: 8443, fingerprint: FP, redirectedFrom: { scheme: 'http', port: 80 } }],
        },
        { address: '192.0.2.9', endpoints: [{ scheme: 'http', port: 80, fingerprint: null }] },
      ],
      others: [],
    };
    const text = renderScan(result);
    expect(text).toContain('https://192.0.2.7:8443 (found via redirect from http://192.0.2.7)');
    expect(text).toMatch(/192\.0\.2\.9\s+http:\/\/192\.0\.2\.9\n/);
    expect(text).toMatch(new RegExp(`192\\.0\\.2\\.7:8443\\s+${FP}`));
  });
});
