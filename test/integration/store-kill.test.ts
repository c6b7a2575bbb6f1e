import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { HubStore } from '../../electron/core/store/hub-store';
import { hubPaths } from '../../electron/core/store/paths';
import { LIVE_WRITE_MAX_MS } from '../../electron/core/data-folder';

/**
 * The durability proof the issue asks for: a writer process is SIGKILLed at random moments, 30
 * times, each time reopening the same store. After every kill the store must open, the timeline
 * must hold every acknowledged event in order with no gap or duplicate (at most the one event in
 * flight may be missing), and the status snapshot must parse.
 */
const KILLS = 30;
let workDir: string;
let writer: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'hk-kill-'));
  writer = path.join(workDir, 'writer.cjs');
  // Bundled once to plain JS so each of the 30 runs starts in tens of milliseconds.
  await build({
    entryPoints: [fileURLToPath(new URL('./store-kill-writer.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: writer,
    logLevel: 'silent',
  });
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** Run the writer until it has acknowledged some events, kill it after a random delay, return the last ack. */
function runAndKill(dataDir: string, delayMs: number): Promise<{ lastAck: number; acks: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    let lastAck = -1;
    let acks = 0;
    let stderr = '';
    let killTimer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready' && !killTimer) killTimer = setTimeout(() => child.kill('SIGKILL'), delayMs);
        const m = /^ack (\d+)$/.exec(line);
        if (m) {
          lastAck = Number(m[1]);
          acks += 1;
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const guard = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('exit', (_code, signal) => {
      clearTimeout(guard);
      if (killTimer) clearTimeout(killTimer);
      if (signal !== 'SIGKILL') reject(new Error(`writer exited by itself: ${stderr}`));
      else resolve({ lastAck, acks });
    });
  });
}

describe('store survives SIGKILL', () => {
  it(`never becomes unreadable and loses at most the event being written (${KILLS} kills)`, async () => {
    const dataDir = path.join(workDir, 'data');
    let totalAcked = 0;
    let highestAck = -1;
    for (let round = 0; round < KILLS; round += 1) {
      const delay = 5 + Math.floor(Math.random() * 120);
      const { lastAck, acks } = await runAndKill(dataDir, delay);
      totalAcked += acks;
      highestAck = Math.max(highestAck, lastAck);

      const opened = await HubStore.open(dataDir);
      expect(opened.ok, `round ${round}: store opens`).toBe(true);
      if (!opened.ok) return;
      const read = await opened.value.readEvents('hub-a');
      expect(read.ok, `round ${round}: timeline reads`).toBe(true);
      if (!read.ok) return;
      const seq = read.value.events.map((e) => (e.type === 'progress' ? e.percent : -1));
      // In order, no gap, no duplicate …
      expect(seq, `round ${round}`).toEqual(seq.map((_, i) => i));
      // … every acknowledged event is there, and at most the one in flight beyond it.
      expect(seq.length, `round ${round}: acknowledged events kept`).toBeGreaterThanOrEqual(highestAck + 1);
      expect(seq.length).toBeLessThanOrEqual(highestAck + 2);
      highestAck = seq.length - 1;
      const status = await opened.value.readStatus('hub-a');
      expect(status.ok, `round ${round}: status snapshot parses`).toBe(true);
      if (status.ok && status.value) {
        // The snapshot is the last or the one before: never from a later, unacknowledged write.
        expect(status.value.live.progress).toBeLessThanOrEqual(highestAck);
      }
    }
    expect(totalAcked).toBeGreaterThan(KILLS); // the writer really wrote between kills

    // Temporary files the kills left are swept by the next start once they cannot be a live
    // writer's (older than LIVE_WRITE_MAX_MS; aged here instead of waiting). One is planted so
    // the check holds whatever moments the kills hit.
    const hubDir = hubPaths(dataDir, 'hub-a').dir;
    await writeFile(path.join(hubDir, 'status.json.777'), '{"half');
    const long = new Date(Date.now() - LIVE_WRITE_MAX_MS - 1000);
    for (const name of await readdir(hubDir)) await utimes(path.join(hubDir, name), long, long);
    const reopened = await HubStore.open(dataDir);
    if (!reopened.ok) throw new Error(reopened.error.message);
    await reopened.value.appendEvents('hub-a', [{ at: new Date().toISOString(), type: 'progress', percent: 0 }]);
    expect((await readdir(hubDir)).sort()).toEqual(['events.jsonl', 'status.json']);
  }, 120_000);
});
