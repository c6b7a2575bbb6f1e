/**
 * Same shape as `T`, every leaf a string: a translation typed `Same<typeof english>` fails to
 * compile when a key is missing or extra.
 */
export type Same<T> = { [K in keyof T]: T[K] extends string ? string : Same<T[K]> };
