import { redactText, redactValue } from './redact';

export type LogLevel = 'info' | 'warn' | 'error';

/**
 * One log event as one line: `<ISO time> <LEVEL> [hub=<id>] <message> <detail JSON>`. The hub
 * id (a detail's `hubId`) goes up front so `grep hub=…` finds a hub's story; everything passes
 * the redaction step; line breaks inside a message are escaped so a hub's text cannot forge a
 * line of its own.
 */
export function formatLogLine(
  level: LogLevel,
  message: string,
  detail?: Record<string, unknown>,
  now: Date = new Date(),
): string {
  const cleaned = detail === undefined ? undefined : redactValue(detail);
  let hub = '';
  let rest: unknown = cleaned;
  if (cleaned && typeof cleaned === 'object' && !Array.isArray(cleaned)) {
    const { hubId, ...others } = cleaned as Record<string, unknown>;
    if (typeof hubId === 'string' && hubId) hub = ` hub=${oneLine(hubId)}`;
    rest = Object.keys(others).length ? others : undefined;
  }
  const json = rest === undefined ? '' : ` ${JSON.stringify(rest)}`;
  return `${now.toISOString()} ${level.toUpperCase()}${hub} ${oneLine(redactText(message))}${json}`;
}

function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\\n');
}
