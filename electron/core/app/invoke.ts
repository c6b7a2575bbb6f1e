import type { z } from 'zod';
import { calls, type CallChannel, type CallResult, type Envelope, type ParsedCallArgs } from '../../shared/contract';
import { fail, type AppError, type Result } from '../../shared/errors';
import type { Log } from './log';

/**
 * The one place a contract call is executed, whichever transport carried it (Electron IPC or
 * the loopback WebSocket): unknown channel → BAD_INPUT; arguments parsed with the contract's
 * zod schema BEFORE the handler runs; the handler's Result turned into an envelope; anything
 * thrown is logged here with its details and answered as a plain INTERNAL error.
 */

export interface CallContext {
  /** The client (window or WebSocket connection) that made the call. */
  clientId: string;
}

export type Handler<C extends CallChannel> = (
  args: ParsedCallArgs<C>,
  context: CallContext,
) => Promise<Result<CallResult<C>>>;
export type Handlers = { [C in CallChannel]: Handler<C> };

export interface InvokeOptions {
  log: Log;
  /** Name the channel in the error a result that breaks the contract gets (tests, unpackaged runs). */
  checkResults?: boolean;
}

const MAX_MESSAGE = 600;

/**
 * Error messages reach the renderer. They are meant for technicians, but a message built from
 * an exception could carry a path or a hub's raw answer: strip control characters, blank out
 * absolute paths, cap the length.
 */
export function sanitiseError(error: AppError): AppError {
  let message = String(error.message)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(
      /(?:[A-Za-z]:\\|\\\\|(?<![\w:/])\/(?:home|Users|root|tmp|var|etc|opt|usr|private|mnt|media|run)\/)[^\s'"`)]*/g,
      '<path>',
    );
  if (message.length > MAX_MESSAGE) message = `${message.slice(0, MAX_MESSAGE - 1)}…`;
  return { code: error.code, hubCode: typeof error.hubCode === 'number' ? error.hubCode : null, message };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : 'arguments'}: ${i.message}`)
    .join('; ');
}

const CHANNELS: ReadonlySet<string> = new Set(Object.keys(calls));

export function isCallChannel(channel: unknown): channel is CallChannel {
  return typeof channel === 'string' && CHANNELS.has(channel);
}

/** What the window is told when a call broke inside Hubkeeper; the log has the details. */
const UNEXPECTED = 'Hubkeeper hit an unexpected problem; the details are in its log.';

export function createInvoker(handlers: Handlers, options: InvokeOptions) {
  const { log } = options;
  return async function invoke(channel: unknown, rawArgs: unknown, context: CallContext): Promise<Envelope<unknown>> {
    if (!isCallChannel(channel)) {
      log.warn('call to an undeclared channel refused', {
        channel: String(channel).slice(0, 80),
        client: context.clientId,
      });
      return fail('BAD_INPUT', 'Unknown request.');
    }
    const spec = calls[channel];
    const parsed = spec.args.safeParse(rawArgs);
    if (!parsed.success) {
      log.warn('call with bad arguments refused', {
        channel,
        client: context.clientId,
        issues: parsed.error.issues.slice(0, 5),
      });
      return fail('BAD_INPUT', `Invalid request: ${describeIssues(parsed.error)}`);
    }
    let result: Result<unknown>;
    try {
      const handler = handlers[channel] as Handler<CallChannel>;
      result = await handler(parsed.data as never, context);
    } catch (error) {
      log.error('call failed unexpectedly', { channel, client: context.clientId, error });
      return fail('INTERNAL', UNEXPECTED);
    }
    if (!result.ok) {
      if (result.error.code === 'INTERNAL')
        log.error('call returned an internal error', { channel, error: result.error });
      return { ok: false, error: sanitiseError(result.error) };
    }
    // Always through the result schema, and what goes out is the PARSED value: object schemas
    // strip keys they do not declare, so a field a handler adds by mistake (a password, a
    // cookie, a pin's private material) can never reach the renderer. `checkResults` only
    // decides how loudly a mismatch is reported; either way the call fails closed.
    const checked = spec.result.safeParse(result.value);
    if (!checked.success) {
      log.error('result does not match the contract', { channel, issues: checked.error.issues.slice(0, 5) });
      return fail('INTERNAL', options.checkResults ? `Result of ${channel} does not match the contract.` : UNEXPECTED);
    }
    return { ok: true, value: checked.data };
  };
}
