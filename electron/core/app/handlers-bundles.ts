import { BUNDLE_MAX_BYTES } from '../../shared/bundle';
import type { BundleOpened } from '../../shared/bundle-models';
import { fail, ok, type Result } from '../../shared/errors';
import { adoptBundleHubs, bundledHubDetail, bundleReport, bundleView } from '../bundles';
import { defaultPresentation, renderReport, suggestedReportName } from '../report';
import type { UiLanguage } from '../../shared/language';
import type { DispatchContext, HandlerGroup } from './context';
import type { BundlesPort } from './bundles-port';
import { FILE_DIALOGS } from './file-dialogs';

type BundleChannels =
  | 'bundles:list'
  | 'bundles:get'
  | 'bundles:hub'
  | 'bundles:export'
  | 'bundles:openFile'
  | 'bundles:openText'
  | 'bundles:close'
  | 'bundles:adopt'
  | 'bundles:reportPreview'
  | 'bundles:reportSave';

export const unavailable = () => fail('UNAVAILABLE', 'Site bundles are not available in this Hubkeeper.');

/** Verify and keep a bundle's text (every way of opening one ends here). */
export async function openBundleText(
  ctx: DispatchContext,
  port: BundlesPort,
  text: string,
): Promise<Result<BundleOpened>> {
  const added = await port.open(text);
  if (!added.ok) return added;
  ctx.log.info('site bundle opened', { bundleId: added.value.bundle.summary.bundleId });
  return ok({ opened: true, bundle: added.value.bundle.summary, replaced: added.value.replaced });
}

/**
 * Offline review bundles. Every handler here reads files or the inventory; none reaches a hub.
 * Bundled hub ids are only ever looked up inside their bundle, so a bundled hub cannot be
 * refreshed, logged in to, probed or visited through any other channel (those look in the
 * user's own inventory, where bundled hubs never are until adopted).
 */
export function bundleHandlers(ctx: DispatchContext): HandlerGroup<BundleChannels> {
  const { host, settings } = ctx.services;
  const withPort = <A, T>(run: (port: BundlesPort, args: A) => Promise<Result<T>>) => {
    return async (args: A): Promise<Result<T>> => {
      const port = ctx.services.bundles;
      return port ? run(port, args) : unavailable();
    };
  };
  const opened = (port: BundlesPort, text: string) => openBundleText(ctx, port, text);
  // The preview and the saved file are one report: the bundle's, for the period asked.
  const reportOf = async (
    port: BundlesPort,
    args: { bundleId: string; technician: string; from?: string | undefined; to?: string | undefined },
  ): Promise<ReturnType<typeof bundleReport>> => {
    const bundle = await port.get(args.bundleId);
    if (!bundle.ok) return bundle;
    return bundleReport(bundle.value.content, { technician: args.technician.trim(), from: args.from, to: args.to });
  };

  return {
    'bundles:list': withPort(async (port) => ok({ bundles: await port.list() })),
    'bundles:get': withPort(async (port, { bundleId }: { bundleId: string }) => {
      const bundle = await port.get(bundleId);
      return bundle.ok ? ok(bundleView(bundle.value)) : bundle;
    }),
    'bundles:hub': withPort(
      async (port, { bundleId, hubId, limit }: { bundleId: string; hubId: string; limit?: number | undefined }) => {
        const bundle = await port.get(bundleId);
        if (!bundle.ok) return bundle;
        const hub = bundle.value.content.hubs.find((h) => h.id === hubId);
        return hub ? ok(bundledHubDetail(hub, limit ?? 500)) : fail('NOT_FOUND', 'That hub is not in this bundle.');
      },
    ),
    'bundles:export': withPort(async (port, { siteId }: { siteId: string }) => {
      const made = await port.exportSite(siteId, settings.get().technician);
      if (!made.ok) return made;
      return host.saveFile(made.value.suggestedName, FILE_DIALOGS.exportBundle, made.value.text);
    }),
    'bundles:openFile': withPort(async (port) => {
      const picked = await host.openTextFile(FILE_DIALOGS.openBundle, {
        maxBytes: BUNDLE_MAX_BYTES,
        what: 'a site bundle',
      });
      if (!picked.ok) return picked;
      if (picked.value === null) return ok<BundleOpened>({ opened: false, bundle: null, replaced: false });
      return opened(port, picked.value.text);
    }),
    'bundles:openText': withPort(async (port, { text }: { text: string }) => opened(port, text)),
    'bundles:close': withPort(async (port, { bundleId }: { bundleId: string }) => {
      const closed = await port.close(bundleId);
      return closed.ok ? ok({ done: true as const }) : closed;
    }),
    'bundles:adopt': withPort(
      async (port, { bundleId, hubIds }: { bundleId: string; hubIds?: string[] | undefined }) => {
        const bundle = await port.get(bundleId);
        if (!bundle.ok) return bundle;
        const adopted = await adoptBundleHubs(
          ctx.services.inventory,
          ctx.services.visits,
          bundle.value.content,
          hubIds,
        );
        if (adopted.ok) ctx.log.info('bundled hubs adopted', { bundleId, hubs: adopted.value.added.length });
        return adopted;
      },
    ),
    'bundles:reportPreview': withPort(
      async (
        port,
        args: { bundleId: string; technician: string; from?: string | undefined; to?: string | undefined },
      ) => {
        const report = await reportOf(port, args);
        if (!report.ok) return report;
        const { site, rows, summary, generatedAt } = report.value;
        return ok({
          site,
          technician: report.value.technician,
          from: report.value.from,
          to: report.value.to,
          generatedAt,
          rows,
          summary,
          warnings: [],
        });
      },
    ),
    'bundles:reportSave': withPort(
      async (
        port,
        {
          format,
          language,
          ...args
        }: {
          bundleId: string;
          technician: string;
          format: 'csv' | 'json' | 'html';
          from?: string | undefined;
          to?: string | undefined;
          language?: UiLanguage | undefined;
        },
      ) => {
        const report = await reportOf(port, args);
        if (!report.ok) return report;
        return host.saveFile(
          suggestedReportName(report.value, format),
          FILE_DIALOGS.saveReport(format),
          renderReport(report.value, format, defaultPresentation(language)),
        );
      },
    ),
  };
}
