/**
 * The hub's `result` numbers (controlhub-api.md, both families) as i18n keys under `hubResult.*`.
 * Anything else is shown with its number: a new code must never be hidden or guessed at.
 */
const CODES: Record<number, string> = {
  0: 'ok',
  37: 'notLoggedIn',
  [-17]: 'notLoggedIn',
  39: 'wrongPassword',
  36: 'wrongPassword',
  [-1]: 'wrongPassword',
  16: 'noSuchUser',
  [-14]: 'noSuchUser',
  31: 'notPermitted',
  [-26]: 'notPermitted',
  11: 'busy',
  [-9]: 'busy',
  7: 'invalidArgument',
  [-10]: 'invalidArgument',
};

export function resultCodeKey(code: number): string | null {
  return CODES[code] ?? null;
}

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** A result number in words for a technician: "Hub busy (11)", "Success", "Error code 99". */
export function resultCodeText(t: Translate, code: number | null | undefined): string {
  if (code === null || code === undefined) return '—';
  const key = resultCodeKey(code);
  if (!key) return t('hubResult.other', { code });
  return code === 0 ? t(`hubResult.${key}`) : t('hubResult.withCode', { text: t(`hubResult.${key}`), code });
}
