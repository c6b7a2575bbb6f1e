import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS, loadWindowState, restoreBounds, saveWindowState } from '../../electron/main/window-state';

const dir = mkdtempSync(path.join(tmpdir(), 'hk-winstate-'));
afterEach(() => rmSync(path.join(dir, 'w.json'), { force: true }));

describe('window state', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];

  it('round-trips size, position and maximised state', async () => {
    const file = path.join(dir, 'w.json');
    await saveWindowState(file, { x: 10, y: 20, width: 1200, height: 900, maximized: true });
    const state = loadWindowState(file);
    expect(state).toEqual({ x: 10, y: 20, width: 1200, height: 900, maximized: true });
    expect(restoreBounds(state, screen)).toEqual({ x: 10, y: 20, width: 1200, height: 900 });
  });

  it('falls back to a default for missing, damaged or tiny state', () => {
    const file = path.join(dir, 'w.json');
    expect(loadWindowState(file)).toBeNull();
    writeFileSync(file, '{"x":1');
    expect(loadWindowState(file)).toBeNull();
    writeFileSync(file, JSON.stringify({ x: 0, y: 0, width: 10, height: 10, maximized: false }));
    expect(loadWindowState(file)).toBeNull();
    expect(restoreBounds(null, screen)).toEqual(DEFAULT_BOUNDS);
  });

  it('drops the position of a window that would open off every screen (unplugged monitor)', () => {
    expect(restoreBounds({ x: 3000, y: 0, width: 1000, height: 800, maximized: false }, screen)).toEqual({
      width: 1000,
      height: 800,
    });
  });
});
