import { describe, expect, it } from 'vitest';
import { parseUpdateStatus } from '../../electron/core/hub/parse-update-status';
import { buildReport } from '../../electron/core/report';
import { statusJson } from '../../electron/cli/status-json';
import { renderStatus } from '../../electron/cli/status-text';
import { hubLine } from '../../electron/cli/watch-view';
import type { OnlineInfo, UpdateStatus, VersionEntry } from '../../electron/shared/domain';
import { compareVersions, parseVersion, versionStatus } from '../../electron/shared/version-status';
import seed from '../fixtures/update-status.seed.json';
import { live } from './tracking-fixtures';

/** One answer to "is this hub up to date?" (shared/version-status) and the three places using it. */

const entry = (version: string, preRelease = false, digest = 'a'.repeat(64)): VersionEntry => ({
  version,
  digest,
  preRelease,
  releasedAt: '2023-09-05T03:36:25.000Z',
});

const online = (newest: VersionEntry | null, isNewest: boolean | null = null): OnlineInfo => ({
  checkedAt: null,
  checkResult: 0,
  updateResult: 0,
  isNewest,
  newest,
  checkEnabled: true,
  includePreRelease: true,
});

const status = (version: string | null, o: OnlineInfo | null) => ({ version, online: o });

describe('compareVersions / parseVersion', () => {
  it('compares numeric segments as numbers, missing segments as 0', () => {
    expect(compareVersions('2.1.10', '2.1.9')).toBe(1);
    expect(compareVersions('2.1.9', '2.1.10')).toBe(-1);
    expect(compareVersions('2.1.28', '2.1.28')).toBe(0);
    expect(compareVersions('3.0', '2.99.99')).toBe(1);
    expect(compareVersions('2.1', '2.1.0')).toBe(0);
    expect(compareVersions('2.1.28.1', '2.1.28')).toBe(1);
  });

  it('ranks a pre-release below its release, and orders pre-releases semver-ish', () => {
    expect(compareVersions('2.1.28-beta', '2.1.28')).toBe(-1);
    expect(compareVersions('2.1.28-beta.2', '2.1.28-beta.10')).toBe(-1);
    expect(compareVersions('2.1.28-1', '2.1.28-alpha')).toBe(-1);
    expect(compareVersions('2.1.29-rc.1', '2.1.28')).toBe(1);
    expect(compareVersions('2.1.28+build7', '2.1.28')).toBe(0);
  });

  it('reads only version numbers as versions; other text sorts below them and never throws', () => {
    expect(parseVersion('v2.1.28')).toEqual({ core: [2, 1, 28], pre: [] });
    expect(parseVersion('latest')).toBeNull();
    expect(parseVersion('')).toBeNull();
    expect(compareVersions('latest', '1.0')).toBe(-1);
    expect(compareVersions('b', 'a')).toBe(1);
  });
});

