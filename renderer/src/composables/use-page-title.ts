import { computed, watchEffect } from 'vue';
import { useI18n } from 'vue-i18n';
import { route } from '../lib/router';
import { useHubsStore } from '../stores/hubs';
import { useBundledHubStore } from '../stores/bundled-hub';

/**
 * `document.title` names the screen ("Hub 127.0.10.5 — Hubkeeper"), so the task switcher, the
 * window list and screen readers say where the user is.
 */
export function usePageTitle(): void {
  const { t } = useI18n();
  const hubs = useHubsStore();
  const bundled = useBundledHubStore();
  const page = computed(() => {
    const r = route.value;
    if (r.name === 'bundles' && r.bundleId && r.hubId) {
      const hub = bundled.detail?.hub.hubId === r.hubId ? bundled.detail.hub : null;
      return t('bundledHub.pageTitle', { name: hub ? hub.name || hub.address : r.hubId });
    }
    if (r.name !== 'hub') return t(`pageTitle.${r.name}`);
    const hub = hubs.hubs.get(r.hubId);
    return t('pageTitle.hub', { name: hub ? hub.name || hub.address : r.hubId });
  });
  watchEffect(() => {
    document.title = t('pageTitle.full', { page: page.value });
  });
}
