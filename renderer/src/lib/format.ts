/**
 * Time and number formatting. Times are stored as ISO strings in UTC and shown in the user's
 * time zone as year-month-day and 24-hour clock in both languages: unambiguous for a
 * technician reading a screen or comparing it with a hub's log (11/05 means different days in
 * different countries; 2026-11-05 does not). A value that does not parse shows as a dash.
 */
export function parseTime(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

const two = (n: number): string => String(n).padStart(2, '0');
const ymd = (d: Date): string => `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
const hm = (d: Date): string => `${two(d.getHours())}:${two(d.getMinutes())}`;

export function formatDateTime(iso: string | null | undefined): string {
  const date = parseTime(iso);
  return date ? `${ymd(date)} ${hm(date)}` : '—';
}

/** Events of one update happen seconds apart: their times show the seconds. */
export function formatTimeOfEvent(iso: string | null | undefined): string {
  const date = parseTime(iso);
  return date ? `${ymd(date)} ${hm(date)}:${two(date.getSeconds())}` : '—';
}

export function formatDate(iso: string | null | undefined): string {
  const date = parseTime(iso);
  return date ? ymd(date) : '—';
}

/**
 * As short as it can be without misleading: the clock alone only for today, month-day and
 * clock within the year, the full date beyond. Old data must never look current.
 */
export function formatAsOf(iso: string | null | undefined, now: number): string {
  const date = parseTime(iso);
  if (!date) return '—';
  const today = new Date(now);
  if (ymd(today) === ymd(date)) return hm(date);
  if (today.getFullYear() === date.getFullYear())
    return `${two(date.getMonth() + 1)}-${two(date.getDate())} ${hm(date)}`;
  return ymd(date);
}

export function formatMegabytes(mb: number | null | undefined, locale: string): string {
  if (mb === null || mb === undefined || !Number.isFinite(mb)) return '—';
  if (mb >= 1024) return `${(mb / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} GB`;
  return `${mb.toLocaleString(locale, { maximumFractionDigits: 0 })} MB`;
}

/** Digests are 64 hex characters; tables show the ends so two can still be told apart. */
export function shortDigest(digest: string | null | undefined): string {
  if (!digest) return '—';
  return digest.length > 16 ? `${digest.slice(0, 8)}…${digest.slice(-8)}` : digest;
}
