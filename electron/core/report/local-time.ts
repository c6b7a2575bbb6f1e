/**
 * Report times in the reader's local time with the zone named ("2026-12-07 10:02:03",
 * "Asia/Shanghai (UTC+08:00)"): a customer reads the visit in their own clock. Formatted from
 * Intl parts, so the layout is the same in every language and on every machine.
 */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** `YYYY-MM-DD HH:mm:ss` in `timeZone`; '—' for none; text that is not a time as it is. */
export function formatLocal(iso: string | null, timeZone: string): string {
  if (iso === null) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** "Asia/Shanghai (UTC+08:00)" — the zone's name and its offset at `atIso` (summer time counts). */
export function describeTimeZone(timeZone: string, atIso: string): string {
  const ms = Date.parse(atIso);
  const at = Number.isNaN(ms) ? Date.now() : ms;
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const offset = name === 'GMT' ? '+00:00' : name.replace('GMT', '');
  return timeZone === 'UTC' || timeZone === 'Etc/UTC' ? 'UTC' : `${timeZone} (UTC${offset})`;
}

/** Throws RangeError for a zone Intl does not know, so a bad `--time-zone` is a clear error. */
export function checkTimeZone(timeZone: string): string {
  new Intl.DateTimeFormat('en-US', { timeZone });
  return timeZone;
}
