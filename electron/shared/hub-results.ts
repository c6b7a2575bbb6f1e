// Zod-free so the renderer can use it without bundling zod.

/**
 * The hub's `result` numbers in both families (controlhub-api.md "Result codes"): the current
 * `MW_STATUS_*` family and the negative legacy family of older Magewell Cloud. Which family a
 * hub speaks is unknown, so both are always understood. The one table: core's error mapping and
 * the window's words (i18n `hubResult.<name>`) read it.
 */
export const HUB_RESULTS = {
  ok: { current: [0], legacy: [0] },
  notLoggedIn: { current: [37], legacy: [-17] },
  // 36 is what some devices of the current family send for a wrong password.
  wrongPassword: { current: [39, 36], legacy: [-1] },
  noSuchUser: { current: [16], legacy: [-14] },
  notPermitted: { current: [31], legacy: [-26] },
  busy: { current: [11], legacy: [-9] },
  invalidArgument: { current: [7], legacy: [-10] },
} as const satisfies Record<string, { current: readonly number[]; legacy: readonly number[] }>;

export type HubResultName = keyof typeof HUB_RESULTS;

/** Every number (both families) that means `name`, current family first. */
export function hubResultCodes(name: HubResultName): readonly number[] {
  return [...new Set<number>([...HUB_RESULTS[name].current, ...HUB_RESULTS[name].legacy])];
}

const BY_CODE: ReadonlyMap<number, HubResultName> = new Map(
  (Object.keys(HUB_RESULTS) as HubResultName[]).flatMap((name) => hubResultCodes(name).map((c) => [c, name] as const)),
);

/** The name of a result number, or null for a number the table does not know (show it, never guess). */
export function hubResultName(code: number): HubResultName | null {
  return BY_CODE.get(code) ?? null;
}
