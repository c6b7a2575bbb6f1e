import { describe, expect, expectTypeOf, it } from 'vitest';
import { formatHubUrl, type HubOrigin } from '../../electron/shared/hub-origin';
import { endpointPortSchema, hubEndpointSchema, type EndpointPort } from '../../electron/shared/discovery';
import { inventoryEndpointSchema } from '../../electron/shared/inventory';
import { formatHubUrl as coreFormatHubUrl, parseHubUrl } from '../../electron/core/hub/hub-url';
import { hubWebUiUrl } from '../../electron/core/app/handlers-app';
import { renderScan } from '../../electron/cli/commands/scan';
import { hubAddress } from '../../renderer/src/lib/hub-view';

// A hub address is spelled in one place (shared/hub-origin.ts); core, the CLI and the window agree.
const cases = [
  { scheme: 'http', host: '192.0.2.7', port: 80, url: 'http://192.0.2.7' },
  { scheme: 'http', host: '192.0.2.7', port: 8080, url: 'http://192.0.2.7:8080' },
  { scheme: 'https', host: 'hub.local', port: 443, url: 'https://hub.local' },
  { scheme: 'https', host: '2001:db8::7', port: 8443, url: 'https://[2001:db8::7]:8443' },
  { scheme: 'http', host: 'fe80::1', port: 80, url: 'http://[fe80::1]' },
] as const;

describe('one spelling of a hub address', () => {
  it.each(cases)('$url', ({ scheme, host, port, url }) => {
    expect(formatHubUrl({ scheme, host, port })).toBe(url);
    expect(coreFormatHubUrl({ scheme, host, port })).toBe(url);
    const parsed = parseHubUrl(url);
    expect(parsed.ok && parsed.value).toEqual({ scheme, host, port });
    expect(hubAddress({ address: host, endpoints: [{ scheme, port, pin: null }] })).toBe(url);
    expect(hubWebUiUrl(host, [{ scheme, port }])).toBe(`${url}/`);
    const text = renderScan({
      target: host,
      ports: [port],
      scanned: 1,
      elapsedMs: 1,
      hubs: [{ address: host, endpoints: [{ scheme, port, fingerprint: null }] }],
      others: [],
    });
    expect(text).toContain(`  ${url}\n`);
  });
});

describe('one shape of a hub port', () => {
  it('the found hub’s endpoint and the inventory’s endpoint extend endpointPortSchema (a redirect source is one)', () => {
    for (const schema of [hubEndpointSchema, inventoryEndpointSchema]) {
      expect(schema.shape.scheme).toBe(endpointPortSchema.shape.scheme);
      expect(schema.shape.port).toBe(endpointPortSchema.shape.port);
    }
    expectTypeOf<HubOrigin>().toExtend<EndpointPort>();
  });
});
