import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../electron/cli/exit-codes';
import { adhocHubId } from '../../electron/core/monitor/hub-directory';
import { HubStore } from '../../electron/core/store/hub-store';
import { initialTrackerState } from '../../electron/core/tracking/types';
import type { TimelineEvent } from '../../electron/shared/timeline';
import { startHub, type SimulatedHub } from '../simulator';
import { live } from '../unit/tracking-fixtures';
import { cli } from './cli-harness';

/**
 * Issue 14: the one-hub commands in Chinese, chosen by `--lang zh-CN` or by LANG, against
 * simulated hubs on this file's own addresses (127.0.77.x, random ports). JSON stays English.
 */

let http: SimulatedHub;
let tls: SimulatedHub;
let dir: string;
beforeAll(async () => {
  [http, tls] = await Promise.all([
    startHub({ host: '127.0.77.1', port: 0, devices: 3 }),
    startHub({ host: '127.0.77.2', port: 0, https: true }),
  ]);
  dir = await mkdtemp(path.join(tmpdir(), 'hk-cli-zh-'));
}, 30_000);
afterAll(async () => {
  await Promise.all([http?.stop(), tls?.stop()]);
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => http.injectFault(null));

const PASSWORD = { HUBKEEPER_PASSWORD: 'Admin' };
const ZH_LANG = { ...PASSWORD, LANG: 'zh_CN.UTF-8' };

/** Words a Chinese line may hold: names, units, commands and options, not English sentences. */
const ALLOWED = new Set(['Hub', 'SHA', 'UTC', 'KB', 'MD5', 'HTTP', 'hubkeeper', 'cert', 'history', 'watch', 'Admin']);

/** The English words left in `text` once the hub's own values (addresses, names, versions) are taken out. */
function englishLeft(text: string, values: readonly string[] = []): string[] {
  let rest = text;
  for (const v of [...values].sort((a, b) => b.length - a.length)) if (v) rest = rest.split(v).join(' ');
  rest = rest
    .replace(/sha256:[0-9a-f]{64}/g, ' ')
    .replace(/\b[0-9a-f]{64}\b/g, ' ')
    .replace(/\b0x[0-9a-f]+\??/g, ' ')
    .replace(/--[a-z-]+/g, ' ')
    .replace(/[A-Z_]+_[A-Z_]+|\b[A-Z]{4,}\b/g, ' '); // error codes and HUBKEEPER_PASSWORD
  return (rest.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !ALLOWED.has(w));
}

describe('status and history in Chinese', () => {
  it('status: --lang zh-CN and LANG=zh_CN.UTF-8 print the same Chinese table, no English left', async () => {
    const json = (await cli(['status', http.url, '--json', '--lang', 'zh-CN'])).json<{
      status: { osName: string | null; info: string | null };
    }>();
    const byFlag = await cli(['status', http.url, '--lang', 'zh-CN']);
    const byEnv = await cli(['status', http.url], { env: ZH_LANG });
    expect(byFlag.code, byFlag.err).toBe(EXIT.OK);
    expect(byFlag.err).toBe('');
    expect(byEnv.out).toBe(byFlag.out);
    const out = byFlag.out;
    expect(out).toContain(`Hub         ${http.url}\n`);
    expect(out).toContain('状态        空闲（0x0）\n');
    expect(out).toContain('已安装版本  2.1.28\n');
    expect(out).toMatch(/最新版本 {4}2\.1\.28（预发布，发布于 \d{4}-\d\d-\d\d，已安装）\n/);
    expect(out).toMatch(/上次检测 {4}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC[+-]\d\d:\d\d\)\n/);
    expect(englishLeft(out, [http.url, json.status.osName ?? '', json.status.info ?? ''])).toEqual([]);
  });

  it('--lang en wins over a Chinese LANG, and JSON is never translated', async () => {
    const en = await cli(['status', http.url, '--lang', 'en'], { env: ZH_LANG });
    expect(en.out).toContain('State       idle (0x0)');
    const json = await cli(['status', http.url, '--json'], { env: ZH_LANG });
    const english = await cli(['status', http.url, '--json']);
    expect(json.out).toBe(english.out);
  });

  it('history --all: Chinese header and columns, aligned', async () => {
    const run = await cli(['history', http.url, '--all'], { env: ZH_LANG });
    expect(run.code, run.err).toBe(EXIT.OK);
    const [header, columns, first] = run.out.split('\n') as [string, string, string];
    expect(header).toMatch(
      new RegExp(`^${http.url.replace(/\./g, '\\.')}：已发布的版本 #0–#\\d+，共 \\d+ 个，最新的在前$`),
    );
    expect(columns).toMatch(/^# +版本 +发布日期 +预发布 +SHA-256$/);
    expect(first).toMatch(/^0 +2\.1\.28 +\d{4}-\d\d-\d\d +是 {6}[0-9a-f]{64}$/);
    expect(englishLeft(run.out, [http.url])).toEqual([]);
  });
});

describe('devices and cert in Chinese', () => {
  it('devices: Chinese heading and columns', async () => {
    const json = (await cli(['devices', http.url, '--json'])).json<{
      devices: Array<{ serial: string; name: string | null; model: string | null; firmwareVersion: string | null }>;
    }>();
    const run = await cli(['devices', http.url, '--lang', 'zh-CN']);
    expect(run.code, run.err).toBe(EXIT.OK);
    expect(run.out).toMatch(new RegExp(`^${http.url.replace(/\./g, '\\.')}：3 台设备，截至 `));
    expect(run.out).toMatch(/\n序列号 +名称 +型号 +固件 +硬件 +在线 +警告 +升级\n/);
    expect(run.out).toContain('各型号的固件（“落后”= 比此 Hub 上同型号的其他设备旧）：');
    const values = json.devices.flatMap((d) => [d.serial, d.name ?? '', d.model ?? '', d.firmwareVersion ?? '']);
    expect(englishLeft(run.out, [http.url, ...values])).toEqual([]);
  });

  it('cert: Chinese rows and the pin advice', async () => {
    const run = await cli(['cert', tls.url], { env: ZH_LANG });
    expect(run.code, run.err).toBe(EXIT.OK);
    expect(run.out).toContain(`指纹      ${tls.certFingerprint}\n`);
    expect(run.out).toContain(`请将此指纹与 Hub 自身显示的指纹比对，然后使用：--pin ${tls.certFingerprint}\n`);
    const subject = /使用者 +(.*)\n/.exec(run.out)![1]!;
    const issuer = /颁发者 +(.*)\n/.exec(run.out)![1]!;
    expect(englishLeft(run.out, [tls.url, subject, issuer])).toEqual([]);
  });
});

describe('errors in Chinese', () => {
  it('no password: the CLI’s own words, no English left; exit code unchanged', async () => {
    const run = await cli(['status', http.url, '--lang', 'zh-CN'], { env: {} });
    expect(run.code).toBe(EXIT.USAGE);
    expect(run.err).toMatch(
      /^错误 BAD_INPUT：.*没有用户“Admin”的密码。请设置 HUBKEEPER_PASSWORD 或使用 --password-stdin/,
    );
    expect(englishLeft(run.err, [http.url])).toEqual([]);
    // The --json message stays English.
    const json = await cli(['status', http.url, '--json', '--lang', 'zh-CN'], { env: {} });
    expect(json.json<{ error: { message: string } }>().error.message).toMatch(/^No password for user "Admin"/);
  });

  it('a wrong password: the window’s words for the code and the hub result first', async () => {
    const run = await cli(['status', http.url], { env: { HUBKEEPER_PASSWORD: 'nope', LANG: 'zh_CN.UTF-8' } });
    expect(run.code).toBe(EXIT.AUTH);
    expect(run.err).toMatch(/^错误 AUTH_FAILED：用户名或密码错误（Hub 错误码 \d+：密码错误）。详情：/);
  });

  it('a timeout: said in Chinese with the --timeout the user gave', async () => {
    http.injectFault({ kind: 'hang', paths: ['/api/update/status'] });
    const run = await cli(['status', http.url, '--timeout', '1', '--lang', 'zh-CN']);
    expect(run.code).toBe(EXIT.NETWORK);
    expect(run.err).toBe(
      `错误 TIMEOUT：读取 ${http.url} 的升级状态未能在 1 秒内完成（Hub 响应较慢时请调大 --timeout）。\n`,
    );
  });

  it('an untrusted certificate: the hint in Chinese', async () => {
    const run = await cli(['status', tls.url, '--lang', 'zh-CN']);
    expect(run.code).toBe(EXIT.TLS);
    expect(run.err).toMatch(/^错误 TLS_UNTRUSTED：证书尚未受信任。详情：/);
    expect(run.err).toContain(
      `\n提示：核对指纹后，添加 --pin ${tls.certFingerprint}（参见：hubkeeper cert ${tls.url}）\n`,
    );
  });
});

describe('timeline in Chinese', () => {
  it('the last-known line, states and outcomes in the window’s words', async () => {
    const hubId = adhocHubId({ scheme: 'http', host: '127.0.77.9', port: 80 });
    const at = (m: number) => new Date(Date.UTC(2024, 4, 2, 9, m)).toISOString();
    const events: TimelineEvent[] = [
      { at: at(0), type: 'download-started', from: '2.1.27', target: '2.1.28' },
      {
        at: at(6),
        type: 'update-finished',
        outcome: 'verified',
        reason: 'new-version',
        to: '2.1.28',
        updateResult: null,
      },
      { at: at(30), type: 'download-started', from: '2.1.28', target: '2.1.29' },
      { at: at(31), type: 'update-finished', outcome: 'failed', reason: 'update-failed', to: null, updateResult: 11 },
    ];
    const store = await HubStore.open(dir);
    if (!store.ok) throw new Error(store.error.message);
    await store.value.appendEvents(hubId, events);
    const lastSuccessAt = new Date(Date.now() - 3 * 3_600_000).toISOString();
    await store.value.writeStatus(hubId, {
      savedAt: lastSuccessAt,
      tracker: initialTrackerState(),
      live: live(hubId, { version: '2.1.28', lastSuccessAt }),
    });
    const run = await cli(['timeline', 'http://127.0.77.9', '--data-dir', dir], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(run.code, run.err).toBe(EXIT.OK);
    expect(run.out).toMatch(/最后已知：空闲，版本 2\.1\.28——截至 .*（3 小时前）/);
    expect(run.out).toContain('\n升级：\n');
    expect(run.out).toMatch(/2\.1\.27 → 2\.1\.28 +已验证 /);
    expect(run.out).toMatch(/2\.1\.28 → \? +失败 +.*Hub 结果码 11/);
    const empty = await cli(['timeline', 'http://127.0.77.8', '--data-dir', dir, '--lang', 'zh-CN']);
    expect(empty.out).toContain('尚未记录此 Hub 的事件（用 `hubkeeper watch` 监视它）。');
  });
});

describe('help in Chinese', () => {
  it('the one-hub commands describe themselves, their arguments and options in the chosen language', async () => {
    const byFlag = await cli(['--lang', 'zh-CN', 'status', '--help']);
    const byEnv = await cli(['status', '--help'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(byFlag.code).toBe(EXIT.OK);
    expect(byEnv.out).toBe(byFlag.out);
    expect(byFlag.out).toContain('显示 Hub 的升级服务：状态、进度、已安装和最新版本、上次在线升级检测');
    expect(byFlag.out).toMatch(/--user <name> +登录所用的用户名/);
    expect(byFlag.out).toMatch(/--password-stdin +从标准输入读取密码（否则从 HUBKEEPER_PASSWORD 读取）/);
    for (const [command, words] of [
      ['history', '--count <m> +条数（与 --start 一起使用时默认 20）'],
      ['devices', '--site <name> +在此清单站点中查找 Hub'],
      ['cert', '--json +输出一个 JSON 文档\n'],
      ['timeline', '--json +输出 \\{"hub", "events", "updates"\\}（结构稳定，见 README）'],
    ] as const) {
      const run = await cli(['--lang', 'zh-CN', command, '--help']);
      expect(run.out, command).toMatch(new RegExp(words));
    }
    // English help is as it was.
    const english = await cli(['status', '--help']);
    expect(english.out).toContain("show a hub's update service: state, progress, installed and newest version");
    expect(english.out).toMatch(/--user <name> +user to log in as/);
  });
});
