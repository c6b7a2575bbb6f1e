import { describe, expect, it } from 'vitest';
import { en } from '../../electron/shared/i18n/en';
import { zhCN } from '../../electron/shared/i18n/zh-CN';
import { i18n } from '../../renderer/src/i18n';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

// Vite reads the renderer's own sources as text (no Node APIs in the renderer's type scope).
const sources = import.meta.glob<string>(
  ['../../renderer/src/**/*.ts', '../../renderer/src/**/*.vue', '!../../renderer/src/i18n/**'],
  {
    query: '?raw',
    import: 'default',
    eager: true,
  },
);

const enKeys = leaves(en as unknown as Tree);
const zhKeys = leaves(zhCN as unknown as Tree);

describe('translations', () => {
  it('has every English key in Chinese and no extra ones', () => {
    expect([...zhKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
  });

  it('uses the same parameters in both languages and leaves no text empty', () => {
    // Each parameter once: a plural message names {count} in each of its forms.
    const params = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
    for (const [key, text] of enKeys) {
      const zh = zhKeys.get(key)!;
      expect(text.trim(), key).not.toBe('');
      expect(zh.trim(), key).not.toBe('');
      expect(params(zh), key).toEqual(params(text));
    }
  });

  it('writes the Chinese technical terms as Magewell’s own UI does', () => {
    expect(zhCN.state.downloading).toBe('正在拉取固件');
    expect(zhCN.state.failed).toBe('升级失败');
    expect(zhCN.state.unavailable).toBe('升级服务不可用');
    expect(zhCN.hub.onlineCheck).toBe('在线升级检测');
    expect(zhCN.version.preRelease).toBe('预发布');
  });

  it('compiles every message in both languages without a syntax error', () => {
    const { t } = i18n.global;
    for (const locale of ['en', 'zh-CN'] as const) {
      i18n.global.locale.value = locale;
      for (const key of enKeys.keys()) {
        const out = t(key, { hub: 'H', count: 2, code: 1, time: '09:00' });
        expect(out, `${locale}:${key}`).not.toBe(key);
      }
    }
    i18n.global.locale.value = 'en';
  });

  it('has a message for every literal key the renderer uses', () => {
    const missing: string[] = [];
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    for (const [file, text] of Object.entries(sources)) {
      for (const m of text.matchAll(/\bte?\(\s*'([a-zA-Z][\w.-]*)'/g))
        if (!enKeys.has(m[1]!)) missing.push(`${file}: ${m[1]}`);
      for (const m of text.matchAll(/(?:label|key): '([a-z][\w.]*\.[\w.]+)'/g))
        if (!enKeys.has(m[1]!)) missing.push(`${file}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });

  it('says "1 hub" and "3 hubs": every English count of things has both forms, Chinese one', () => {
    const { t } = i18n.global;
    // English messages that count something by {count} next to a noun say it in two forms.
    const counted = [...enKeys].filter(
      ([, text]) =>
        /\{count\} (?!(?:of|behind|offline|online|with|selected|up|failed|verified)\b)[a-z]/.test(text) ||
        /\{count\}\)$/.test(text),
    );
    for (const [key, text] of counted) {
      if (/^(discovery\.addSelected|report\.allHubs)$/.test(key)) continue; // "Add 3 selected", "All hubs (3)": no noun to inflect
      expect(text.split(' | '), key).toHaveLength(2);
      expect(zhKeys.get(key)!.includes(' | '), key).toBe(false);
    }
    expect(t('fleet.summary.all', { count: 1 })).toBe('hub');
    expect(t('fleet.summary.all', { count: 0 })).toBe('hubs');
    expect(t('fleet.summary.all', { count: 12 })).toBe('hubs');
    expect(t('discovery.addedCount', { count: 1, existing: 0 })).toBe('Added 1 hub (0 already known).');
    expect(t('lineErrors.title', { count: 3 })).toBe('3 lines could not be used:');
    expect(t('login.someFailed', { count: 1 })).toBe('Login failed on 1 hub:');
    i18n.global.locale.value = 'zh-CN';
    expect(t('fleet.summary.all', { count: 1 })).toBe('台 Hub');
    expect(t('discovery.addedCount', { count: 2, existing: 1 })).toBe('已添加 2 台 Hub（1 台已存在）。');
    i18n.global.locale.value = 'en';
  });
});
