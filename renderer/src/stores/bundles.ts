import { defineStore } from 'pinia';
import { ref } from 'vue';
import type {
  BundleAdopted,
  BundleSummary,
  BundleView,
  ReportPreview,
  SavedFile,
} from '../../../electron/shared/contract';
import type { AppError } from '../../../electron/shared/errors';
import { BUNDLE_UPLOAD_CHUNK_CHARS } from '../../../electron/shared/bundle-upload';
import { i18n, type Locale } from '../i18n';
import { call, on } from '../bridge';
import { textPieces } from '../lib/text-pieces';
import { useNoticesStore } from './notices';

export type BundleAction = 'open' | 'export' | null;

/**
 * Offline review bundles opened read-only beside the user's own sites. Everything here reads
 * files through the backend; no call sends anything to a hub (the backend has no way to: bundled
 * hubs are in no pool, monitor or visit).
 */
export const useBundlesStore = defineStore('bundles', () => {
  const list = ref<BundleSummary[]>([]);
  const current = ref<BundleView | null>(null);
  const error = ref<AppError | null>(null);
  const busy = ref(false);
  const report = ref<ReportPreview | null>(null);
  /** Set by the native menu; the bundles screen acts on it and clears it. */
  const pendingAction = ref<BundleAction>(null);
  let off: (() => void) | null = null;

  async function load(): Promise<void> {
    off ??= on('bundles:changed', (payload) => {
      list.value = payload.bundles;
      if (current.value && !payload.bundles.some((b) => b.bundleId === current.value?.summary.bundleId))
        current.value = null;
    });
    const result = await call('bundles:list', {});
    if (result.ok) list.value = result.value.bundles;
    else error.value = result.error;
  }

  async function show(bundleId: string): Promise<void> {
    if (current.value?.summary.bundleId !== bundleId) report.value = null;
    const result = await call('bundles:get', { bundleId });
    if (result.ok) {
      current.value = result.value;
      error.value = null;
    } else {
      current.value = null;
      error.value = result.error;
    }
  }

  /** After an open: the list shows it at once (the event may come a moment later). */
  function opened(summary: BundleSummary | null): BundleSummary | null {
    if (!summary) return null;
    list.value = [...list.value.filter((b) => b.bundleId !== summary.bundleId), summary];
    useNoticesStore().push({ tone: 'ok', key: 'bundles.opened', params: { site: summary.siteName } });
    return summary;
  }

  async function run<T>(
    work: () => Promise<{ ok: true; value: T } | { ok: false; error: AppError }>,
  ): Promise<T | null> {
    busy.value = true;
    error.value = null;
    try {
      const result = await work();
      if (result.ok) return result.value;
      error.value = result.error;
      return null;
    } finally {
      busy.value = false;
    }
  }

  /** Main's open dialog (the app). */
  async function openFile(): Promise<BundleSummary | null> {
    const value = await run(() => call('bundles:openFile', {}));
    return value?.opened ? opened(value.bundle) : null;
  }

  /**
   * A file the page read itself (the browser preview's file picker, a dropped file). A large one
   * goes in pieces: the preview's WebSocket takes at most 6 MB per message, a bundle up to 32 MB.
   */
  async function openText(text: string): Promise<BundleSummary | null> {
    const value = await run(() =>
      text.length <= BUNDLE_UPLOAD_CHUNK_CHARS ? call('bundles:openText', { text }) : upload(text),
    );
    return value ? opened(value.bundle) : null;
  }

  async function upload(text: string): ReturnType<typeof call<'bundles:uploadFinish'>> {
    const begun = await call('bundles:uploadBegin', { size: text.length });
    if (!begun.ok) return begun;
    const { uploadId, chunkChars } = begun.value;
    for (const piece of textPieces(text, Math.min(chunkChars, BUNDLE_UPLOAD_CHUNK_CHARS))) {
      const sent = await call('bundles:uploadChunk', { uploadId, ...piece });
      if (!sent.ok) return sent;
    }
    return call('bundles:uploadFinish', { uploadId });
  }

  async function exportSite(siteId: string): Promise<SavedFile | null> {
    const saved = await run(() => call('bundles:export', { siteId }));
    if (saved?.saved)
      useNoticesStore().push({ tone: 'ok', key: 'bundles.exported', params: { file: saved.fileName ?? '' } });
    return saved;
  }

  async function close(bundleId: string): Promise<void> {
    const done = await run(() => call('bundles:close', { bundleId }));
    if (!done) return;
    list.value = list.value.filter((b) => b.bundleId !== bundleId);
    if (current.value?.summary.bundleId === bundleId) current.value = null;
  }

  async function adopt(bundleId: string, hubIds?: string[]): Promise<BundleAdopted | null> {
    const adopted = await run(() => call('bundles:adopt', hubIds ? { bundleId, hubIds } : { bundleId }));
    if (adopted)
      useNoticesStore().push(
        {
          tone: adopted.pinsToConfirm.length ? 'warn' : 'ok',
          key: adopted.pinsToConfirm.length ? 'bundles.adoptedConfirmPins' : 'bundles.adopted',
          params: {
            added: adopted.added.length,
            existing: adopted.existing.length,
            pins: adopted.pinsToConfirm.length,
          },
        },
        15_000,
      );
    return adopted;
  }

  async function previewReport(bundleId: string, technician: string): Promise<void> {
    report.value = await run(() => call('bundles:reportPreview', { bundleId, technician }));
  }

  async function saveReport(bundleId: string, technician: string, format: 'csv' | 'json' | 'html'): Promise<void> {
    const saved = await run(() =>
      call('bundles:reportSave', {
        bundleId,
        technician,
        format,
        language: i18n.global.locale.value as Locale,
      }),
    );
    if (saved?.saved)
      useNoticesStore().push({ tone: 'ok', key: 'bundles.reportSaved', params: { file: saved.fileName ?? '' } });
  }

  function stop(): void {
    off?.();
    off = null;
  }

  return {
    list,
    current,
    error,
    busy,
    report,
    pendingAction,
    load,
    show,
    openFile,
    openText,
    exportSite,
    close,
    adopt,
    previewReport,
    saveReport,
    stop,
  };
});
