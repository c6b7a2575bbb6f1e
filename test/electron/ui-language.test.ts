import { describe, expect, it } from 'vitest';
import { mainLanguage } from '../../electron/main/ui-language';
import type { LanguageChoice } from '../../electron/shared/language';

describe("main's one language", () => {
  it('speaks the system language until it follows the setting, then the setting, read at each use', () => {
    let system = ['zh-Hans-CN', 'en-US'];
    const language = mainLanguage(() => system);
    expect(language.current()).toBe('zh-CN'); // before the settings are read (a failed start)
    let setting: LanguageChoice = 'en';
    language.follow(() => setting);
    expect(language.current()).toBe('en');
    setting = 'system';
    expect(language.current()).toBe('zh-CN');
    system = ['de-DE', 'en-GB'];
    expect(language.current()).toBe('en'); // nothing spoken in the list: English
    setting = 'zh-CN';
    expect(language.current()).toBe('zh-CN');
  });
});
