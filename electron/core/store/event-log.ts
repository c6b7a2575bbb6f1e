import { open, readFile, stat } from 'node:fs/promises';
import { timelineEventSchema, type TimelineEvent } from '../../shared/timeline';
import { migrateEventLine } from './migrate';

/**
 * The append-only event timeline of one hub: one JSON object per line, `{"v":1,"at":…,"type":…}`.
 *
 * Appends are durable: each line is written with one write() and the file is fdatasync'ed before
 * the call resolves, so an acknowledged event survives a crash. A crash in the middle of a write
 * can leave the LAST line torn (no trailing newline, half a JSON object); the reader skips it and
 * the next append first cuts it off, so at most the event being written is lost.
 */

export interface EventLogRead {
  events: TimelineEvent[];
  /** Lines that could not be used (torn tail, a line from a newer format, damage). */
  skipped: number;
  /** The last line was incomplete (the writer was killed while writing it). */
  tornTail: boolean;
}

export async function readEventLog(file: string): Promise<EventLogRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { events: [], skipped: 0, tornTail: false };
    throw error;
  }
  const lines = text.split('\n');
  // Text after the final newline is a line whose write never finished.
  const tail = lines.pop() ?? '';
  const tornTail = tail.length > 0;
  const events: TimelineEvent[] = [];
  let skipped = tornTail ? 1 : 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const event = parseLine(line);
    if (event) events.push(event);
    else skipped += 1;
  }
  return { events, skipped, tornTail };
}

function parseLine(line: string): TimelineEvent | null {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return null;
  }
  const migrated = migrateEventLine(raw);
  if (!migrated) return null;
  const { v: _v, ...rest } = migrated;
  const parsed = timelineEventSchema.safeParse(rest);
  return parsed.success ? parsed.data : null;
}

export function serializeEvent(event: TimelineEvent): string {
  return `${JSON.stringify({ v: 1, ...event })}\n`;
}

/**
 * Cut a torn last line off so the next append starts on a line of its own. Reads only the tail of
 * the file, never all of it.
 */
export async function repairTornTail(file: string): Promise<boolean> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  if (size === 0) return false;
  const handle = await open(file, 'r+');
  try {
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    if (last[0] === 0x0a) return false;
    // Walk back in chunks to the last newline (or the start of the file).
    const chunk = Buffer.alloc(64 * 1024);
    let end = size;
    let cut = 0;
    while (end > 0) {
      const start = Math.max(0, end - chunk.length);
      const { bytesRead } = await handle.read(chunk, 0, end - start, start);
      const nl = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (nl >= 0) {
        cut = start + nl + 1;
        break;
      }
      end = start;
    }
    await handle.truncate(cut);
    await handle.datasync();
    return true;
  } finally {
    await handle.close();
  }
}

/** Append events, each in one write, and make them durable before resolving. */
export async function appendEventLines(file: string, events: readonly TimelineEvent[]): Promise<void> {
  if (events.length === 0) return;
  const handle = await open(file, 'a');
  try {
    for (const event of events) await handle.write(serializeEvent(event));
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
