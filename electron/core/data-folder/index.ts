export { withFileLock, FileLockError, STALE_MS } from './file-lock';
export { ensurePrivateDir, writePrivateFile, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private-files';
export { removeLeftoverTemporaryFiles, LIVE_WRITE_MAX_MS } from './leftover-files';
export { moveAside, moveAsideIfPresent, moveAsideSync, type DamagedFile, type DamageListener } from './damaged-files';
export { DamageLog } from './damage-log';
