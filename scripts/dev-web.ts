#!/usr/bin/env -S npx tsx
// `npm run dev:web`: the real Hubkeeper backend served to your browser through the loopback
// WebSocket transport, with the built renderer, and optionally a demo fleet of simulated hubs.
//
//   npm run dev:web [-- options]
//     --demo N          start N simulated Control Hubs on loopback (127.0.10.2, .3, …) and add them
//                       to a "Demo site" with Admin/Admin remembered (this run only)
//     --https           demo hubs alternate HTTP and HTTPS (certificates trusted on first use)
//     --trust           pre-trust the demo HTTPS hubs (skip the certificate prompt)
//     --port P          web port (default 5199; 0 = any free port)
//     --data-dir DIR    data folder (default: a fresh temporary folder with --demo, else .hubkeeper-data)
//     --no-keychain     behave like a machine without a keychain ("remember password" refused)
//     --renderer DIR    the built renderer (default dist/renderer; built with Vite when missing)
//
// Prints the URL to open (it carries this run's token). Ctrl-C stops everything.
// Network: the transport binds 127.0.0.1 only; demo hubs live on 127.0.10.x only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeCredential } from '../electron/core/app/credentials';
import { startPreview, type Preview } from '../electron/web/preview';
import { startFleet, type Fleet, type ScenarioName } from '../test/simulator';
import { consoleLog } from '../electron/core/app/log';
import { exitOnFatalErrors } from '../electron/core/logging/fatal-exit';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface DevWebOptions {
  demo: number;
  https: boolean;
  trust: boolean;
  port: number;
  dataDir: string | null;
  keychain: 'memory' | 'unavailable';
  rendererDir: string;
  /** First demo hub address (each hub its own address, random port). */
  demoFrom: string;
  token?: string;
}

export const DEMO_FROM = '127.0.10.2';

/** A demo that shows every kind of hub: an update to watch, a failure, an unavailable service… */
export function demoScenario(index: number): ScenarioName {
  const cycle: ScenarioName[] = [
    'full-update',
    'update-available',
    'idle',
    'update-fails',
    'unavailable',
    'back-on-old-version',
    'idle',
    'update-available',
  ];
  return cycle[index % cycle.length]!;
}

export interface DevWeb {
  preview: Preview;
  fleet: Fleet | null;
  siteId: string | null;
  stop(): Promise<void>;
}

export async function startDevWeb(options: DevWebOptions): Promise<DevWeb> {
  const dataDir =
    options.dataDir ??
    (options.demo > 0 ? mkdtempSync(path.join(tmpdir(), 'hubkeeper-demo-')) : path.join(root, '.hubkeeper-data'));
  const fleet =
    options.demo > 0
      ? await startFleet({
          count: options.demo,
          from: options.demoFrom,
          port: 0,
          https: options.https ? 'mixed' : false,
        })
      : null;
  fleet?.hubs.forEach((hub, i) => hub.setScenario(demoScenario(i)));
  let preview: Preview;
  try {
    preview = await startPreview({
      dataDir,
      rendererDir: options.rendererDir,
      port: options.port,
      token: options.token,
      keychain: options.keychain,
      startMonitor: fleet === null,
    });
  } catch (error) {
    await fleet?.stop();
    throw error;
  }
  let siteId: string | null = null;
  if (fleet) {
    const { inventory } = preview.backend.services;
    const site = inventory.get().sites.find((s) => s.name === 'Demo site');
    const created = site
      ? { ok: true as const, value: site }
      : await inventory.addSite({
          name: 'Demo site',
          defaultUser: 'Admin',
          notes: 'Simulated hubs on loopback (npm run dev:web -- --demo)',
        });
    if (!created.ok) throw new Error(created.error.message);
    siteId = created.value.id;
    const added = await inventory.addHubs(
      siteId,
      fleet.hubs.map((hub) => ({
        address: hub.host,
        endpoints: [
          {
            scheme: hub.https ? ('https' as const) : ('http' as const),
            port: hub.port,
            fingerprint: hub.certFingerprint,
          },
        ],
      })),
    );
    if (!added.ok) throw new Error(added.error.message);
    for (const hub of inventory.get().hubs.filter((h) => h.siteId === siteId)) {
      const sim = fleet.hubs.find((s) => s.host === hub.address);
      const pin = options.trust && sim?.https && sim.certFingerprint ? sim.certFingerprint : null;
      if (pin) await inventory.setPin(hub.id, sim!.port, pin);
      // Remembered as if typed once to this very hub: bound to the pin it now has (loopback: no MAC).
      if (options.keychain === 'memory')
        await preview.secrets.save(
          hub.id,
          encodeCredential({ user: 'Admin', password: 'Admin', binding: { pin, mac: null } }),
        );
    }
    // The demo's technician is at the demo site: its visit is on from the start, as before visits.
    const visit = await preview.backend.services.visits.start(siteId);
    if (!visit.ok) throw new Error(visit.error.message);
    preview.backend.startMonitor();
  }
  return {
    preview,
    fleet,
    siteId,
    async stop() {
      await preview.stop();
      await fleet?.stop();
    },
  };
}

function parseArgs(argv: string[]): DevWebOptions {
  const options: DevWebOptions = {
    demo: 0,
    https: false,
    trust: false,
    port: 5199,
    dataDir: null,
    keychain: 'memory',
    rendererDir: path.join(root, 'dist', 'renderer'),
    demoFrom: DEMO_FROM,
  };
  const value = (i: number, name: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--demo') options.demo = Number(value(i++, arg));
    else if (arg === '--https') options.https = true;
    else if (arg === '--trust') options.trust = true;
    else if (arg === '--port') options.port = Number(value(i++, arg));
    else if (arg === '--data-dir') options.dataDir = path.resolve(value(i++, arg));
    else if (arg === '--no-keychain') options.keychain = 'unavailable';
    else if (arg === '--renderer') options.rendererDir = path.resolve(value(i++, arg));
    else throw new Error(`unknown option ${arg} (see the top of scripts/dev-web.ts)`);
  }
  if (!Number.isInteger(options.demo) || options.demo < 0 || options.demo > 1000)
    throw new Error('--demo takes a number of hubs from 0 to 1000');
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
    throw new Error('--port takes a port number (0 = any)');
  return options;
}

async function main(): Promise<void> {
  let options: DevWebOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`dev:web: ${(error as Error).message}`);
    process.exit(2);
  }
  if (!existsSync(path.join(options.rendererDir, 'index.html'))) {
    console.error(`dev:web: no renderer build in ${options.rendererDir}; building it with Vite…`);
    const built = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', options.rendererDir],
      { cwd: root, stdio: 'inherit' },
    );
    if (built.status !== 0) process.exit(1);
  }
  const dev = await startDevWeb(options);
  console.log(`\nHubkeeper (browser preview) — open:\n  ${dev.preview.transport.pageUrl}\n`);
  if (dev.fleet)
    console.log(
      `Demo site: ${dev.fleet.hubs.length} simulated hubs (${dev.fleet.hubs[0]?.host} …), user Admin / Admin.`,
    );
  console.log(
    `Data folder: ${dev.preview.backend ? (options.dataDir ?? '(temporary)') : ''}; saved files go to ${dev.preview.outDir}`,
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    dev.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // An error nothing caught: logged (redacted) on stderr, the backend stopped within its bound, exit 1.
  exitOnFatalErrors({
    log: consoleLog('dev:web'),
    name: 'dev:web',
    detailsAt: 'the log lines above',
    say: (line) => console.error(line),
    stop: () => ((stopping = true), dev.stop()),
    exit: (code) => process.exit(code),
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
