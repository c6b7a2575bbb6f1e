import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { clip, describeChange, describeEvent, fit, freshnessText, frame, hubLine } from '../../electron/cli/watch-view';
import { translator } from '../../electron/core/i18n';
import { live } from './tracking-fixtures';

// `hubkeeper watch` in Chinese: the window's words for states and outcomes (Magewell's terms),
// columns aligned by display width (a Chinese character takes two terminal columns).
const zh = translator('zh-CN');
const downloading = { code: 4, hex: '0x4', names: ['downloading' as const], unknownBits: 0 };

describe('watch view in Chinese', () => {
  it('names the state as the window does and keeps the progress bar', () => {
    const line = hubLine(
      { hubId: 'h', name: '一号机', url: 'http://127.0.0.2' },
      live('h', { state: downloading, progress: 40 }),
      8,
      zh,
    );
    expect(line).toMatch(
      /^一号机\s+正在拉取固件 40%\s+实时 \d\d:\d\d:\d\d\s+2\.1\.27\s+\[########------------\] {2}40%$/,
    );
    expect(freshnessText(live('h', { stale: true }), zh)).toMatch(/^数据过期，数据时间 \d\d:\d\d:\d\d$/);
    expect(freshnessText(live('h', { offline: true }), zh)).toMatch(/^离线，最后应答/);
    expect(
      freshnessText(
        live('h', { blockedBy: 'CERT_CHANGED', error: { code: 'CERT_CHANGED', hubCode: null, message: 'x' } }),
        zh,
      ),
    ).toBe('已停止：Hub 的证书已变更（x）');
  });

  it('tells update outcomes and events in the window’s words, without English', () => {
    const failed = live('h', {
      update: { from: '2.1.27', to: null, outcome: 'failed', startedAt: 'x', endedAt: 'y', updateResult: 11 },
    });
    expect(hubLine({ hubId: 'h', name: 'A', url: 'u' }, failed, 8, zh)).toMatch(/上次升级：失败（Hub 结果 11）$/);
    expect(
      describeEvent(
        { at: 'x', type: 'update-finished', outcome: 'unverified', reason: 'not-back', to: null, updateResult: null },
        zh,
      ),
    ).toBe('升级未能验证（未在规定时间内恢复）');
    expect(describeEvent({ at: 'x', type: 'hub-offline', code: 'TIMEOUT', message: 'm' }, zh)).toBe(
      'Hub 离线（Hub 未及时响应）',
    );
    expect(
      describeChange(
        {
          hubId: 'h',
          at: 'x',
          changes: { lastSuccessAt: 'y', state: { code: 0, hex: '0x0', names: ['idle'], unknownBits: 0 } },
        },
        live('h', { lastSuccessAt: null }),
        zh,
      ),
    ).toBe('首次应答，状态：空闲');
  });

  it('pads and clips by display width, so Chinese names keep the columns aligned', () => {
    expect(fit('一号机', 8)).toBe('一号机  ');
    expect(stringWidth(fit('很长很长的名字', 8))).toBe(8);
    const states = new Map([
      ['a', live('a')],
      ['b', live('b')],
    ]);
    const lines = frame(
      [
        { hubId: 'a', name: '一号机', url: 'u' },
        { hubId: 'b', name: 'Hub-12', url: 'u' },
      ],
      states,
      'h',
      zh,
    ).slice(1);
    // The state column starts at the same terminal column on both lines.
    const stateColumn = (l: string) => stringWidth(l.slice(0, l.indexOf('空闲')));
    expect(stateColumn(lines[0]!)).toBe(stateColumn(lines[1]!));
    expect(stringWidth(clip('升级'.repeat(50), 40))).toBeLessThanOrEqual(39);
  });
});
