import { fail } from '../../shared/errors';
import type { ReportScope } from '../../shared/contract';
import type { DispatchContext, HandlerGroup } from './context';
import { FILE_DIALOGS } from './file-dialogs';

function scopeExists(ctx: DispatchContext, scope: ReportScope): string | null {
  const inv = ctx.services.inventory.get();
  if ('siteId' in scope) return inv.sites.some((s) => s.id === scope.siteId) ? null : 'That site does not exist.';
  const known = new Set(inv.hubs.map((h) => h.id));
  const missing = scope.hubIds.filter((id) => !known.has(id));
  return missing.length ? `${missing.length} of the chosen hubs are not in the inventory.` : null;
}

/** Visit reports: preview, save as a file, print to PDF (where the host can). */
export function reportHandlers(
  ctx: DispatchContext,
): HandlerGroup<'report:preview' | 'report:save' | 'report:printPdf'> {
  const { reports, host } = ctx.services;
  return {
    'report:preview': async ({ scope, technician, from, to }) => {
      const bad = scopeExists(ctx, scope);
      return bad ? fail('NOT_FOUND', bad) : reports.preview({ scope, technician: technician.trim(), from, to });
    },
    'report:save': async ({ scope, technician, format, from, to, language }) => {
      const bad = scopeExists(ctx, scope);
      if (bad) return fail('NOT_FOUND', bad);
      const rendered = await reports.render({ scope, technician: technician.trim(), from, to }, format, language);
      if (!rendered.ok) return rendered;
      return host.saveFile(rendered.value.suggestedName, FILE_DIALOGS.saveReport(format), rendered.value.content);
    },
    'report:printPdf': async ({ scope, technician, from, to, language }) => {
      if (!host.capabilities.printPdf)
        return fail('UNAVAILABLE', 'Printing to PDF needs the Hubkeeper app; save the HTML report instead.');
      const bad = scopeExists(ctx, scope);
      if (bad) return fail('NOT_FOUND', bad);
      const rendered = await reports.render({ scope, technician: technician.trim(), from, to }, 'html', language);
      if (!rendered.ok) return rendered;
      const pdf = await host.printToPdf(rendered.value.content);
      if (!pdf.ok) return pdf;
      const name = rendered.value.suggestedName.replace(/\.html?$/i, '') + '.pdf';
      return host.saveFile(name, FILE_DIALOGS.savePdf, pdf.value);
    },
  };
}
