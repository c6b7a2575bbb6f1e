type Translate = (key: string) => string;

/** A yes/no field in the UI language (or other words for it, e.g. on/off); '—' when not known. */
export function yesNoText(
  t: Translate,
  value: boolean | null | undefined,
  yes = 'common.yes',
  no = 'common.no',
): string {
  return value === null || value === undefined ? '—' : t(value ? yes : no);
}
