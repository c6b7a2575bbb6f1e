import type { HistoryResult, HubTimeline } from '../../../electron/shared/contract';
import type { AppError } from '../../../electron/shared/errors';

/**
 * Where a hub page's history and timeline panels read from: the hub detail store (paged from the
 * hub, loads and fails) or the bundled hub store (paged from the bundle's copy, never loading).
 */
export interface HubHistorySource {
  readonly history: HistoryResult | null;
  readonly historyLoading?: boolean;
  readonly historyError?: AppError | null;
  readonly hasPrevious: boolean;
  readonly hasNext: boolean;
  readonly timeline: HubTimeline | null;
  readonly timelineError?: AppError | null;
  previousPage(): unknown;
  nextPage(): unknown;
}
