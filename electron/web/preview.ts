import path from 'node:path';
import { createBackend, type Backend } from '../core/app/backend';
import { consoleLog, type Log } from '../core/app/log';
import { MemorySecretStore } from '../core/app/memory-secret-store';
import { withMemoryTail } from '../core/logging/memory-tail';
import { startWebTransport, type WebTransport } from './server';
import { createWebHost } from './web-host';

export interface PreviewOptions {
  dataDir: string;
  /** The built renderer (dist/renderer), or null to serve only the WebSocket. */
  rendererDir: string | null;
  port?: number;
  host?: string;
  token?: string;
  /** Where "save" puts files (default <dataDir>/saved). */
  outDir?: string;
  /** `memory`: remember passwords for this run only; `unavailable`: play a machine without a keychain. */
  keychain?: 'memory' | 'unavailable';
  /**
   * The passwords to start with, instead of an empty store: the OS keychain outlives the app, so
   * a simulated restart (tests, benchmarks) hands the last run's `secrets` to the next one.
   */
  secrets?: MemorySecretStore;
  version?: string;
  log?: Log;
  /** Start polling at once (default true); false lets a caller seed hubs and passwords first. */
  startMonitor?: boolean;
}

export interface Preview {
  backend: Backend;
  transport: WebTransport;
  secrets: MemorySecretStore;
  outDir: string;
  /** Close the transport, then the backend's bounded stop (about 2 s at most). Idempotent. */
  stop(): Promise<void>;
}

/**
 * The real backend served to a browser: `npm run dev:web` and the end-to-end tests start this.
 * Same dispatcher as the app, different host (no native dialogs) and secret store (memory).
 */
export async function startPreview(options: PreviewOptions): Promise<Preview> {
  // The preview logs to its terminal; its recent lines are kept for the diagnostics dialog too.
  const log = withMemoryTail(options.log ?? consoleLog('hubkeeper-web'));
  const outDir = options.outDir ?? path.join(options.dataDir, 'saved');
  const secrets = options.secrets ?? new MemorySecretStore(options.keychain ?? 'memory');
  const backend = await createBackend({
    dataDir: options.dataDir,
    secrets,
    host: createWebHost({ outDir, version: options.version ?? process.env.HUBKEEPER_VERSION ?? '0.1.0-dev' }),
    log,
    checkResults: true,
    startMonitor: options.startMonitor ?? true,
    logSource: { folder: null, tail: log.tail },
  });
  let transport: WebTransport;
  try {
    transport = await startWebTransport({
      dispatcher: backend.dispatcher,
      host: options.host,
      port: options.port,
      token: options.token,
      rendererDir: options.rendererDir,
      log,
    });
  } catch (error) {
    await backend.stop();
    throw error;
  }
  let stopping: Promise<void> | null = null;
  return {
    backend,
    transport,
    secrets,
    outDir,
    // Bounded by the backend's own bound (the transport closes at once); idempotent.
    stop: () =>
      (stopping ??= (async () => {
        await transport.close();
        await backend.stop();
      })()),
  };
}
