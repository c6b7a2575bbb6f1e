import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { AppError } from '../../../electron/shared/errors';
import type { ReportPreview, ReportScope, SavedFile } from '../../../electron/shared/contract';
import { call } from '../bridge';
import { i18n, type Locale } from '../i18n';

export type ReportFormat = 'csv' | 'json' | 'html';

/**
 * The site-visit report: pick a site (or the hubs selected in the fleet), name the technician,
 * preview it, then let the backend write the file where the user chooses.
 */
export const useReportStore = defineStore('report', () => {
  /** `''` = every hub (sent as an explicit list of ids), otherwise a site id. */
  const siteId = ref('');
  const technician = ref('');
  const preview = shallowRef<ReportPreview | null>(null);
  const loading = ref(false);
  const saving = ref<ReportFormat | 'pdf' | null>(null);
  const lastSaved = shallowRef<(SavedFile & { format: ReportFormat | 'pdf' }) | null>(null);
  const error = shallowRef<AppError | null>(null);

  const ready = computed(() => technician.value.trim().length > 0);

  function scope(allHubIds: readonly string[]): ReportScope | null {
    if (siteId.value) return { siteId: siteId.value };
    return allHubIds.length ? { hubIds: [...allHubIds] } : null;
  }

  async function loadPreview(allHubIds: readonly string[]): Promise<boolean> {
    const s = scope(allHubIds);
    if (!s) {
      preview.value = null;
      return false;
    }
    loading.value = true;
    const result = await call('report:preview', { scope: s, technician: technician.value.trim() });
    loading.value = false;
    if (result.ok) {
      preview.value = result.value;
      error.value = null;
      return true;
    }
    error.value = result.error;
    return false;
  }

  async function save(format: ReportFormat | 'pdf', allHubIds: readonly string[]): Promise<boolean> {
    const s = scope(allHubIds);
    if (!s) return false;
    saving.value = format;
    // The printable report speaks the window's language (CSV and JSON are the same in every one).
    const language = i18n.global.locale.value as Locale;
    const result =
      format === 'pdf'
        ? await call('report:printPdf', { scope: s, technician: technician.value.trim(), language })
        : await call('report:save', { scope: s, technician: technician.value.trim(), format, language });
    saving.value = null;
    if (result.ok) {
      lastSaved.value = { ...result.value, format };
      error.value = null;
      return result.value.saved;
    }
    error.value = result.error;
    return false;
  }

  return { siteId, technician, preview, loading, saving, lastSaved, error, ready, loadPreview, save };
});
