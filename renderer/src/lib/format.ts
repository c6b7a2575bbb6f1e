/**
 * Locale-aware formatting. Times are stored as ISO strings in UTC and shown in the user's
 * locale and time zone; a value that does not parse is shown as a dash, never as "Invalid Date".
 */
export function parseTime(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatClock(iso: string | null | undefined, locale: string): string {
  const date = parseTime(iso);
  return date ? date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', hour12: false }) : '—';
}

export function formatDateTime(iso: string | null | undefined, locale: string): string {
  const date = parseTime(iso);
  return date
    ? date.toLocaleString(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false })
    : '—';
}

export function formatDate(iso: string | null | undefined, locale: string): string {
  const date = parseTime(iso);
  return date ? date.toLocaleDateString(locale, { year: 'numeric', month: '2-digit', day: '2-digit' }) : '—';
}

/** A clock time with the date only when it is not today, so old data never looks current. */
export function formatAsOf(iso: string | null | undefined, locale: string, now: number): string {
  const date = parseTime(iso);
  if (!date) return '—';
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return sameDay ? formatClock(iso, locale) : formatDateTime(iso, locale);
}

export function formatMegabytes(mb: number | null | undefined, locale: string): string {
  if (mb === null || mb === undefined || !Number.isFinite(mb)) return '—';
  if (mb >= 1024) return `${(mb / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} GB`;
  return `${mb.toLocaleString(locale, { maximumFractionDigits: 0 })} MB`;
}

export function formatPercent(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value.toLocaleString(locale, { maximumFractionDigits: 0 })} %`;
}

/** Digests are 64 hex characters; tables show the ends so two can still be told apart. */
export function shortDigest(digest: string | null | undefined): string {
  if (!digest) return '—';
  return digest.length > 16 ? `${digest.slice(0, 8)}…${digest.slice(-8)}` : digest;
}
