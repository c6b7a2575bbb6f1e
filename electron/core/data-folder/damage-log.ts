import type { DamagedFile, DamageListener } from './damaged-files';

/**
 * The damaged files one run of the app moved aside, so the window can show them (it may connect
 * after they were found) and the log records each. One per process, shared by every store.
 */
export class DamageLog {
  private readonly found: DamagedFile[] = [];
  private readonly listeners = new Set<DamageListener>();

  /** Hand this to the stores as their `onDamaged`. */
  readonly record: DamageListener = (damaged) => {
    this.found.push(damaged);
    for (const listener of this.listeners) listener(damaged);
  };

  list(): DamagedFile[] {
    return [...this.found];
  }

  onRecord(listener: DamageListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
