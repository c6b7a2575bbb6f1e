import os from 'node:os';
import { redactText } from '../logging/redact';
import type { InventoryPort, SecretStore, HostPort } from './ports';

/** Lines of the log the diagnostics carry. */
export const DIAGNOSTICS_LOG_LINES = 200;

export interface DiagnosticsSources {
  host: Pick<HostPort, 'version' | 'transport' | 'platform'>;
  inventory: Pick<InventoryPort, 'get'>;
  secrets: Pick<SecretStore, 'availability'>;
  dataDir: string;
  /** Where the log files are (null: the preview logs to its terminal only). */
  logFolder: string | null;
  /** The last lines of the log, oldest first. */
  logTail(count: number): string[];
  /** Electron/Chromium/Node versions and the OS; defaults to this process's. */
  runtime?: () => Record<string, string>;
  now?: () => Date;
}

/** What support needs to know about this computer's Hubkeeper: versions, paths, counts, log. */
export function runtimeFacts(): Record<string, string> {
  const v = process.versions;
  return {
    electron: v.electron ?? '—',
    chrome: v.chrome ?? '—',
    node: v.node,
    os: `${os.type()} ${os.release()} (${process.platform} ${process.arch})`,
  };
}

/**
 * The diagnostics text (Help → Copy diagnostics, the window's diagnostics dialog). Counts only,
 * never inventory contents (names, addresses, notes stay home); every line, the log's included,
 * passes the redaction step once more here, so a line written by an older version without
 * redaction or a secret in a path still cannot reach a support e-mail.
 */
export function buildDiagnosticsText(sources: DiagnosticsSources): string {
  const inv = sources.inventory.get();
  const pins = inv.hubs.reduce((n, h) => n + (h.endpoints ?? []).filter((e) => e.pin).length, 0);
  const keychain = sources.secrets.availability();
  const runtime = (sources.runtime ?? runtimeFacts)();
  const now = (sources.now ?? (() => new Date()))();
  const facts: [string, string][] = [
    ['Generated', now.toISOString()],
    ['Hubkeeper', `${sources.host.version} (${sources.host.transport})`],
    ['Electron', runtime.electron ?? '—'],
    ['Chromium', runtime.chrome ?? '—'],
    ['Node', runtime.node ?? '—'],
    ['OS', runtime.os ?? sources.host.platform],
    ['Data folder', sources.dataDir],
    ['Log folder', sources.logFolder ?? '(terminal only)'],
    ['Sites', String(inv.sites.length)],
    ['Hubs', String(inv.hubs.length)],
    ['Pinned certificates', String(pins)],
    [
      'Keychain',
      keychain.available ? `available (${keychain.backend ?? 'unknown'})` : `unavailable: ${keychain.reason ?? '—'}`,
    ],
  ];
  const lines = sources.logTail(DIAGNOSTICS_LOG_LINES).slice(-DIAGNOSTICS_LOG_LINES);
  const text = [
    'Hubkeeper diagnostics',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    '',
    `Last ${lines.length} log lines:`,
    ...lines,
  ].join('\n');
  return text
    .split('\n')
    .map((line) => redactText(line))
    .join('\n');
}
