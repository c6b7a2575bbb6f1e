import type { UiLanguage } from '../language';
import { en, type Messages } from './en';
import type { Same } from './same-shape';
import { zhCN } from './zh-CN';

/**
 * The one message catalogue of Hubkeeper, in every UI language: the window (vue-i18n), the
 * native menu, dialogs and notifications of the main process, reports and the CLI's
 * human-readable output all take their words from here (core/i18n/translator.ts outside the
 * window), so a term is translated once and a missing key fails a test for every user of it.
 */
export const MESSAGES: Readonly<Record<UiLanguage, Same<Messages>>> = { en, 'zh-CN': zhCN };
