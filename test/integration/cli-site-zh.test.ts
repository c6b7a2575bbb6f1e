import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runWatch } from '../../electron/cli/commands/watch';
import type { CliIo } from '../../electron/cli/io';
import type { UiLanguage } from '../../electron/shared/language';
import { startHub, type SimulatedHub } from '../simulator';
import { seedSite } from '../unit/bundle-fixtures';
import { cli } from './cli-harness';
import { makeInventory } from './cli-data-fixtures';
import { waitFor } from './monitor-harness';

/**
 * The site commands (`inventory`, `scan`, `bundle`, `report`, `watch`) in Chinese, asked for
 * both ways a person does: the root `--lang zh-CN`, and a Chinese locale (LANG=zh_CN.UTF-8).
 * Hubs on 127.0.64.x and 127.31.6.x, ports from the system.
 */
const WAYS = [
  { way: '--lang zh-CN', argv: ['--lang', 'zh-CN'], env: {} as Record<string, string>, language: 'zh-CN' as const },
  { way: 'LANG=zh_CN.UTF-8', argv: [], env: { LANG: 'zh_CN.UTF-8' }, language: undefined },
];
type Way = (typeof WAYS)[number];

const zh = (way: Way, args: string[], env: Record<string, string> = {}) =>
  cli([...way.argv, ...args], { env: { HUBKEEPER_PASSWORD: 'Admin', ...way.env, ...env } });

/**
 * Three English words in a row outside a `command`: a sentence the conversion missed (names
 * and paths here have none).
 */
const ENGLISH_SENTENCE = /(?<!`[^`]*)\b[A-Za-z]{2,} [a-z]{2,} [a-z]{2,}\b/;

let dir: string;
let hubs: SimulatedHub[] = [];
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hk-cli-site-zh-'));
});
afterEach(async () => {
  await Promise.all(hubs.map((h) => h.stop()));
  hubs = [];
  await rm(dir, { recursive: true, force: true });
});

