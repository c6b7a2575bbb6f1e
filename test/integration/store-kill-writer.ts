// Child process for store-kill.test.ts: keeps writing to the store until it is SIGKILLed.
// Each event carries the next number of a sequence (`percent`); after an append resolves the
// number is acknowledged on stdout, so the parent knows which events were durable before the kill.
import { HubStore } from '../../electron/core/store/hub-store';
import { initialTrackerState } from '../../electron/core/tracking/types';

async function main(): Promise<void> {
  const [dataDir] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: store-kill-writer <data-dir>');
  const opened = await HubStore.open(dataDir);
  if (!opened.ok) throw new Error(opened.error.message);
  const store = opened.value;
  const read = await store.readEvents('hub-a');
  if (!read.ok) throw new Error(read.error.message);
  let next = read.value.events.length;
  process.stdout.write('ready\n');
  for (;;) {
    const at = new Date(Date.UTC(2024, 0, 1) + next * 1000).toISOString();
    const appended = await store.appendEvents('hub-a', [{ at, type: 'progress', percent: next }]);
    if (!appended.ok) throw new Error(appended.error.message);
    process.stdout.write(`ack ${next}\n`);
    // A status snapshot with a body large enough that its write spans many syscalls.
    const saved = await store.writeStatus('hub-a', {
      savedAt: at,
      tracker: initialTrackerState(),
      live: {
        hubId: 'hub-a',
        state: null,
        progress: next,
        progressRaw: next,
        version: '2.1.27',
        osName: 'x'.repeat(200_000),
        updateEnabled: null,
        online: null,
        history: null,
        info: null,
        system: null,
        lastSuccessAt: at,
        lastAttemptAt: at,
        systemAt: null,
        stale: false,
        offline: false,
        consecutiveFailures: 0,
        error: null,
        paused: false,
        blockedBy: null,
        intervalMs: 1000,
        update: null,
      },
    });
    if (!saved.ok) throw new Error(saved.error.message);
    next += 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
