export { withFileLock, FileLockError, STALE_MS } from './file-lock';
export { ensurePrivateDir, writePrivateFile, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private-files';
export { removeLeftoverTemporaryFiles } from './leftover-files';
export { moveAside, type DamagedFile, type DamageListener } from './damaged-files';
