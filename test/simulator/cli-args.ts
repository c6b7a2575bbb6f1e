import { Command, CommanderError, InvalidArgumentError } from 'commander';
import type { FleetOptions } from './fleet';
import { MAX_FLEET, nthAddress } from './fleet';
import { isScenarioName, SCENARIO_NAMES } from './scenarios';
import { DEFAULT_TIMING } from './timing';
import { DEFAULT_USERS, USER_TYPE } from './permissions';
import type { Fault, Timing, UserSpec, Variants } from './types';
import { VARIANT_NAMES } from './variants';

/** Parses the simulator command line into fleet options; throws CommanderError on bad input. */

export interface CliConfig {
  fleet: FleetOptions;
  fault: Fault | null;
}

function int(name: string, min: number, max: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
      throw new InvalidArgumentError(`${name} must be an integer ${min}–${max}`);
    return Number(value);
  };
}

/** "a,b=5,c=false" → { a: true, b: 5, c: false } */
function parseVariants(value: string): Partial<Variants> {
  const out: Record<string, boolean | number | string> = {};
  for (const item of value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name = '', raw] = item.split('=', 2);
    if (!(VARIANT_NAMES as string[]).includes(name))
      throw new InvalidArgumentError(`unknown variant "${name}" (known: ${VARIANT_NAMES.join(', ')})`);
    if (raw === undefined || raw === 'true') out[name] = true;
    else if (raw === 'false') out[name] = false;
    else if (/^-?\d+$/.test(raw)) out[name] = Number(raw);
    // The one variant that names a form (mergeVariants checks the name).
    else if (name === 'loginSession') out[name] = raw;
    else throw new InvalidArgumentError(`variant ${name} takes true, false or an integer, got "${raw}"`);
  }
  return out as Partial<Variants>;
}

/** "checkMs=500,restartMs=2000" → timing overrides */
function parseTiming(value: string): Partial<Timing> {
  const out: Partial<Timing> = {};
  for (const item of value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name = '', raw = ''] = item.split('=', 2);
    if (!(name in DEFAULT_TIMING))
      throw new InvalidArgumentError(`unknown timing "${name}" (known: ${Object.keys(DEFAULT_TIMING).join(', ')})`);
    if (!/^\d+$/.test(raw)) throw new InvalidArgumentError(`timing ${name} takes milliseconds, got "${raw}"`);
    out[name as keyof Timing] = Number(raw);
  }
  return out;
}

/**
 * "viewer:look:0x2" → a user with that password and permission mask (default all bits), added
 * next to Admin/Admin; a mask without bit 0x1 cannot read the update status (no permission).
 */
function parseUser(value: string, previous: UserSpec[] = []): UserSpec[] {
  const m = /^([^:\s]+):([^:]+)(?::(0x[0-9a-f]{1,8}|\d{1,10}))?$/i.exec(value);
  if (!m)
    throw new InvalidArgumentError(
      `--user takes NAME:PASSWORD or NAME:PASSWORD:PERMISSION (e.g. viewer:look:0x2), got "${value}"`,
    );
  const permission = m[3] === undefined ? 0xffffffff : Number(m[3]);
  if (permission > 0xffffffff) throw new InvalidArgumentError('--user permission must fit in 32 bits');
  const all = permission === 0xffffffff;
  return [
    ...previous,
    {
      name: m[1]!,
      password: m[2]!,
      permission,
      type: all ? USER_TYPE.ADMIN : USER_TYPE.CUSTOM,
      groupName: all ? 'Admin' : 'Custom',
    },
  ];
}

function collectPath(value: string, previous: string[] = []): string[] {
  if (!/^\/[\w/.-]*$/.test(value))
    throw new InvalidArgumentError(`--fault-path takes a request path such as /api/update/status, got "${value}"`);
  return [...previous, value];
}

const FAULT_HELP = 'latency=MS, hang, reset, http500, http401, html, malformed-json, truncated, huge=BYTES';

/** "latency=500", "huge=10000000", "hang" … */
function parseFault(value: string): Fault {
  const [kind = '', raw] = value.split('=', 2);
  const n = raw === undefined ? NaN : Number(raw);
  switch (kind) {
    case 'latency':
      if (!Number.isInteger(n) || n < 0)
        throw new InvalidArgumentError('fault latency needs milliseconds: latency=500');
      return { kind, ms: n };
    case 'huge':
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('fault huge needs a byte count: huge=10000000');
      return { kind, bytes: n };
    case 'hang':
    case 'reset':
    case 'http500':
    case 'http401':
    case 'html':
    case 'malformed-json':
    case 'truncated':
      return { kind };
    default:
      throw new InvalidArgumentError(`unknown fault "${kind}" (${FAULT_HELP})`);
  }
}

