/**
 * The command line the browser benchmarks share (renderer, devices, visits): `--name value`
 * numbers within their ranges, `--no-build` (measure the renderer as already built) and
 * `--strict` (exit 1 when a budget is missed). Anything else is refused, naming the file whose
 * header lists the options.
 */

export interface NumberOption {
  default: number;
  min: number;
  max: number;
  /** A whole number: a fraction is refused ("takes an integer"). */
  integer?: boolean;
  /** A count given loosely: a fraction is rounded. */
  round?: boolean;
}

export interface BenchFlags {
  build: boolean;
  strict: boolean;
}

export function parseBenchArgs<K extends string>(
  argv: readonly string[],
  numbers: Record<K, NumberOption>,
  file: string,
): Record<K, number> & BenchFlags {
  const values = Object.fromEntries(Object.entries<NumberOption>(numbers).map(([k, o]) => [k, o.default]));
  const args = { ...values, build: true, strict: false } as Record<K, number> & BenchFlags;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const key = a.slice(2) as K;
    const option = a.startsWith('--') && Object.hasOwn(numbers, key) ? numbers[key] : undefined;
    if (option) {
      const v = Number(argv[++i]);
      const fits = option.integer ? Number.isInteger(v) : Number.isFinite(v);
      if (!fits || v < option.min || v > option.max)
        throw new Error(`${a} takes ${option.integer ? 'an integer' : 'a number'} from ${option.min} to ${option.max}`);
      (args as Record<K, number>)[key] = option.round ? Math.round(v) : v;
    } else if (a === '--no-build') args.build = false;
    else if (a === '--strict') args.strict = true;
    else throw new Error(`unknown option ${a} (see the top of ${file})`);
  }
  return args;
}
