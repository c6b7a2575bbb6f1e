import { watch, type FSWatcher } from 'node:fs';

interface WatchFolderOptions {
  /** Calms a burst of events (a temporary file, then its rename) into one call, this long after the last. */
  debounceMs: number;
  /** Which entries matter, by name (a null name, which some platforms give, always does). */
  accept?: (name: string) => boolean;
  onChange: () => void;
  /** Watching could not start, or failed later. */
  onError?: (error: unknown) => void;
}

/**
 * Watches a data-folder directory for files that appear, change or go, whoever wrote them
 * (another Hubkeeper process, a technician's copy). The folder, not a file: every write here
 * replaces its file (rename), which would end a watch on the file itself. Does not keep the
 * process alive. Returns the function that stops watching (and drops a pending call).
 */
export function watchFolder(dir: string, options: WatchFolderOptions): () => void {
  const onError = options.onError ?? (() => undefined);
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher;
  try {
    watcher = watch(dir, { persistent: false }, (_event, name) => {
      if (name !== null && options.accept && !options.accept(name)) return;
      clearTimeout(timer);
      timer = setTimeout(options.onChange, options.debounceMs);
    });
  } catch (error) {
    onError(error);
    return () => undefined;
  }
  watcher.on('error', onError);
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
