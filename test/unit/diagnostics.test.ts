import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDiagnosticsText } from '../../electron/core/app/diagnostics';
import { rotatingFileLog } from '../../electron/core/logging/rotating-file-log';

/** No secret can reach the diagnostics text: planted in the log (through the sink and raw) and the inventory. */

const PASSWORD = 'Pl4nted-Passw0rd';
const TOKEN = 'planted-token-77a1b2c3';
const COOKIE = 'planted-cookie-5e6f7a8b';
const dir = mkdtempSync(path.join(tmpdir(), 'hk-diag-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('buildDiagnosticsText', () => {
  it('carries versions, paths, counts and the last 200 log lines, with every planted secret removed', () => {
    const log = rotatingFileLog(path.join(dir, 'logs'), { name: 'main.log' });
    for (let i = 0; i < 250; i++) log.info(`poll ${i}`, { hubId: `hub-${i}` });
    log.warn('hub request failed', {
      hubId: 'hub-1',
      url: `http://admin:${PASSWORD}@127.0.10.5:8080/api/update/status`,
      headers: { cookie: `sid=${COOKIE}` },
      password: PASSWORD,
      error: Object.assign(new Error(`token=${TOKEN}`), { config: { auth: { password: PASSWORD } } }),
    });
    // A line an older version wrote without redaction, straight into the file.
    appendFileSync(
      log.file,
      `2026-01-01T00:00:00.000Z WARN login POST http://admin:${PASSWORD}@hub/ Cookie: sid=${COOKIE} Authorization: Bearer ${TOKEN}\n`,
    );
    const inventory = {
      sites: [{ id: 's1', name: `site password=${PASSWORD}`, defaultUser: 'admin', notes: `token ${TOKEN}` }],
      hubs: [
        {
          id: 'h1',
          siteId: 's1',
          name: `http://admin:${PASSWORD}@hub`,
          address: '127.0.10.5',
          endpoints: [{ scheme: 'https', port: 443, pin: 'AB:CD' }],
          notes: `cookie: ${COOKIE}`,
          addedAt: '2026-01-01T00:00:00.000Z',
        },
      ],
    };
    const text = buildDiagnosticsText({
      host: { version: '1.2.3', transport: 'electron', platform: 'linux' },
      inventory: { get: () => inventory as never },
      secrets: { availability: () => ({ available: false, backend: 'basic_text', reason: 'no keychain' }) },
      dataDir: path.join(dir, 'data'),
      logFolder: log.folder,
      logTail: (n) => log.tail(n),
      runtime: () => ({ electron: '45.0.0', chrome: '140.0', node: '22.0.0', os: 'Linux 6.1 (linux x64)' }),
      now: () => new Date('2026-12-07T02:00:00.000Z'),
    });
    for (const secret of [PASSWORD, TOKEN, COOKIE]) expect(text).not.toContain(secret);
    expect(text).toContain('Hubkeeper: 1.2.3 (electron)');
    expect(text).toContain('Electron: 45.0.0');
    expect(text).toContain(`Data folder: ${path.join(dir, 'data')}`);
    expect(text).toMatch(/Sites: 1\nHubs: 1\nPinned certificates: 1/);
    expect(text).toContain('Last 200 log lines:');
    const logLines = text.split('Last 200 log lines:\n')[1]!.split('\n');
    expect(logLines).toHaveLength(200);
    expect(logLines.at(-1)).toContain('WARN login POST http://[redacted]@hub/');
    expect(logLines.at(-2)).toContain('WARN hub=hub-1 hub request failed');
  });
});
