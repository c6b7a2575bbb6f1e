import { open, readFile, stat } from 'node:fs/promises';
import { timelineEventSchema, type TimelineEvent } from '../../shared/timeline';
import { migrateEventLine } from './migrate';

/**
 * The append-only event timeline of one hub: one JSON object per line, `{"v":1,"at":…,"type":…}`.
 *
 * Appends are durable: each line is written with one write() and the file is fdatasync'ed before
 * the call resolves, so an acknowledged event survives a crash. A crash in the middle of a write
 * can leave the LAST line torn (no trailing newline, half a JSON object); the reader skips it and
 * the next append first ends it with a newline, so at most the event being written is lost.
 */

/** Only the owner reads a timeline (see data-folder/private-files.ts). */
const EVENT_LOG_MODE = 0o600;

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
 * End a torn last line so the next append starts on a line of its own. The fragment stays in the
 * file as one unreadable line (skipped and counted by the reader) instead of being cut off:
 * another process may be appending to the same timeline right now (the app and `hubkeeper watch`
 * record into one folder), and cutting at a length read a moment ago could remove its line.
 * Appending a newline with O_APPEND cannot: at worst it adds an empty line, which readers ignore.
 * Reads only the last byte of the file, never all of it.
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
  const handle = await open(file, 'r');
  try {
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    if (last[0] === 0x0a) return false;
  } finally {
    await handle.close();
  }
  const appender = await open(file, 'a', EVENT_LOG_MODE);
  try {
    await appender.write('\n');
    await appender.datasync();
    return true;
  } finally {
    await appender.close();
  }
}

/** Append events, each in one write, and make them durable before resolving. */
export async function appendEventLines(file: string, events: readonly TimelineEvent[]): Promise<void> {
  if (events.length === 0) return;
  const handle = await open(file, 'a', EVENT_LOG_MODE);
  try {
    for (const event of events) await handle.write(serializeEvent(event));
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
