import { z } from 'zod';
import { jsonEscapingControls } from '../../shared/control-chars';
import { redactUrlPassword } from '../../shared/redact-url';
import { fail, ok, type Result } from '../../shared/errors';
import {
  INVENTORY_SCHEMA_VERSION,
  type ImportIssue,
  type Inventory,
  type InventoryEndpoint,
} from '../../shared/inventory';
import { normalisePin } from '../hub/pin';
import { checkAddress, textProblem, type ImportRow } from './import-rows';

/**
 * The inventory as JSON: exactly the stored document (`inventorySchema`, pretty-printed), so an
 * export imports back without loss. Import checks each site and hub on its own and reports a
 * bad one by the line it starts on in the file, keeping all the others.
 */

export interface JsonImport {
  rows: ImportRow[];
  bad: ImportIssue[];
  warnings: ImportIssue[];
}

const looseSite = z.object({
  id: z.string().optional(),
  name: z.string(),
  defaultUser: z.string().optional(),
  notes: z.string().optional(),
  forbidHttpLogin: z.boolean().optional(),
});

const looseHub = z.object({
  id: z.string().optional(),
  siteId: z.string(),
  name: z.string().optional(),
  address: z.string(),
  endpoints: z
    .array(
      z.object({
        scheme: z.enum(['http', 'https']),
        port: z.number().int().min(1).max(65535),
        pin: z.string().nullable().optional(),
      }),
    )
    .min(1, 'a hub needs at least one endpoint'),
  notes: z.string().optional(),
  addedAt: z.string().optional(),
});

/**
 * Line (1-based) where each element of the top-level arrays `sites` and `hubs` starts. The text
 * is already known to be valid JSON, so a small scanner that tracks strings and depth is enough.
 */
export function elementLines(text: string): { sites: number[]; hubs: number[] } {
  const found: { sites: number[]; hubs: number[] } = { sites: [], hubs: [] };
  let line = 1;
  let depth = 0;
  let lastKey: string | null = null;
  let inArray: 'sites' | 'hubs' | null = null;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const value = text.slice(i + 1, j);
      if (expectElement && inArray && depth === 2) {
        found[inArray].push(line);
        expectElement = false;
      }
      if (depth === 1) lastKey = value;
      i = j;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (expectElement && inArray && depth === 2 && c !== ']') {
      found[inArray].push(line);
      expectElement = false;
    }
    if (c === '{' || c === '[') {
      depth++;
      if (c === '[' && depth === 2 && (lastKey === 'sites' || lastKey === 'hubs')) {
        inArray = lastKey;
        expectElement = true;
      }
    } else if (c === '}' || c === ']') {
      if (depth === 2 && c === ']') inArray = null;
      depth--;
    } else if (c === ',' && depth === 2 && inArray) {
      expectElement = true;
    }
  }
  return found;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

export function parseInventoryJson(text: string): Result<JsonImport> {
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return fail('BAD_INPUT', `The file is not valid JSON (${(error as Error).message}).`);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return fail('BAD_INPUT', 'The JSON file must be an inventory export: an object with "sites" and "hubs" lists.');
  }
  const doc = document as Record<string, unknown>;
  if (typeof doc.schemaVersion === 'number' && doc.schemaVersion > INVENTORY_SCHEMA_VERSION) {
    return fail(
      'BAD_INPUT',
      `This inventory was written by a newer Hubkeeper (format ${doc.schemaVersion}); update Hubkeeper to import it.`,
    );
  }
  if (!Array.isArray(doc.sites) || !Array.isArray(doc.hubs)) {
    return fail('BAD_INPUT', 'The JSON file must be an inventory export: an object with "sites" and "hubs" lists.');
  }
  const lines = elementLines(text.replace(/^\uFEFF/, ''));
  const bad: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];

  const sites = new Map<string, ImportRow['site']>();
  doc.sites.forEach((raw, i) => {
    const line = lines.sites[i] ?? i + 1;
    const parsed = looseSite.safeParse(raw);
    if (!parsed.success)
      return bad.push({ line, message: `site ${i + 1}: ${firstIssue(parsed.error)}; skipped with its hubs` });
    const s = parsed.data;
    const problem =
      (s.name.trim() === '' ? 'the site name is empty' : null) ??
      textProblem('name', s.name, 'name') ??
      textProblem('name', s.defaultUser ?? '', 'defaultUser') ??
      textProblem('notes', s.notes ?? '', 'notes') ??
      (s.id === undefined ? null : textProblem('id', s.id, 'id'));
    if (problem) return bad.push({ line, message: `site "${s.name}": ${problem}; skipped with its hubs` });
    if (s.id !== undefined)
      sites.set(s.id, {
        id: s.id,
        name: s.name.trim(),
        defaultUser: s.defaultUser ?? '',
        notes: s.notes ?? '',
        ...(s.forbidHttpLogin ? { forbidHttpLogin: true } : {}),
      });
    else warnings.push({ line, message: `site "${s.name}" has no id, so no hub can belong to it` });
  });

  const rows: ImportRow[] = [];
  doc.hubs.forEach((raw, i) => {
    const line = lines.hubs[i] ?? i + 1;
    const parsed = looseHub.safeParse(raw);
    if (!parsed.success) return bad.push({ line, message: `hub ${i + 1}: ${firstIssue(parsed.error)}; skipped` });
    const h = parsed.data;
    // Messages name the hub; an address is repeated without a password typed into it.
    const label = `hub ${h.name || redactUrlPassword(h.address)}`;
    const site = sites.get(h.siteId);
    if (!site)
      return bad.push({
        line,
        message: `${label}: its site "${h.siteId}" is not in the file's sites (or was skipped); skipped`,
      });
    const address = checkAddress(h.address);
    if (!address.ok) return bad.push({ line, message: `${label}: ${address.why}; skipped` });
    const problem =
      textProblem('name', h.name ?? '', 'name') ??
      textProblem('notes', h.notes ?? '', 'notes') ??
      (h.id === undefined ? null : textProblem('id', h.id, 'id'));
    if (problem) return bad.push({ line, message: `${label}: ${problem}; skipped` });
    const endpoints: InventoryEndpoint[] = [];
    for (const e of h.endpoints) {
      let pin: string | null = null;
      if (e.pin) {
        if (e.scheme !== 'https')
          return bad.push({ line, message: `${label}: a pin on the http endpoint ${e.port}; skipped` });
        const normal = normalisePin(e.pin);
        if (!normal.ok)
          return bad.push({ line, message: `${label}: "${e.pin}" is not a certificate fingerprint; skipped` });
        pin = normal.value;
      }
      if (!endpoints.some((x) => x.scheme === e.scheme && x.port === e.port))
        endpoints.push({ scheme: e.scheme, port: e.port, pin });
    }
    rows.push({
      line,
      site,
      hub: {
        id: h.id ?? null,
        name: h.name ?? '',
        address: address.address,
        endpoints,
        notes: h.notes ?? '',
        addedAt: h.addedAt ?? null,
      },
    });
  });
  return ok({ rows, bad, warnings });
}

export function inventoryToJson(inventory: Inventory): string {
  return `${jsonEscapingControls(inventory, 2)}\n`;
}
