import type { MenuItemConstructorOptions } from 'electron';
import { translator } from '../core/i18n';
import type { menuEn } from '../shared/i18n/areas/menu';
import type { UiLanguage } from '../shared/language';

/** The part of Electron's `context-menu` params this menu reads. */
export interface ContextParams {
  isEditable: boolean;
  selectionText: string;
  editFlags: {
    canUndo: boolean;
    canRedo: boolean;
    canCut: boolean;
    canCopy: boolean;
    canPaste: boolean;
    canSelectAll: boolean;
  };
}

/**
 * The window's right-click menu: in a text field the usual edit commands; elsewhere "Copy" when
 * something is selected. A table cell marked `data-copy` in the renderer selects its whole value
 * on right-click (renderer/src/lib/copyable.ts), so "Copy" takes the full serial, version,
 * digest or address even when the cell shows it truncated. Null: no menu.
 */
export function contextMenuTemplate(params: ContextParams, language: UiLanguage): MenuItemConstructorOptions[] | null {
  // The Edit menu's own words: one label per command wherever it is offered.
  const words = translator(language);
  const t = (key: keyof typeof menuEn): string => words.t(`menu.${key}`);
  const f = params.editFlags;
  if (params.isEditable)
    return [
      { label: t('undo'), role: 'undo', enabled: f.canUndo },
      { label: t('redo'), role: 'redo', enabled: f.canRedo },
      { type: 'separator' },
      { label: t('cut'), role: 'cut', enabled: f.canCut },
      { label: t('copy'), role: 'copy', enabled: f.canCopy },
      { label: t('paste'), role: 'paste', enabled: f.canPaste },
      { type: 'separator' },
      { label: t('selectAll'), role: 'selectAll', enabled: f.canSelectAll },
    ];
  if (params.selectionText.trim()) return [{ label: t('copy'), role: 'copy' }];
  return null;
}
