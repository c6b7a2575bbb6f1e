import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../electron/core/data-dir';

describe('resolveDataDir', () => {
  it('uses XDG_DATA_HOME on Linux when it is absolute', () => {
    expect(resolveDataDir({ env: { XDG_DATA_HOME: '/data/x' }, platform: 'linux', home: '/home/t' })).toBe(
      '/data/x/hubkeeper',
    );
  });

  it('falls back to ~/.local/share on Linux, ignoring a relative XDG_DATA_HOME', () => {
    expect(resolveDataDir({ env: {}, platform: 'linux', home: '/home/t' })).toBe('/home/t/.local/share/hubkeeper');
    expect(resolveDataDir({ env: { XDG_DATA_HOME: 'rel/dir' }, platform: 'linux', home: '/home/t' })).toBe(
      '/home/t/.local/share/hubkeeper',
    );
  });

  it('uses %APPDATA% on Windows, else the roaming folder under home', () => {
    expect(
      resolveDataDir({ env: { APPDATA: 'C:\\Users\\t\\AppData\\Roaming' }, platform: 'win32', home: 'C:\\Users\\t' }),
    ).toBe('C:\\Users\\t\\AppData\\Roaming\\Hubkeeper');
    expect(resolveDataDir({ env: {}, platform: 'win32', home: 'C:\\Users\\t' })).toBe(
      'C:\\Users\\t\\AppData\\Roaming\\Hubkeeper',
    );
  });

  it('uses Application Support on macOS', () => {
    expect(resolveDataDir({ env: { XDG_DATA_HOME: '/x' }, platform: 'darwin', home: '/Users/t' })).toBe(
      '/Users/t/Library/Application Support/Hubkeeper',
    );
  });

  it('lets HUBKEEPER_DATA_DIR override every platform default', () => {
    expect(resolveDataDir({ env: { HUBKEEPER_DATA_DIR: '/srv/hk/' }, platform: 'linux', home: '/home/t' })).toBe(
      '/srv/hk',
    );
    expect(resolveDataDir({ env: { HUBKEEPER_DATA_DIR: 'relative' }, platform: 'darwin', home: '/Users/t' })).toBe(
      '/Users/t/Library/Application Support/Hubkeeper',
    );
  });
});