describe('versionStatus: the rule', () => {
  it('is up to date when the installed version is the newest (seed example)', () => {
    expect(versionStatus(status('2.1.28', online(entry('2.1.28', true), true)))).toBe('up-to-date');
  });

  it('says update available for a newer release, pre-release available for a newer pre-release', () => {
    expect(versionStatus(status('2.1.27', online(entry('2.1.28'))))).toBe('update-available');
    expect(versionStatus(status('2.1.27', online(entry('2.1.28', true))))).toBe('pre-release-available');
    expect(versionStatus(status('2.1.28', online(entry('2.1.29-beta.1', true))))).toBe('pre-release-available');
    // Installed 2.1.28-rc.1, newest the 2.1.28 release: the release is newer.
    expect(versionStatus(status('2.1.28-rc.1', online(entry('2.1.28'))))).toBe('update-available');
  });

  it('equal versions are up to date whatever the digests (the hub reports none for what is installed)', () => {
    const newest = entry('2.1.28', false, 'b'.repeat(64));
    expect(versionStatus(status('2.1.28', online(newest, false)))).toBe('up-to-date');
    expect(versionStatus(status('2.1.28', online(entry('2.1.28', false, 'c'.repeat(64)), null)))).toBe('up-to-date');
  });

  it('the versions win when is-newest disagrees with them', () => {
    expect(versionStatus(status('2.1.27', online(entry('2.1.28'), true)))).toBe('update-available');
    expect(versionStatus(status('2.1.29', online(entry('2.1.28'), false)))).toBe('up-to-date');
  });

  it('is-newest decides only when the versions cannot be compared', () => {
    expect(versionStatus(status('2.1.27', online(null, true)))).toBe('up-to-date');
    expect(versionStatus(status('2.1.27', online(null, false)))).toBe('update-available');
    expect(versionStatus(status(null, online(entry('2.1.28'), false)))).toBe('update-available');
    expect(versionStatus(status('custom-build', online(entry('2.1.28'), true)))).toBe('up-to-date');
  });

  it('is unknown when neither the versions nor is-newest tell', () => {
    expect(versionStatus(status('2.1.27', online(null, null)))).toBe('unknown');
    expect(versionStatus(status('2.1.27', null))).toBe('unknown');
    expect(versionStatus(status(null, online(entry('2.1.28'), null)))).toBe('unknown');
    expect(versionStatus(status('custom-build', online(entry('2.1.28'), null)))).toBe('unknown');
    expect(versionStatus(null)).toBe('unknown');
  });
});

describe('the CLI and the report give the same answer', () => {
  const seeded = (): UpdateStatus => {
    const r = parseUpdateStatus(seed);
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };

  it('status (text and JSON): a stale is-newest does not hide an update', () => {
    const s: UpdateStatus = { ...seeded(), version: '2.1.27', online: online(entry('2.1.28'), true) };
    expect(renderStatus('hub', s)).toContain('Newest      2.1.28  (released 2023-09-05, UPDATE AVAILABLE)');
    expect(statusJson(s).versionStatus).toBe('update-available');
    const ahead: UpdateStatus = { ...s, version: '2.1.29', online: online(entry('2.1.28'), false) };
    expect(renderStatus('hub', ahead)).toMatch(/Newest {6}2\.1\.28 {2}\(released [\d-]+, installed\)/);
    expect(statusJson(ahead).versionStatus).toBe('up-to-date');
  });

  it('watch: a hub ahead of the newest known version is the newest, not "→ older available"', () => {
    const line = hubLine(
      { hubId: 'h', name: 'h', url: 'http://127.0.0.1' },
      live('h', { version: '2.1.29', online: online(entry('2.1.28'), false) }),
      8,
    );
    expect(line).toContain('2.1.29 (newest)');
    const beta = hubLine(
      { hubId: 'h', name: 'h', url: 'http://127.0.0.1' },
      live('h', { version: '2.1.28', online: online(entry('2.1.29-beta', true), true) }),
      8,
    );
    expect(beta).toContain('2.1.28 → 2.1.29-beta (pre)');
  });

  it('report: counts up to date by the same rule', () => {
    const hubs = [
      ['ahead', '2.1.29', online(entry('2.1.28'), false)],
      ['same', '2.1.28', online(entry('2.1.28'), false)],
      ['behind', '2.1.27', online(entry('2.1.28'), true)],
      ['flag only', '2.1.27', online(null, true)],
    ] as const;
    const report = buildReport({
      site: 's',
      technician: 't',
      from: '2024-01-02T08:00:00.000Z',
      to: '2024-01-02T12:00:00.000Z',
      generatedAt: '2024-01-02T12:05:00.000Z',
      hubs: hubs.map(([name, version, o]) => ({
        hubId: name,
        name,
        address: `http://127.0.0.1/${name}`,
        live: live(name, { version, online: o }),
        events: [],
        published: null,
      })),
    });
    expect(Object.fromEntries(report.rows.map((r) => [r.name, r.versionStatus]))).toEqual({
      ahead: 'up-to-date',
      same: 'up-to-date',
      behind: 'update-available',
      'flag only': 'up-to-date',
    });
    expect(report.summary.upToDate).toBe(3);
  });
});
