import { z } from 'zod';

/**
 * What a sweep (and a manual add) reports, shared by core, the CLI's `scan --json` and the
 * renderer. The JSON shape of `sweepResultSchema` is documented in the README and printed as is
 * by `hubkeeper scan --json`: change it only by adding fields.
 */

export const schemeSchema = z.enum(['http', 'https']);
export type Scheme = z.infer<typeof schemeSchema>;

/** `sha256:` + 64 lowercase hex digits of the certificate's DER bytes. */
export const certFingerprintSchema = z
  .string()
  .regex(/^sha256:[0-9a-f]{64}$/, 'expected sha256:<64 lowercase hex digits>');

/**
 * One port of a hub: the scheme and port every endpoint shape starts from (a found hub's below,
 * the inventory's with its pin, core's `HubOrigin` with the host).
 */
export const endpointPortSchema = z.object({
  scheme: schemeSchema,
  port: z.number().int().min(1).max(65535),
});
export type EndpointPort = z.infer<typeof endpointPortSchema>;

/**
 * The plain-HTTP port that redirected to a hub's HTTPS endpoint (a web server answering
 * `301 https://same-address:port/…`). Discovery follows such a redirect once, to the same
 * address only, to identify the hub; the note lets the UI and CLI say how it was found.
 */
export type RedirectSource = EndpointPort;

/** A port on which a sweep or a manual add found a hub (not where core sends requests: that is `HubOrigin`). */
export const hubEndpointSchema = endpointPortSchema.extend({
  /** Certificate fingerprint seen during the probe (https only), null for http. */
  fingerprint: certFingerprintSchema.nullable(),
  /** Present only when this endpoint was found by following a redirect from another port. */
  redirectedFrom: endpointPortSchema.optional(),
});
export type HubEndpoint = z.infer<typeof hubEndpointSchema>;

export const discoveredHubSchema = z.object({
  address: z.string(),
  /** Sorted by port; a hub answering on 80 and 443 has two endpoints. */
  endpoints: z.array(hubEndpointSchema).min(1),
});
export type DiscoveredHub = z.infer<typeof discoveredHubSchema>;

/**
 * Open ports that are not hubs: `web` answered HTTP (plain or over TLS) but is not a hub,
 * `tls` completed a TLS handshake but gave no HTTP answer, `silent` accepted the connection and
 * never answered within the probe timeout. Refused and filtered ports are not reported.
 */
export const OTHER_KINDS = ['web', 'tls', 'silent'] as const;
export const otherKindSchema = z.enum(OTHER_KINDS);
export type OtherKind = z.infer<typeof otherKindSchema>;

export const otherEndpointSchema = z.object({
  address: z.string(),
  port: z.number().int().min(1).max(65535),
  kind: otherKindSchema,
});
export type OtherEndpoint = z.infer<typeof otherEndpointSchema>;

export const sweepResultSchema = z.object({
  /** The target exactly as given (CIDR, range or list). */
  target: z.string(),
  ports: z.array(z.number().int()),
  /** Number of addresses probed (a /24 is 254: network and broadcast addresses are skipped). */
  scanned: z.number().int(),
  elapsedMs: z.number().int(),
  hubs: z.array(discoveredHubSchema),
  others: z.array(otherEndpointSchema),
});
export type SweepResult = z.infer<typeof sweepResultSchema>;

export const sweepProgressSchema = z.object({
  /** Addresses whose every port has been settled. */
  done: z.number().int(),
  total: z.number().int(),
  hubsFound: z.number().int(),
  othersFound: z.number().int(),
});
export type SweepProgress = z.infer<typeof sweepProgressSchema>;

/** An IPv4 interface of this machine, offered in the UI as a scan target (never scanned unasked). */
export const localSubnetSchema = z.object({
  interface: z.string(),
  address: z.string(),
  netmask: z.string(),
  /** The interface's subnet, e.g. `192.168.1.0/24`. */
  cidr: z.string(),
  prefixLength: z.number().int(),
  /** Addresses a sweep of `cidr` would probe. */
  hostCount: z.number().int(),
  /** False when the subnet is over the sweep limit; the UI then offers the /24 around `address`. */
  scannable: z.boolean(),
  /** The /24 around the interface's own address, a smaller target for big subnets. */
  suggested: z.string(),
  internal: z.boolean(),
});
export type LocalSubnet = z.infer<typeof localSubnetSchema>;

/** One entry of a manual add, after validation and probing. */
export const manualEntryResultSchema = z.object({
  /** The entry as typed, and its 1-based line (or position in a comma-separated list). */
  input: z.string(),
  line: z.number().int(),
  /** `hub`: found; `not-hub`: something answered but is not a hub; `unreachable`; `invalid`: bad input. */
  outcome: z.enum(['hub', 'not-hub', 'unreachable', 'invalid']),
  hub: discoveredHubSchema.nullable(),
  message: z.string().nullable(),
});
export type ManualEntryResult = z.infer<typeof manualEntryResultSchema>;

export const manualAddResultSchema = z.object({
  entries: z.array(manualEntryResultSchema),
  /** Hubs found, duplicates merged by address (endpoints combined). */
  hubs: z.array(discoveredHubSchema),
});
export type ManualAddResult = z.infer<typeof manualAddResultSchema>;
