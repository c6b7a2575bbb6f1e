import { readFileSync } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';

/**
 * The window's size, position and maximised state, restored at the next start. Kept in the
 * user-data folder; anything unreadable or off every screen falls back to a centred default.
 */
export const DEFAULT_BOUNDS = { width: 1280, height: 800 } as const;
export const MIN_SIZE = { width: 900, height: 600 } as const;

const stateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(MIN_SIZE.width).max(20_000),
  height: z.number().int().min(MIN_SIZE.height).max(20_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof stateSchema>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function loadWindowState(file: string): WindowState | null {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Where to open the window: the saved bounds if at least 100×50 px of them is on a screen. */
export function restoreBounds(
  saved: WindowState | null,
  workAreas: readonly Rect[],
): Partial<Rect> & { width: number; height: number } {
  if (!saved) return { ...DEFAULT_BOUNDS };
  const visible = workAreas.some((a) => {
    const w = Math.min(saved.x + saved.width, a.x + a.width) - Math.max(saved.x, a.x);
    const h = Math.min(saved.y + saved.height, a.y + a.height) - Math.max(saved.y, a.y);
    return w >= 100 && h >= 50;
  });
  return visible
    ? { x: saved.x, y: saved.y, width: saved.width, height: saved.height }
    : { width: saved.width, height: saved.height };
}

export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  const parsed = stateSchema.safeParse(state);
  if (!parsed.success) return;
  await writeFileAtomic(file, JSON.stringify(parsed.data));
}
