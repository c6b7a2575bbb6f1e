import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the Electron binary is, WITHOUT `require('electron')`: since Electron 36 requiring the
 * package downloads a missing binary on the spot, and tests here may not touch the internet.
 * Returns the path, or the reason there is none.
 */
export function findElectronBinary(repo: string): { path: string } | { missing: string } {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pkg = path.join(repo, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const candidate = override
    ? path.join(override, relative ?? 'electron')
    : relative
      ? path.join(pkg, 'dist', relative)
      : null;
  if (candidate && existsSync(candidate)) return { path: candidate };
  return {
    missing:
      'No Electron binary on this machine (node_modules/electron was installed for its types only and nothing may be downloaded here). ' +
      'Run `npx install-electron` (or set ELECTRON_OVERRIDE_DIST_PATH), `npm run build`, then `npm run test:e2e-electron`.',
  };
}
