import { setTimeout as delay } from 'node:timers/promises';
import { logHubCallFailure } from '../core/app/event-log';
import { HubClient } from '../core/hub/hub-client';
import { formatHubUrl, parseHubUrl, type HubOrigin } from '../core/hub/hub-url';
import type { Result } from '../shared/errors';
import { cliError, type Words } from './cli-words';
import { secondsWords, withDeadline } from './deadline';
import { commandLog } from './cli-file-log';
import type { CliIo } from './io';
import { readPassword, type HubCommandOptions } from './options';
import { redactUrlPassword } from '../shared/redact-url';

export interface HubRun<T> {
  /** Canonical hub URL, or the input as typed when it could not be read. */
  hub: string;
  result: Result<T>;
}

/** At most this long for the courtesy logout at the end (and never past the command's bound). */
const LOGOUT_BUDGET_MS = 2_000;

/**
 * The common life of a command against one hub: read the address and the password, open a
 * client with the pin, run `work`, log out, close — all within `opts.timeout` in total.
 * Everything that can go wrong comes back as a Result; nothing here writes output (a failure of
 * the hub is logged to the data folder's cli.log). `what` names the work: in English for the
 * log, and as words with the hub as `{hub}` for people ("Reading the update status of {hub}").
 */
export async function withHub<T>(
  urlInput: string,
  opts: HubCommandOptions,
  io: CliIo,
  what: { log: string; words: Words['key'] },
  work: (client: HubClient, endpoint: HubOrigin) => Promise<Result<T>>,
): Promise<HubRun<T>> {
  const started = Date.now();
  const left = (): number => opts.timeout - (Date.now() - started);
  const endpoint = parseHubUrl(urlInput);
  // The address as typed, never with a password it carries (it goes into messages and --json).
  if (!endpoint.ok) return { hub: redactUrlPassword(urlInput), result: endpoint };
  const hub = formatHubUrl(endpoint.value);

  // A script that opens stdin and never writes must not hang the command.
  const password = await withDeadline(opts.timeout, { key: 'cliHub.work.password' }, () => readPassword(opts, io));
  if (!password.ok) {
    const error =
      password.error.code === 'TIMEOUT'
        ? cliError('BAD_INPUT', { key: 'cliHub.password.late', params: { bound: secondsWords(opts.timeout) } })
        : password.error;
    return { hub, result: { ok: false, error } };
  }

  const client = new HubClient({
    endpoint: endpoint.value,
    credentials: { user: opts.user, password: password.value },
    pin: opts.pin ?? null,
    timeoutMs: Math.max(1, left()),
  });
  try {
    const result = await withDeadline(
      Math.max(1, left()),
      { key: what.words, params: { hub } },
      () => work(client, endpoint.value),
      opts.timeout,
    );
    // Out of time: cancel whatever is still in flight and skip the logout.
    if (!result.ok && result.error.code === 'TIMEOUT') client.close();
    // What the hub refused or failed goes to cli.log, as the app logs its own hub failures.
    if (!result.ok) logHubCallFailure(commandLog(io, opts.dataDir), hub, what.log, result.error);
    // Hubs keep a limited number of sessions: leave none behind. Bounded, and its outcome does
    // not change the answer the technician asked for.
    const budget = Math.min(LOGOUT_BUDGET_MS, left());
    if (client.isLoggedIn && budget > 0)
      await Promise.race([client.logout(), delay(budget, undefined, { ref: false })]);
    return { hub, result };
  } finally {
    client.close();
  }
}
