import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { cliError } from '../../electron/cli/cli-words';
import { warnDamaged } from '../../electron/cli/damage-warning';
import type { CliIo } from '../../electron/cli/io';
import { renderDevices } from '../../electron/cli/devices-output';
import { errorLine, formatColumns, formatTable } from '../../electron/cli/output';
import { describeState, renderHistory } from '../../electron/cli/status-text';
import { translator } from '../../electron/core/i18n';
import type { ManagedDevice } from '../../electron/shared/devices';
import { decodeState } from '../../electron/shared/update-state';

/** Issue 14: the CLI's tables line up and its words are Chinese when the run is (--lang / LANG). */

const zh = translator('zh-CN');
const en = translator('en');

/** The terminal column where `needle` starts on `line` (CJK characters take two cells). */
const cellOf = (line: string, needle: string): number => stringWidth(line.slice(0, line.indexOf(needle)));

describe('CLI tables with Chinese text', () => {
  it('line up columns by terminal cells, not by UTF-16 units', () => {
    const text = formatColumns([
      ['序列号', '名称', '固件'],
      ['A1', '舞台左侧编码器', '1.2.3'],
      ['LONGSERIAL01', 'x', '1.2.4'],
    ]);
    const [head, first, second] = text.split('\n') as [string, string, string];
    expect(cellOf(first, '舞台')).toBe(cellOf(head, '名称'));
    expect(cellOf(second, 'x')).toBe(cellOf(head, '名称'));
    expect(cellOf(first, '1.2.3')).toBe(cellOf(head, '固件'));
    expect(cellOf(second, '1.2.4')).toBe(cellOf(head, '固件'));
    // The widest cell of a column is followed by exactly two blanks.
    expect(first).toContain('舞台左侧编码器  1.2.3');
  });

  it('pad two-column table labels by terminal cells', () => {
    const text = formatTable([
      ['Hub', 'http://127.0.0.1'],
      ['已安装版本', '2.1.28'],
      ['状态', '空闲（0x0）'],
    ]);
    const lines = text.split('\n');
    const starts = lines.map((l, i) => cellOf(l, ['http', '2.1.28', '空闲'][i]!));
    expect(new Set(starts)).toEqual(new Set([stringWidth('已安装版本') + 2]));
  });
});

