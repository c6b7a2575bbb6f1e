/**
 * Epoch milliseconds as ISO-8601 UTC (`2026-11-26T21:30:41.123Z`), the same text as
 * `new Date(ms).toISOString()`, for the monitor's hot path: every poll stamps two or three
 * times, and building a Date and formatting it each time was one of the largest shares of the
 * monitor's own work. Times within one second share everything up to the milliseconds, so the
 * second's prefix is formatted once and reused.
 */
let cachedSecond = Number.NaN;
let cachedPrefix = '';

export function isoTime(ms: number): string {
  // Outside the years 0…9999 (never a clock reading) the format differs: leave it to Date.
  if (!(ms >= 0 && ms < 253402300800000)) return new Date(ms).toISOString();
  const whole = Math.floor(ms);
  const second = Math.floor(whole / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, 20);
  }
  const millis = whole - second * 1000;
  return `${cachedPrefix}${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}
