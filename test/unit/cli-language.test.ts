import { describe, expect, it } from 'vitest';
import { cliLanguage, cliText, languageFromArgv } from '../../electron/cli/cli-language';

describe('the CLI language', () => {
  it('takes --lang from anywhere before `--`, the last valid one winning, in any letter case', () => {
    expect(languageFromArgv(['status', '--lang', 'zh-cn', 'http://h'])).toBe('zh-CN');
    expect(languageFromArgv(['--lang=en', 'status', '--lang=ZH-CN'])).toBe('zh-CN');
    expect(languageFromArgv(['status', '--', '--lang', 'zh-CN'])).toBeUndefined();
    // An invalid value is the parser's to refuse, not a silent default.
    expect(languageFromArgv(['--lang', 'fr'])).toBeUndefined();
    expect(languageFromArgv(['--lang'])).toBeUndefined();
  });

  it('else follows LC_ALL, LC_MESSAGES, LANG (most specific first), else English', () => {
    expect(cliLanguage({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(cliLanguage({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(cliLanguage({ LC_ALL: 'C', LANG: 'zh_TW.UTF-8' })).toBe('zh-CN');
    expect(cliLanguage({ LANG: 'de_DE.UTF-8' })).toBe('en');
    expect(cliLanguage({})).toBe('en');
  });

  it('gives a command the words of --lang over the environment', () => {
    expect(cliText({ env: { LANG: 'zh_CN.UTF-8' } }).t('menu.file')).toBe('文件');
    expect(cliText({ env: { LANG: 'zh_CN.UTF-8' }, language: 'en' }).t('menu.file')).toBe('File');
  });
});
