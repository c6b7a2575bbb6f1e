/**
 * A duration for messages: whole seconds as `10 s`, otherwise one decimal (`2.5 s`). Bounds
 * computed from a remaining budget (2987 ms) read as the round figure the user asked for.
 */
export function formatSeconds(ms: number): string {
  return `${secondsFigure(ms)} s`;
}

/** The number of `formatSeconds` without its unit, for messages that name the unit in their own language. */
export function secondsFigure(ms: number): string {
  const tenths = Math.round(ms / 100) / 10;
  return Number.isInteger(tenths) ? String(tenths) : tenths.toFixed(1);
}
