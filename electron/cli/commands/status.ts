import type { Command } from 'commander';
import { cliText } from '../cli-language';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes';
import { withHub } from '../hub-session';
import { processIo, type CliIo } from '../io';
import { addHubOptions, type HubCommandOptions } from '../options';
import { writeJson } from '../output';
import { reportError } from '../report-error';
import { statusDocument } from '../status-json';
import { renderStatus } from '../status-text';

/** `hubkeeper status <hub-url>`: what the hub's update service is doing right now. */
export async function runStatus(urlInput: string, opts: HubCommandOptions, io: CliIo): Promise<ExitCode> {
  const { hub, result } = await withHub(
    urlInput,
    opts,
    io,
    { log: 'Reading the update status', words: 'cliHub.work.status' },
    (client) => client.updateStatus(),
  );
  if (opts.json) writeJson(io, statusDocument(hub, result.ok ? result.value : null, result.ok ? null : result.error));
  else if (result.ok) io.out(renderStatus(hub, result.value, cliText(io)));
  else reportError(io, hub, result.error);
  return result.ok ? EXIT.OK : exitCodeFor(result.error);
}

export function registerStatusCommand(program: Command, io: CliIo = processIo()): void {
  const t = cliText(io);
  addHubOptions(
    program.command('status').description(t.t('cliHub.help.status')).argument('<hub-url>', t.t('cliHub.help.hubUrl')),
    t,
  ).action(async (url: string, opts: HubCommandOptions) => {
    io.setExitCode(await runStatus(url, opts, io));
  });
}
