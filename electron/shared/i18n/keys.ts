import type { Messages } from './en';

/** The dotted paths of a message tree's leaves: 'menu.file', 'state.downloading', … */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every key of the message catalogue: a misspelt key is a type error where it is used. */
export type MessageKey = Leaves<Messages>;

/** The values a message may name (`{count}` also picks the plural form). */
export type MessageParams = Readonly<Record<string, string | number>>;
