import { ref, type Ref } from 'vue';
import type { AppError } from '../../../electron/shared/errors';
import { useHubsStore } from '../stores/hubs';

export const NEW_SITE = '__new__';

/**
 * State behind a SitePicker: the choice, a typed new-site name, and `resolve()` which creates
 * the new site on demand and returns the id to add hubs to. Every hub belongs to a site; with
 * no site yet the picker starts on "new site".
 */
export function useSiteChoice(initial = ''): {
  choice: Ref<string>;
  newName: Ref<string>;
  resolve: () => Promise<{ ok: true; siteId: string } | { ok: false; error: AppError }>;
} {
  const hubs = useHubsStore();
  const choice = ref(initial && hubs.sites.get(initial) ? initial : (hubs.siteList[0]?.id ?? NEW_SITE));
  const newName = ref('');

  async function resolve() {
    if (choice.value !== NEW_SITE && hubs.sites.get(choice.value)) return { ok: true as const, siteId: choice.value };
    const name = newName.value.trim();
    if (!name)
      return {
        ok: false as const,
        error: { code: 'BAD_INPUT' as const, hubCode: null, message: 'A new site needs a name.' },
      };
    const existing = hubs.siteList.find((s) => s.name === name);
    if (existing) {
      choice.value = existing.id;
      return { ok: true as const, siteId: existing.id };
    }
    const created = await hubs.addSite(name);
    if (!created.ok) return { ok: false as const, error: created.error };
    choice.value = created.value.id;
    newName.value = '';
    return { ok: true as const, siteId: created.value.id };
  }

  return { choice, newName, resolve };
}