export function parseCliArgs(argv: string[]): CliConfig {
  const program = new Command('simulator')
    .description('Run simulated Magewell Control Hubs on loopback addresses (127.0.0.0/8 only).')
    .option('--hubs <n>', 'number of hubs', int('--hubs', 1, MAX_FLEET), 3)
    .option('--from <address>', 'first loopback address; the others follow consecutively', '127.0.0.2')
    .option('--port <port>', 'port on every address (0 = a random port per hub)', int('--port', 0, 65535), 8080)
    .option('--https', 'serve HTTPS with a generated self-signed certificate', false)
    .option('--mixed', 'every second hub HTTPS, the others HTTP', false)
    .option('--scenario <name>', `update scenario: ${SCENARIO_NAMES.join(', ')}`, 'idle')
    .option(
      '--variant <list>',
      `response variants, comma-separated (name or name=value): ${VARIANT_NAMES.join(', ')}`,
      parseVariants,
    )
    .option('--timing <list>', 'scenario phase durations, e.g. downloadMs=20000,restartMs=10000', parseTiming)
    .option('--fault <fault>', `inject a fault on every hub: ${FAULT_HELP}`, parseFault)
    .option(
      '--fault-path <path>',
      'limit the fault to this request path (repeatable), e.g. /api/update/status',
      collectPath,
    )
    .option(
      '--user <name:password[:permission]>',
      'another user next to Admin/Admin (repeatable), e.g. viewer:look:0x2',
      parseUser,
    )
    .option('--legacy', 'legacy (negative) result codes', false)
    .option('--devices <n>', 'managed devices per hub (/api/device/list)', int('--devices', 0, 20_000), 6)
    .option(
      '--session-minutes <n>',
      'session idle timeout in minutes (-1 never)',
      (v) => (v === '-1' ? -1 : int('--session-minutes', 1, 1440)(v)),
      30,
    )
    .addHelpText(
      'after',
      '\nA swapped TLS certificate is played on demand: kill -USR2 <pid> (the pid is printed at start).\nDetails: test/simulator/README.md',
    )
    .exitOverride()
    .configureOutput({ writeErr: () => {}, writeOut: (s) => process.stdout.write(s) });
  program.parse(argv, { from: 'user' });
  const o = program.opts<{
    hubs: number;
    from: string;
    port: number;
    https: boolean;
    mixed: boolean;
    scenario: string;
    variant?: Partial<Variants>;
    timing?: Partial<Timing>;
    fault?: Fault;
    faultPath?: string[];
    user?: UserSpec[];
    legacy: boolean;
    sessionMinutes: number;
    devices: number;
  }>();
  if (!isScenarioName(o.scenario))
    throw new CommanderError(
      2,
      'bad-scenario',
      `unknown scenario "${o.scenario}" (known: ${SCENARIO_NAMES.join(', ')})`,
    );
  if (o.https && o.mixed) throw new CommanderError(2, 'bad-https', '--https and --mixed exclude each other');
  if (o.faultPath && !o.fault) throw new CommanderError(2, 'bad-fault-path', '--fault-path needs a --fault');
  // A --user named like a default user replaces it (a hub whose Admin password was changed).
  const users = [...DEFAULT_USERS.filter((d) => !o.user?.some((u) => u.name === d.name)), ...(o.user ?? [])];
  try {
    nthAddress(o.from, o.hubs - 1);
  } catch (err) {
    throw new CommanderError(2, 'bad-address', (err as Error).message);
  }
  return {
    fleet: {
      count: o.hubs,
      from: o.from,
      port: o.port,
      https: o.mixed ? 'mixed' : o.https,
      scenario: o.scenario,
      variant: o.variant,
      timing: o.timing,
      resultFamily: o.legacy ? 'legacy' : 'current',
      sessionIdleMs: o.sessionMinutes < 0 ? -1 : o.sessionMinutes * 60_000,
      devices: o.devices,
      users,
    },
    fault: o.fault ? { ...o.fault, ...(o.faultPath ? { paths: o.faultPath } : {}) } : null,
  };
}
