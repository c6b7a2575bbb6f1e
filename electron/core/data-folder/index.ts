export { withFileLock } from './file-lock';
export { ensurePrivateDir, writePrivateFile } from './private-files';
export { removeLeftoverTemporaryFiles, LIVE_WRITE_MAX_MS } from './leftover-files';
export { moveAside, moveAsideIfPresent, moveAsideSync, type DamagedFile, type DamageListener } from './damaged-files';
export { DamageLog } from './damage-log';
export { watchFolder } from './watch-folder';
