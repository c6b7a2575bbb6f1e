import { hubResultName } from '../../../electron/shared/hub-results';

/**
 * The hub's `result` numbers (shared/hub-results.ts, both families) as i18n keys under
 * `hubResult.*`. Anything else is shown with its number: a new code must never be hidden or guessed at.
 */
export function resultCodeKey(code: number): string | null {
  return hubResultName(code);
}

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** A result number in words for a technician: "Hub busy (11)", "Success", "Error code 99". */
export function resultCodeText(t: Translate, code: number | null | undefined): string {
  if (code === null || code === undefined) return '—';
  const key = resultCodeKey(code);
  if (!key) return t('hubResult.other', { code });
  return code === 0 ? t(`hubResult.${key}`) : t('hubResult.withCode', { text: t(`hubResult.${key}`), code });
}
