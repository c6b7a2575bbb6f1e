import { describe, expect, it } from 'vitest';
import { compareVersions, versionStatus } from '../../renderer/src/lib/version';
import { entry } from './fixtures';

const online = (newest: ReturnType<typeof entry> | null, isNewest: boolean | null = null) => ({
  checkedAt: null,
  checkResult: 0,
  updateResult: 0,
  isNewest,
  newest,
  checkEnabled: true,
  includePreRelease: false,
});

describe('compareVersions', () => {
  it('compares numeric segments as numbers, not strings', () => {
    expect(compareVersions('2.1.10', '2.1.9')).toBe(1);
    expect(compareVersions('2.1.9', '2.1.10')).toBe(-1);
    expect(compareVersions('2.1.28', '2.1.28')).toBe(0);
    expect(compareVersions('3.0', '2.99.99')).toBe(1);
  });

  it('treats a longer version with the same prefix as newer and never throws on odd text', () => {
    expect(compareVersions('2.1.28.1', '2.1.28')).toBe(1);
    expect(compareVersions('2.1.28-beta', '2.1.28')).toBe(1);
    expect(() => compareVersions('', 'x.y')).not.toThrow();
  });
});

describe('versionStatus', () => {
  it('is up to date when the installed version is the newest (seed example)', () => {
    expect(versionStatus({ version: '2.1.28', online: online(entry('2.1.28', true), true) })).toBe('up-to-date');
  });

  it('says update available for a newer release and pre-release available for a newer pre-release', () => {
    expect(versionStatus({ version: '2.1.27', online: online(entry('2.1.28')) })).toBe('update-available');
    expect(versionStatus({ version: '2.1.27', online: online(entry('2.1.28', true)) })).toBe('pre-release-available');
  });

  it('trusts the version comparison over a stale is-newest flag', () => {
    expect(versionStatus({ version: '2.1.27', online: online(entry('2.1.28'), true) })).toBe('update-available');
  });

  it('falls back to is-newest when no newest version is known, and to unknown without either', () => {
    expect(versionStatus({ version: '2.1.27', online: online(null, true) })).toBe('up-to-date');
    expect(versionStatus({ version: '2.1.27', online: online(null, false) })).toBe('update-available');
    expect(versionStatus({ version: '2.1.27', online: null })).toBe('unknown');
    expect(versionStatus(null)).toBe('unknown');
  });
});
