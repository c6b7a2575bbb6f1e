import { ok, type Result } from '../../shared/errors';
import type { ReportPreview } from '../../shared/contract';
import type { Inventory } from '../../shared/inventory';
import { buildReport, defaultPresentation, renderReport, suggestedReportName, type Report } from '../report';
import { collectReportInput } from '../report/collect';
import type { Monitor } from '../monitor/monitor';
import type { HubStore } from '../store/hub-store';
import { chooseEndpoint } from '../sessions/session-target';
import { formatHubUrl } from '../hub/hub-url';
import type { ReportPort, ReportRequest } from './ports';

/**
 * Reports from what the store holds (no network), with the running monitor's current state of
 * each hub where it has one (the store's copy can be a couple of seconds older). The span
 * defaults to the site's current or last visit, else to "since Hubkeeper started" until now.
 */
export function reportPort(deps: {
  store: HubStore;
  monitor: Monitor;
  inventory: () => Inventory;
  startedAt: string;
  /** The current or last visit of a site (`endedAt` null while it is on). */
  visitSpan?: (siteId: string) => { startedAt: string; endedAt: string | null } | null;
  now?: () => Date;
}): ReportPort {
  const now = deps.now ?? (() => new Date());

  async function make(request: ReportRequest): Promise<Result<Report & { warnings: string[] }>> {
    const inv = deps.inventory();
    const wanted =
      'siteId' in request.scope
        ? inv.hubs.filter((h) => h.siteId === (request.scope as { siteId: string }).siteId)
        : inv.hubs.filter((h) => (request.scope as { hubIds: string[] }).hubIds.includes(h.id));
    const site =
      'siteId' in request.scope
        ? (inv.sites.find((s) => s.id === (request.scope as { siteId: string }).siteId)?.name ?? null)
        : null;
    const refs = wanted.map((h) => {
      const chosen = chooseEndpoint(h);
      return { hubId: h.id, name: h.name, address: chosen ? formatHubUrl(chosen.endpoint) : h.address };
    });
    // By default the report covers the site's current or last visit: that is what was done there.
    const siteIds = new Set(wanted.map((h) => h.siteId));
    const siteId = 'siteId' in request.scope ? request.scope.siteId : siteIds.size === 1 ? [...siteIds][0]! : null;
    const visit = siteId !== null ? (deps.visitSpan?.(siteId) ?? null) : null;
    const to = request.to ?? visit?.endedAt ?? now().toISOString();
    const collected = await collectReportInput(deps.store, refs, {
      site,
      technician: request.technician,
      from: request.from ?? visit?.startedAt ?? deps.startedAt,
      to,
      generatedAt: now().toISOString(),
    });
    if (!collected.ok) return collected;
    const input = collected.value;
    for (const hub of input.hubs) hub.live = deps.monitor.get(hub.hubId) ?? hub.live;
    return ok({ ...buildReport(input), warnings: input.warnings });
  }

  return {
    async preview(request): Promise<Result<ReportPreview>> {
      const report = await make(request);
      if (!report.ok) return report;
      const { site, technician, from, to, generatedAt, rows, summary, warnings } = report.value;
      return ok({ site, technician, from, to, generatedAt, rows, summary, warnings });
    },
    async render(request, format, language = 'en') {
      const report = await make(request);
      if (!report.ok) return report;
      return ok({
        content: renderReport(report.value, format, defaultPresentation(language)),
        suggestedName: suggestedReportName(report.value, format),
      });
    },
  };
}
