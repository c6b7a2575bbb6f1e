import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/**
 * Two CLI processes log to one cli.log at once (two `hubkeeper watch` on one data folder, or a
 * watch and a scan): every line stays whole, and none is lost, also while they rotate the file.
 * Real processes (the writer is log-append-writer.ts), started at the same moment.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const WRITER = fileURLToPath(new URL('./log-append-writer.ts', import.meta.url));
const WRITERS = 2;
const LINES = 2000;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hk-log-append-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function startWriter(
  id: number,
  maxBytes: number,
  keep: number,
): { child: ChildProcess; ready: Promise<void>; done: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', WRITER, dir, String(id), String(LINES), String(maxBytes), String(keep)],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: dir }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('ready')) resolve();
    });
    child.on('close', (code) => reject(new Error(`writer ${id} ended before it was ready (${code}): ${err}`)));
  });
  const guard = setTimeout(() => child.kill('SIGKILL'), 90_000);
  const done = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(guard);
      if (code !== 0) console.error(err);
      resolve(code);
    }),
  );
  return { child, ready, done };
}

async function runWriters(maxBytes: number, keep: number): Promise<string[]> {
  const writers = Array.from({ length: WRITERS }, (_, i) => startWriter(i + 1, maxBytes, keep));
  await Promise.all(writers.map((w) => w.ready));
  for (const w of writers) w.child.stdin!.end('go\n');
  expect(await Promise.all(writers.map((w) => w.done))).toEqual(writers.map(() => 0));
  const files = (await readdir(dir)).filter((f) => /^cli\.log(\.\d+)?$/.test(f));
  const lines: string[] = [];
  for (const f of files) {
    const text = await readFile(path.join(dir, f), 'utf8');
    expect(text.endsWith('\n'), `${f} ends with a whole line`).toBe(true);
    lines.push(...text.split('\n').filter(Boolean));
  }
  return lines;
}

/** Every line whole (its own writer's padding, complete), each writer's lines all there, once. */
function expectWholeAndComplete(lines: string[]): void {
  const seen = new Map<number, number[]>();
  for (const line of lines) {
    const m = /^\S+Z INFO hub=writer-(\d) line (\d+) \{"n":(\d+),"padding":"(\d+)"\}$/.exec(line);
    expect(m, `a whole line: ${line.slice(0, 120)}…`).not.toBeNull();
    const [, writer, n, again, padding] = m!;
    expect(again).toBe(n);
    expect(padding).toBe(writer!.repeat(240));
    seen.set(Number(writer), [...(seen.get(Number(writer)) ?? []), Number(n)]);
  }
  for (let w = 1; w <= WRITERS; w++)
    expect([...(seen.get(w) ?? [])].sort((a, b) => a - b)).toEqual(Array.from({ length: LINES }, (_, i) => i));
}

describe('cli.log written by two processes at once', () => {
  it('keeps every line whole and every line there', async () => {
    const lines = await runWriters(64 * 1024 * 1024, 4);
    expect(lines).toHaveLength(WRITERS * LINES);
    expectWholeAndComplete(lines);
  }, 120_000);

  it('loses no line and no file while both rotate it', async () => {
    // ~300-byte lines, 16 KB files: a rotation every ~50 lines, both processes racing to do it;
    // enough files kept that nothing needs to be dropped.
    const lines = await runWriters(16 * 1024, 1000);
    expectWholeAndComplete(lines);
  }, 120_000);
});
