import type { DiscoveredHub, LocalSubnet, ManualAddResult, SweepProgress, SweepResult } from '../../shared/discovery';
import type { Result } from '../../shared/errors';

/**
 * Discovery as the app's dispatcher sees it. It lives here, beside `createDiscoveryService`
 * which implements it, so discovery never imports from the app layer above it.
 */
export interface SweepCallbacks {
  signal: AbortSignal;
  onProgress(progress: SweepProgress): void;
  onHub(hub: DiscoveredHub): void;
}

export interface DiscoveryPort {
  interfaces(): LocalSubnet[];
  /**
   * Counts the addresses of a target without scanning (validates it: BAD_INPUT when malformed or
   * too big, NOT_PERMITTED when it reaches public, multicast, broadcast or unspecified addresses
   * and `allowPublic` is not set).
   */
  count(target: string, ports: readonly number[] | undefined, allowPublic?: boolean): Result<{ total: number }>;
  /** `cancelled` true when the signal stopped it; `result` then holds what was found until then. */
  sweep(
    target: string,
    ports: readonly number[] | undefined,
    callbacks: SweepCallbacks,
    allowPublic?: boolean,
  ): Promise<Result<{ cancelled: boolean; result: SweepResult }>>;
  manual(text: string, signal: AbortSignal): Promise<Result<ManualAddResult>>;
}
