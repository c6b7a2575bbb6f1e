import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchFolder } from '../../electron/core/data-folder';

// The data folder's watch (inventory.json, the bundles folder): a burst of writes is one call,
// other files are ignored when asked, a folder that cannot be watched is an error, not a throw.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hk-watch-folder-'));
  dirs.push(dir);
  return dir;
}

/** Waits (bounded, polled) until `probe` holds. */
async function until(what: string, probe: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('watchFolder', () => {
  it('turns a burst of writes into one call, after the burst', async () => {
    const dir = folder();
    let calls = 0;
    const stop = watchFolder(dir, { debounceMs: 300, onChange: () => calls++ });
    try {
      for (let i = 0; i < 5; i++) writeFileSync(path.join(dir, 'inventory.json'), `{"n":${i}}`);
      await until('the call', () => calls > 0);
      // Still one after another debounce span: the five writes were one burst.
      await new Promise((r) => setTimeout(r, 600));
      expect(calls).toBe(1);
    } finally {
      stop();
    }
  });

  it('ignores the files it is not asked about', async () => {
    const dir = folder();
    const seen: string[] = [];
    const stop = watchFolder(dir, {
      debounceMs: 20,
      accept: (name) => name === 'inventory.json',
      onChange: () => seen.push('change'),
    });
    try {
      writeFileSync(path.join(dir, 'other.json'), '{}');
      writeFileSync(path.join(dir, 'inventory.json.tmp-1'), '{}');
      await new Promise((r) => setTimeout(r, 300));
      expect(seen).toEqual([]);
      writeFileSync(path.join(dir, 'inventory.json'), '{}');
      await until('the accepted file', () => seen.length === 1);
    } finally {
      stop();
    }
  });

  it('after stop, nothing more is called, not even a pending call', async () => {
    const dir = folder();
    let calls = 0;
    const stop = watchFolder(dir, { debounceMs: 200, onChange: () => calls++ });
    writeFileSync(path.join(dir, 'a.json'), '{}');
    // The event may take a moment to arrive; stop with the call still pending.
    await new Promise((r) => setTimeout(r, 50));
    stop();
    writeFileSync(path.join(dir, 'b.json'), '{}');
    await new Promise((r) => setTimeout(r, 500));
    expect(calls).toBe(0);
  });

  it('a folder that cannot be watched is reported, and stopping it is harmless', () => {
    const errors: unknown[] = [];
    const stop = watchFolder(path.join(folder(), 'missing'), {
      debounceMs: 10,
      onChange: () => undefined,
      onError: (e) => errors.push(e),
    });
    expect(errors).toHaveLength(1);
    expect((errors[0] as NodeJS.ErrnoException).code).toBe('ENOENT');
    expect(() => stop()).not.toThrow();
  });
});