describe('CLI words in Chinese', () => {
  it('names states with the window’s words (state.*), unknown bits kept visible', () => {
    expect(describeState(decodeState(0x84), zh)).toBe('正在拉取固件 + 未知状态位 0x80（0x84）');
    expect(describeState(decodeState(0x2), zh)).toBe('正在检查在线版本（0x2）');
    expect(describeState(decodeState(0x80), zh)).toBe('未知状态（0x80）');
    // English keeps the hub's own names, as --json spells them.
    expect(describeState(decodeState(0x84), en)).toBe('downloading + unknown bits 0x80 (0x84)');
  });

  it('renders a version history with Chinese headers, aligned', () => {
    const text = renderHistory(
      'http://127.0.0.1:8080',
      {
        start: 0,
        total: 3,
        entries: [
          { version: '2.1.28', releasedAt: '2023-09-11T02:54:31Z', preRelease: true, digest: 'ab'.repeat(32) },
          { version: '2.1.27', releasedAt: null, preRelease: false, digest: null },
        ],
      },
      zh,
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe('http://127.0.0.1:8080：已发布的版本 #0–#1，共 3 个，最新的在前');
    expect(lines[1]).toMatch(/^# +版本 +发布日期 +预发布 +SHA-256$/);
    expect(cellOf(lines[2]!, '是')).toBe(cellOf(lines[1]!, '预发布'));
    expect(cellOf(lines[3]!, '否')).toBe(cellOf(lines[1]!, '预发布'));
    expect(lines[4]).toBe('Hub 只提供了 3 个版本中的 2 个。');
  });

  it('renders devices with Chinese column names whose cells line up', () => {
    const device = (serial: string, name: string, fw: string): ManagedDevice =>
      ({
        serial,
        name,
        model: 'Ultra Encode',
        firmwareVersion: fw,
        hardwareVersion: 'A',
        online: true,
        warnings: 0,
        upgrade: null,
      }) as unknown as ManagedDevice;
    const text = renderDevices(
      'http://h',
      '2024-05-02T09:00:00Z',
      [device('S1', '舞台', '1.0'), device('S2', 'b', '1.1')],
      zh,
    );
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^http:\/\/h：2 台设备，截至 2024-05-02 /);
    const head = lines[2]!;
    expect(head).toMatch(/^序列号 +名称 +型号 +固件 +硬件 +在线 +警告 +升级$/);
    expect(cellOf(lines[3]!, 'Ultra')).toBe(cellOf(head, '型号'));
    expect(cellOf(lines[4]!, 'Ultra')).toBe(cellOf(head, '型号'));
    expect(cellOf(lines[3]!, '是')).toBe(cellOf(head, '在线'));
    expect(text).toContain('1.0（落后）');
    expect(text).toContain('  Ultra Encode：1.1 ×1，1.0 ×1（1 台落后）');
  });
});

describe('CLI error lines', () => {
  const wrongPassword = {
    code: 'AUTH_FAILED' as const,
    hubCode: 39,
    message: 'The hub refused the password for user "Admin" (hub code 39 for the login).',
  };

  it('in English stay as they were: the message, the hub named, the code once', () => {
    expect(errorLine(en, wrongPassword, 'http://h')).toBe(
      'error AUTH_FAILED: http://h: The hub refused the password for user "Admin" (hub code 39 for the login).',
    );
    expect(errorLine(en, { code: 'HUB_ERROR', hubCode: 11, message: 'Busy.' })).toBe(
      'error HUB_ERROR (hub code 11): Busy.',
    );
  });

  it('in Chinese lead with the window’s words for the code and the hub result, the English message after', () => {
    expect(errorLine(zh, wrongPassword, 'http://h')).toBe(
      '错误 AUTH_FAILED：用户名或密码错误（Hub 错误码 39：密码错误）。详情：http://h：The hub refused the password for user "Admin" (hub code 39 for the login).',
    );
    expect(errorLine(zh, { code: 'HUB_ERROR', hubCode: 12345, message: 'x' })).toBe(
      '错误 HUB_ERROR：Hub 返回错误（Hub 错误码 12345）。详情：x',
    );
  });

  it('say errors the CLI made itself in the run’s language, keeping English for --json', () => {
    const error = cliError('NOT_FOUND', { key: 'cliHub.devices.noSite', params: { site: 'Acme' } });
    expect(error.message).toBe('There is no site "Acme" in the inventory.');
    expect(errorLine(zh, error)).toBe('错误 NOT_FOUND：清单中没有站点“Acme”。');
    expect(errorLine(en, error)).toBe('error NOT_FOUND: There is no site "Acme" in the inventory.');
  });

  it('stay on one line in any language', () => {
    const forged = { code: 'PROTOCOL' as const, hubCode: null, message: 'bad\nerror FORGED' };
    expect(errorLine(zh, forged)).not.toContain('\n');
    expect(errorLine(en, forged)).toBe('error PROTOCOL: bad\\x0aerror FORGED');
  });
});

describe('data-folder warnings', () => {
  it('a damaged file kept aside is said in the language of LANG', () => {
    let err = '';
    const io = { err: (s: string) => void (err += s), env: { LANG: 'zh_CN.UTF-8' } } as unknown as CliIo;
    warnDamaged(io)({
      file: '/d/hubs.json',
      reason: 'not JSON',
      movedTo: '/d/hubs.json.damaged',
      at: '2024-05-02T09:00:00Z',
    });
    expect(err).toBe(
      'hubkeeper：警告：/d/hubs.json 已损坏（not JSON）；已另存为 /d/hubs.json.damaged，Hubkeeper 在没有它的情况下继续运行。\n',
    );
  });
});
