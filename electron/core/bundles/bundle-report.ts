import type { BundleContent } from '../../shared/bundle';
import { fail, ok, type Result } from '../../shared/errors';
import { formatHubUrl } from '../hub/hub-url';
import { buildReport, type Report, type ReportInput } from '../report';
import { sessionEndpoint } from '../../shared/login-endpoint';

export interface BundleReportRequest {
  technician: string;
  from?: string | undefined;
  to?: string | undefined;
  /** When the report is made (ISO); defaults to `to`, so a bundle's report is reproducible. */
  generatedAt?: string | undefined;
}

/**
 * The report input a bundle holds: the same builder as for the user's own sites, fed from the
 * bundle instead of the store. The span defaults to the visit recorded in the bundle, else to
 * the 24 hours before it was taken.
 */
export function bundleReportInput(content: BundleContent, request: BundleReportRequest): Result<ReportInput> {
  const to = request.to ?? content.visit?.endedAt ?? content.takenAt;
  const from = request.from ?? content.visit?.startedAt ?? new Date(Date.parse(to) - 24 * 3_600_000).toISOString();
  if (Date.parse(from) > Date.parse(to))
    return fail('BAD_INPUT', `The report's start (${from}) is after its end (${to}).`);
  return ok({
    site: content.site.name,
    technician: request.technician,
    from,
    to,
    generatedAt: request.generatedAt ?? to,
    hubs: content.hubs.map((hub) => {
      // The same address the user's own sites report (the endpoint a session would use).
      const chosen = sessionEndpoint(hub.endpoints);
      return {
        hubId: hub.id,
        name: hub.name,
        address: chosen ? formatHubUrl({ scheme: chosen.scheme, host: hub.address, port: chosen.port }) : hub.address,
        live: hub.status?.live ?? null,
        events: hub.events,
        published: hub.versions?.entries ?? null,
      };
    }),
  });
}

export function bundleReport(content: BundleContent, request: BundleReportRequest): Result<Report> {
  const input = bundleReportInput(content, request);
  return input.ok ? ok(buildReport(input.value)) : input;
}
