import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { bundleReport, readBundleFile } from '../../core/bundles';
import { renderReport, type ReportFormat, type ReportPresentation } from '../../core/report';
import type { AppError } from '../../shared/errors';
import { cliText } from '../cli-language';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes';
import type { CliIo } from '../io';
import { writeError } from '../output';

/**
 * `hubkeeper report --bundle FILE`: the site-visit report regenerated from a bundle (verified
 * first). The span defaults to the visit recorded in the bundle; "generated" is the span's end,
 * so the same bundle and options give the same bytes.
 */
export async function runBundleReport(
  file: string,
  opts: { format: ReportFormat; out?: string; technician?: string; from?: string; to?: string },
  io: CliIo,
  presentation?: ReportPresentation,
): Promise<ExitCode> {
  const read = await readBundleFile(path.resolve(file));
  if (!read.ok) return failed(io, read.error);
  const report = bundleReport(read.value.content, {
    technician: opts.technician ?? io.env.HUBKEEPER_TECHNICIAN ?? '',
    from: opts.from,
    to: opts.to,
  });
  if (!report.ok) return failed(io, report.error);
  const content = renderReport(report.value, opts.format, presentation);
  if (opts.out === undefined) {
    io.out(content);
    return EXIT.OK;
  }
  const t = cliText(io);
  const target = path.resolve(opts.out);
  try {
    await writeFileAtomic(target, content);
  } catch (error) {
    return failed(io, {
      code: 'INTERNAL',
      hubCode: null,
      message: t.t('cliSite.data.cannotWriteReport', { file: target, reason: (error as Error).message }),
    });
  }
  io.err(`${t.t('cliSite.data.reportWritten', { file: target })}\n`);
  return EXIT.OK;
}

function failed(io: CliIo, error: AppError): ExitCode {
  writeError(io, error);
  return exitCodeFor(error);
}
