import { writeFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rotatingFileLog } from '../../electron/core/logging/rotating-file-log';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hk-log-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('rotatingFileLog', () => {
  it('keeps at most keep + 1 files, each under the size bound, newest lines last', async () => {
    const log = rotatingFileLog(path.join(dir, 'logs'), { name: 'main.log', maxBytes: 2000, keep: 3 });
    for (let i = 0; i < 400; i++) log.info(`event ${i}`, { hubId: `hub-${i % 7}`, n: i });
    const files = (await readdir(path.join(dir, 'logs'))).sort();
    expect(files).toEqual(['main.log', 'main.log.1', 'main.log.2', 'main.log.3']);
    for (const f of files) expect((await readFile(path.join(dir, 'logs', f))).length).toBeLessThanOrEqual(2000);
    const current = await readFile(log.file, 'utf8');
    expect(current.trimEnd().split('\n').at(-1)).toMatch(/^\S+Z INFO hub=hub-\d event 399 \{"n":399\}$/);
  });

  it('reads the last lines across rotated files, oldest first', () => {
    const log = rotatingFileLog(path.join(dir, 'logs'), { name: 'cli.log', maxBytes: 1500, keep: 5 });
    for (let i = 0; i < 120; i++) log.warn(`line ${i}`);
    const tail = log.tail(50);
    expect(tail).toHaveLength(50);
    expect(tail[0]).toContain('WARN line 70');
    expect(tail[49]).toContain('WARN line 119');
  });

  it('never throws when the folder cannot be written', () => {
    // A folder that cannot exist: its parent is a file.
    const blocker = path.join(dir, 'a-file');
    writeFileSync(blocker, 'x');
    const log = rotatingFileLog(path.join(blocker, 'logs'), { name: 'main.log' });
    expect(() => log.error('still running')).not.toThrow();
    expect(log.tail(10)).toEqual([]);
  });
});
