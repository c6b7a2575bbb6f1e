import type { BundleSummary } from '../../../electron/shared/contract';
import { formatDateTime } from './format';

type Translate = (key: string, params: Record<string, string>) => string;

/** "Bundle from Harbour Studio, taken 2026-12-01 12:00 by Li Wei": where a bundle is shown. */
export function bundleTakenLine(t: Translate, b: Pick<BundleSummary, 'siteName' | 'takenAt' | 'technician'>): string {
  const time = formatDateTime(b.takenAt);
  return b.technician
    ? t('bundles.takenBy', { site: b.siteName, time, technician: b.technician })
    : t('bundles.taken', { site: b.siteName, time });
}
