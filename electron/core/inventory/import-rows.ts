import ipaddr from 'ipaddr.js';
import type { InventoryEndpoint } from '../../shared/inventory';
import { inventoryIdSchema, inventoryNameSchema, inventoryNotesSchema } from '../../shared/inventory';
import { canonicalHost } from '../discovery/manual-entries';
import { redactUrlPassword } from '../../shared/redact-url';

/**
 * One hub to import, whatever file it came from (a CSV row, an entry of a JSON export), already
 * validated field by field. `line` is where a technician finds it in the file.
 */
export interface ImportRow {
  line: number;
  site: { id: string | null; name: string; defaultUser: string; notes: string | null; forbidHttpLogin?: boolean };
  hub: {
    id: string | null;
    name: string;
    address: string;
    endpoints: InventoryEndpoint[];
    notes: string;
    addedAt: string | null;
  };
}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** A hub address as stored: IPv4 dotted, IPv6 compressed without brackets, or a lowercase host name. */
export function checkAddress(input: string): { ok: true; address: string } | { ok: false; why: string } {
  const text = input.trim();
  if (text === '') return { ok: false, why: 'the address is empty' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text))
    return {
      ok: false,
      why: `"${redactUrlPassword(text)}" is a URL; give the address alone and the ports in their columns`,
    };
  const host = canonicalHost(text);
  if (host.includes(':')) {
    return ipaddr.IPv6.isValid(host)
      ? { ok: true, address: host }
      : {
          ok: false,
          why: `"${redactUrlPassword(text)}" is not an IPv6 address (write a port in its column, not after the address)`,
        };
  }
  if (/^[\d.]+$/.test(host)) {
    return ipaddr.IPv4.isValidFourPartDecimal(host)
      ? { ok: true, address: host }
      : { ok: false, why: `"${redactUrlPassword(text)}" is not an IPv4 address (four numbers from 0 to 255)` };
  }
  return HOST_NAME.test(host)
    ? { ok: true, address: host }
    : { ok: false, why: `"${redactUrlPassword(text)}" is not an IP address or host name` };
}

export function checkPort(input: string, column: string): { ok: true; port: number } | { ok: false; why: string } {
  const text = input.trim();
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535)
    return { ok: false, why: `${column} "${text}" is not a port (1–65535)` };
  return { ok: true, port: Number(text) };
}

/** First zod problem of a text field, worded for an import report, or null. */
export function textProblem(kind: 'name' | 'notes' | 'id', value: string, label: string): string | null {
  const schema = kind === 'id' ? inventoryIdSchema : kind === 'notes' ? inventoryNotesSchema : inventoryNameSchema;
  const parsed = schema.safeParse(value);
  return parsed.success ? null : `${label}: ${parsed.error.issues[0]?.message ?? 'invalid'}`;
}
