import { fail, ok } from '../../shared/errors';
import { findHub, hubView, type DispatchContext, type HandlerGroup } from './context';
import { FILE_DIALOGS } from './file-dialogs';

function formatOf(name: string, text: string): 'csv' | 'json' {
  const lower = name.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.csv')) return 'csv';
  return /^\s*[[{]/.test(text) ? 'json' : 'csv';
}

export function inventoryHandlers(
  ctx: DispatchContext,
): HandlerGroup<
  | 'inventory:list'
  | 'inventory:addSite'
  | 'inventory:updateSite'
  | 'inventory:removeSite'
  | 'inventory:updateHub'
  | 'inventory:removeHubs'
  | 'inventory:importFile'
  | 'inventory:importText'
  | 'inventory:export'
> {
  const { inventory, secrets, host } = ctx.services;

  async function forgetSecrets(hubIds: readonly string[]): Promise<void> {
    // A removed hub takes its remembered password and session with it.
    for (const id of hubIds) {
      await secrets.delete(id);
      await ctx.services.sessions.logout(id);
    }
  }

  return {
    'inventory:list': async () => {
      const inv = inventory.get();
      return ok({ sites: inv.sites, hubs: inv.hubs.map((h) => hubView(ctx, h)), visits: ctx.services.visits.list() });
    },
    'inventory:addSite': async (args) =>
      inventory.addSite({
        name: args.name.trim(),
        defaultUser: args.defaultUser?.trim() ?? '',
        notes: args.notes ?? '',
        ...(args.forbidHttpLogin !== undefined ? { forbidHttpLogin: args.forbidHttpLogin } : {}),
      }),
    'inventory:updateSite': async ({ siteId, ...patch }) => inventory.updateSite(siteId, patch),
    'inventory:removeSite': async ({ siteId, withHubs }) => {
      const removed = await inventory.removeSite(siteId, withHubs ?? false);
      if (!removed.ok) return removed;
      await forgetSecrets(removed.value.removedHubIds);
      return ok({ done: true as const });
    },
    'inventory:updateHub': async ({ hubId, ...patch }) => {
      const updated = await inventory.updateHub(hubId, patch);
      return updated.ok ? ok(hubView(ctx, updated.value)) : updated;
    },
    'inventory:removeHubs': async ({ hubIds }) => {
      const unknown = hubIds.filter((id) => !findHub(ctx, id));
      if (unknown.length === hubIds.length) return fail('NOT_FOUND', 'None of these hubs is in the inventory.');
      const removed = await inventory.removeHubs(hubIds);
      if (!removed.ok) return removed;
      await forgetSecrets(removed.value.removedHubIds);
      return ok({ removed: removed.value.removedHubIds.length });
    },
    'inventory:importFile': async () => {
      const picked = await host.openTextFile(FILE_DIALOGS.importInventory);
      if (!picked.ok) return picked;
      if (!picked.value) return ok({ cancelled: true, fileName: null, report: null });
      const { name, text } = picked.value;
      const report = await inventory.importText(text, formatOf(name, text));
      return report.ok ? ok({ cancelled: false, fileName: name, report: report.value }) : report;
    },
    'inventory:importText': async ({ text, format }) => {
      const report = await inventory.importText(text, format);
      return report.ok ? ok({ cancelled: false, fileName: null, report: report.value }) : report;
    },
    'inventory:export': async ({ format }) => {
      const text = inventory.exportText(format);
      if (!text.ok) return text;
      return host.saveFile(`hubkeeper-inventory.${format}`, FILE_DIALOGS.exportInventory(format), text.value);
    },
  };
}
