import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds the renderer of this checkout into dist/renderer (Vite, its warnings shown), so the
 * end-to-end tests and the browser benchmarks drive the code as it is now. False when it failed.
 */
export function buildRenderer(): boolean {
  const built = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  return built.status === 0;
}