describe.each(WAYS)('the site commands in Chinese ($way)', (way) => {
  it('inventory: import, list, export, site and an unknown site speak Chinese, counts without plurals', async () => {
    const file = path.join(dir, 'hubs.csv');
    await writeFile(
      file,
      [
        'site,default_user,name,address,http_port,https_port,https_pin,notes',
        '工厂A,Admin,一号厅,192.0.2.10,80,443,,',
        '工厂A,,二号厅,192.0.2.11,80,,,',
        '工厂B,ops,,192.0.2.300,80,,,',
      ].join('\n'),
    );
    const imported = await zh(way, ['inventory', 'import', file, '--data-dir', dir]);
    expect(imported.code).toBe(1);
    expect(imported.out).toContain('已将 hubs.csv 导入');
    expect(imported.out).toContain('新增 2 台 Hub，更新 0 台，新增 1 个站点。');
    expect(imported.out).toContain('跳过了 1 行：\n  第 4 行：');
    // The bad row's own reason comes from the CSV reader; everything around it is Chinese.
    expect(
      imported.out
        .split('\n')
        .filter((l) => !l.startsWith('  第'))
        .join('\n'),
    ).not.toMatch(ENGLISH_SENTENCE);

    const list = await zh(way, ['inventory', 'list', '--data-dir', dir]);
    expect(list.code).toBe(0);
    expect(list.out).toContain('工厂A（用户 Admin）：2 台 Hub');
    expect(list.out).not.toMatch(/\bhubs?\b/);

    const out = path.join(dir, 'out.csv');
    const exported = await zh(way, ['inventory', 'export', '--output', out, '--data-dir', dir]);
    expect(exported.code).toBe(0);
    expect(exported.err).toBe(`已将 1 个站点中的 2 台 Hub 写入 ${out}（csv）。\n`);

    const site = await zh(way, ['inventory', 'site', '工厂a', '--forbid-http-login', '--data-dir', dir]);
    expect(site.out).toBe('工厂A：禁止通过明文 HTTP 登录\n');
    const both = await zh(way, ['inventory', 'site', '工厂A', '--forbid-http-login', '--allow-http-login']);
    expect(both.err).toContain('请给出 --forbid-http-login 或 --allow-http-login，不要同时给出。');

    const unknown = await zh(way, ['inventory', 'site', '无此站点', '--data-dir', dir]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain('清单中没有站点“无此站点”（现有站点：“工厂A”）。');
    expect(unknown.err).not.toMatch(ENGLISH_SENTENCE);

    const empty = await zh(way, ['inventory', 'list', '--data-dir', path.join(dir, 'empty')]);
    expect(empty.out).toMatch(/^清单（.*）为空。/);
    // Machine output is never translated.
    const json = await zh(way, ['inventory', 'list', '--json', '--data-dir', dir]);
    expect(json.json<{ sites: { name: string }[] }>().sites.map((s) => s.name)).toEqual(['工厂A']);
  });

  it('scan: the progress line and the summary in Chinese, JSON unchanged', async () => {
    const host = `127.31.6.${way.language ? 2 : 3}`;
    const hub = await startHub({ host, port: 0 });
    hubs.push(hub);
    const run = await zh(way, ['scan', host, '--ports', String(hub.port), '--timeout', '5']);
    expect(run.code, run.err).toBe(0);
    expect(run.err).toContain(`正在扫描 ${host}：1/1 个地址，发现 1 台 Hub`);
    expect(run.out).toMatch(
      new RegExp(
        `^已扫描 ${host} 中的 1 个地址（端口 ${hub.port}），用时 \\d+ 毫秒：1 台 Control Hub，0 个其他开放端口。`,
      ),
    );
    expect(run.out).toContain('\nControl Hub：\n');
    expect(run.out + run.err).not.toMatch(ENGLISH_SENTENCE);
    const json = await zh(way, ['scan', host, '--ports', String(hub.port), '--timeout', '5', '--json']);
    expect(json.json<{ hubs: unknown[] }>().hubs).toHaveLength(1);
  });

  it('bundle: export, import, list, adopt, close and a report from it speak Chinese', async () => {
    const exporter = path.join(dir, 'a');
    const viewer = path.join(dir, 'b');
    await seedSite(exporter, '港湾演播室', [
      { host: '127.0.64.2', port: 8080, name: '左台' },
      { host: '127.0.64.3', port: 8443, name: '右台' },
    ]);
    const file = path.join(dir, 'harbour.json');
    const env = { HUBKEEPER_TECHNICIAN: '李伟' };
    const exported = await zh(way, ['bundle', 'export', '--site', '港湾演播室', file, '--data-dir', exporter], env);
    expect(exported.code, exported.err).toBe(0);
    expect(exported.err).toBe(`港湾演播室 的站点包（2 台 Hub）已写入 ${file}\n`);

    const imported = await zh(way, ['bundle', 'import', file, '--data-dir', viewer]);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toMatch(/^来自 港湾演播室 的站点包，由 李伟 制作于 .*（2 台 Hub）：已以只读方式打开。\nID /);
    expect(imported.out).toContain('Hubkeeper 从不向其中的 Hub 发送任何内容');
    expect(imported.out).not.toMatch(ENGLISH_SENTENCE);

    const list = await zh(way, ['bundle', 'list', '--data-dir', viewer]);
    expect(list.out.split('\n')[0]).toMatch(/^ID\s+站点\s+制作时间\s+制作人\s+Hub 数$/);
    const id = (await zh(way, ['bundle', 'list', '--json', '--data-dir', viewer])).json<{
      bundles: { bundleId: string }[];
    }>().bundles[0]!.bundleId;

    const reportFile = path.join(dir, 'report.html');
    const report = await zh(way, ['report', '--bundle', file, '--out', reportFile]);
    expect(report.code, report.err).toBe(0);
    expect(report.err).toBe(`报告已写入 ${reportFile}\n`);

    const adopted = await zh(way, ['bundle', 'adopt', id, '--data-dir', viewer]);
    expect(adopted.code, adopted.err).toBe(0);
    expect(adopted.out).toContain('已添加 2 台 Hub，0 台已在你的清单中。');
    expect(adopted.out).toMatch(/请确认 Hub \S+ 端口 8443 的证书（站点包记录为 sha256:/);

    const closed = await zh(way, ['bundle', 'close', id, '--data-dir', viewer]);
    expect(closed.err).toBe(`站点包 ${id} 已关闭\n`);
    expect((await zh(way, ['bundle', 'list', '--data-dir', viewer])).out).toBe('没有打开的站点包。\n');
  });

  it('report: its messages in Chinese (the report itself already follows the language)', async () => {
    const noTarget = await zh(way, ['report', '--data-dir', dir]);
    expect(noTarget.code).toBe(2);
    expect(noTarget.err).toContain('请指定报告的 Hub：--site 站点名，或一个或多个 Hub 地址');
    const both = await zh(way, ['report', '--bundle', 'x.json', '--site', 'X']);
    expect(both.err).toContain('报告来源只能是 --bundle 文件或 --site / Hub 地址之一，不能同时使用。');
    const backwards = await zh(way, [
      'report',
      'http://127.0.64.9',
      '--from',
      '2026-12-02',
      '--to',
      '2026-12-01',
      '--data-dir',
      dir,
    ]);
    expect(backwards.err).toContain('--from（2026-12-02T00:00:00.000Z）晚于 --to（2026-12-01T00:00:00.000Z）。');
    const out = path.join(dir, 'r.csv');
    const written = await zh(way, ['report', 'http://127.0.64.9', '--format', 'csv', '--out', out, '--data-dir', dir]);
    expect(written.code, written.err).toBe(0);
    expect(written.err).toBe(`报告已写入 ${out}\n`);
    expect((await readFile(out, 'utf8')).length).toBeGreaterThan(0);
    for (const run of [noTarget, both, backwards, written]) expect(run.err).not.toMatch(ENGLISH_SENTENCE);
  });

  it('watch: header, change lines and the last line in Chinese, states in Magewell’s words', async () => {
    const host = `127.0.64.${way.language ? 4 : 5}`;
    const hub = await startHub({ host, port: 0, scenario: 'idle' });
    hubs.push(hub);
    await makeInventory(dir, { name: '演播室' }, [{ host, port: hub.port, name: '一号机' }]);
    const io = captureIo(false, { HUBKEEPER_PASSWORD: 'Admin', ...way.env }, way.language);
    const stop = new AbortController();
    const running = runWatch(
      [],
      { site: '演播室', dataDir: dir, passwordStdin: false, timeout: 2000, busyInterval: 200, idleInterval: 300 },
      io,
      { stop: stop.signal, columns: 0 },
    );
    await waitFor(() => io.text().includes('首次应答'), 10_000, 'the first answer');
    stop.abort();
    expect(await running).toBe(0);
    const text = io.text();
    expect(text).toContain(`hubkeeper watch：1 台 Hub，数据位于 ${dir}。按 Ctrl-C 停止。\n`);
    expect(text).toContain(`正在监视 一号机（http://${host}:${hub.port}）\n`);
    expect(text).toMatch(/\d\d:\d\d:\d\d {2}一号机 {2}首次应答，状态：空闲，版本 \S+/);
    expect(text).toContain(`已停止；所见的一切都已记录在 ${dir}\n`);
    expect(text).not.toMatch(ENGLISH_SENTENCE);

    const missing = captureIo(false, { ...way.env }, way.language);
    const code = await runWatch([], { site: '无此站点', dataDir: dir, passwordStdin: false, timeout: 2000 }, missing, {
      stop: new AbortController().signal,
      columns: 0,
    });
    expect(code).not.toBe(0);
    expect(missing.errors()).toContain('清单中没有站点“无此站点”（现有站点：“演播室”）。');
  }, 30_000);
});

function captureIo(isTty: boolean, env: Record<string, string>, language: UiLanguage | undefined) {
  let out = '';
  let err = '';
  const io: CliIo & { text: () => string; errors: () => string } = {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    env,
    language,
    stdin: new PassThrough(),
    isTty,
    setExitCode: () => {},
    text: () => out,
    errors: () => err,
  };
  return io;
}
