import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Build the renderer once, so the tests always drive the code in this checkout. */
export default function globalSetup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const built = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('vite build failed: the end-to-end tests need the built renderer');
}
