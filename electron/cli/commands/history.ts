import { Option, type Command } from 'commander';
import type { HistoryPage } from '../../shared/domain';
import { ok, type Result } from '../../shared/errors';
import { cliText } from '../cli-language';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes';
import { withHub } from '../hub-session';
import { processIo, type CliIo } from '../io';
import { addHubOptions, parseNonNegativeInt, parsePositiveInt, type HubCommandOptions } from '../options';
import { writeJson } from '../output';
import { reportError } from '../report-error';
import { historyDocument } from '../status-json';
import { renderHistory } from '../status-text';

export interface HistoryOptions extends HubCommandOptions {
  all?: boolean;
  start?: number;
  count?: number;
}

/** Entries asked for when only --start is given. */
export const DEFAULT_HISTORY_COUNT = 20;

/**
 * `hubkeeper history <hub-url>`: published versions with digests and dates. Without options the
 * page the hub serves by default; `--start/--count` one page; `--all` every version.
 */
export async function runHistory(urlInput: string, opts: HistoryOptions, io: CliIo): Promise<ExitCode> {
  const paged = opts.start !== undefined || opts.count !== undefined;
  const { hub, result } = await withHub<HistoryPage | null>(
    urlInput,
    opts,
    io,
    { log: 'Reading the version history', words: 'cliHub.work.history' },
    async (client) => {
      if (opts.all) {
        // Nothing at all (no `versions` from older firmware): null, as without --all, not an invented page.
        const all = await client.allVersions();
        return all.ok && all.value.entries.length === 0 && all.value.total === null ? ok(null) : all;
      }
      const status = await client.updateStatus(
        paged ? { start: opts.start ?? 0, count: opts.count ?? DEFAULT_HISTORY_COUNT } : undefined,
      );
      return status.ok ? (ok(status.value.history) as Result<HistoryPage | null>) : status;
    },
  );
  if (opts.json) writeJson(io, historyDocument(hub, result.ok ? result.value : null, result.ok ? null : result.error));
  else if (result.ok) io.out(renderHistory(hub, result.value, cliText(io)));
  else reportError(io, hub, result.error);
  return result.ok ? EXIT.OK : exitCodeFor(result.error);
}

export function registerHistoryCommand(program: Command, io: CliIo = processIo()): void {
  const t = cliText(io);
  const command = program
    .command('history')
    .description(t.t('cliHub.help.history'))
    .argument('<hub-url>', t.t('cliHub.help.hubUrl'))
    .addOption(new Option('--all', t.t('cliHub.help.all')).conflicts(['start', 'count']))
    .addOption(new Option('--start <n>', t.t('cliHub.help.start')).argParser(parseNonNegativeInt))
    .addOption(
      new Option('--count <m>', t.t('cliHub.help.count', { n: DEFAULT_HISTORY_COUNT })).argParser(parsePositiveInt),
    );
  addHubOptions(command, t).action(async (url: string, opts: HistoryOptions) => {
    io.setExitCode(await runHistory(url, opts, io));
  });
}
