import { homedir } from 'node:os';
import path from 'node:path';

/**
 * Where Hubkeeper keeps its files (inventory, last-known hub states, reports) when the user
 * gives no `--data-dir`. The app, the CLI and the monitor all resolve it here so they share one
 * folder on a machine.
 *
 * Order: `HUBKEEPER_DATA_DIR` (absolute path; lets a technician or a test point everything at
 * one folder), then the platform's per-user data folder:
 *   Linux and others  $XDG_DATA_HOME/hubkeeper, else ~/.local/share/hubkeeper
 *   Windows           %APPDATA%\Hubkeeper, else <home>\AppData\Roaming\Hubkeeper
 *   macOS             ~/Library/Application Support/Hubkeeper
 * Relative values in the environment are ignored (the XDG spec says so, and a relative data
 * folder would move with the working directory).
 */
export interface DataDirContext {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  home: string;
}

export function resolveDataDir(context: DataDirContext = currentContext()): string {
  const { env, platform, home } = context;
  const p = platform === 'win32' ? path.win32 : path.posix;
  const usable = (value: string | undefined): value is string => !!value && p.isAbsolute(value);

  if (usable(env.HUBKEEPER_DATA_DIR)) return p.resolve(env.HUBKEEPER_DATA_DIR);
  if (platform === 'win32') {
    const appData = usable(env.APPDATA) ? env.APPDATA : p.join(home, 'AppData', 'Roaming');
    return p.join(appData, 'Hubkeeper');
  }
  if (platform === 'darwin') return p.join(home, 'Library', 'Application Support', 'Hubkeeper');
  const xdg = usable(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : p.join(home, '.local', 'share');
  return p.join(xdg, 'hubkeeper');
}

function currentContext(): DataDirContext {
  return { env: process.env, platform: process.platform, home: homedir() };
}
