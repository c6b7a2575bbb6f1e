import { describe, expect, it } from 'vitest';
import { translator } from '../../electron/core/i18n';
import { MESSAGES } from '../../electron/shared/i18n/catalogue';
import type { MessageKey } from '../../electron/shared/i18n/keys';
import { UI_LANGUAGES } from '../../electron/shared/language';

type Tree = { [key: string]: string | Tree };
const keysOf = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keysOf(v, `${prefix}${k}.`)));

describe('the translator of the main process and the CLI', () => {
  it('speaks every message of the catalogue in every language, never the bare key', () => {
    const keys = keysOf(MESSAGES.en as unknown as Tree);
    expect(keys.length).toBeGreaterThan(500);
    for (const language of UI_LANGUAGES) {
      const { t } = translator(language);
      for (const key of keys) {
        const text = t(key as MessageKey, { hub: 'H', count: 2, code: 1, time: '09:00' });
        expect(text, `${language}:${key}`).not.toBe(key);
        expect(text.trim(), `${language}:${key}`).not.toBe('');
      }
    }
  });

  it('reads the menu in the language asked for', () => {
    expect(translator('en').t('menu.file')).toBe('File');
    expect(translator('zh-CN').t('menu.file')).toBe('文件');
  });

  it('picks the plural form from {count} like the window does: English two forms, Chinese one', () => {
    const en = translator('en');
    expect(en.t('discovery.addedCount', { count: 1, existing: 0 })).toBe('Added 1 hub (0 already known).');
    expect(en.t('lineErrors.title', { count: 3 })).toBe('3 lines could not be used:');
    expect(translator('zh-CN').t('discovery.addedCount', { count: 2, existing: 1 })).toBe(
      '已添加 2 台 Hub（1 台已存在）。',
    );
  });

  it('fills parameters in as text: a hub name with braces or an at sign is not read as syntax', () => {
    const text = translator('en').t('pageTitle.full', { page: 'Hub {x} @:menu.file |' });
    expect(text).toBe('Hub {x} @:menu.file | — Hubkeeper');
  });
});
