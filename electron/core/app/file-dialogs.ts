import type { FileDialog, FileFilter } from './ports';

type SavedFormat = 'csv' | 'json' | 'html';

const FORMAT_FILTERS: Record<SavedFormat | 'pdf', FileFilter> = {
  csv: { name: 'dialogs.files.csvFiles', extensions: ['csv'] },
  json: { name: 'dialogs.files.jsonFiles', extensions: ['json'] },
  html: { name: 'dialogs.files.htmlFiles', extensions: ['html'] },
  pdf: { name: 'dialogs.files.pdfFiles', extensions: ['pdf'] },
};

/**
 * Every open and save dialog core asks the host for: what it is titled and which files it
 * offers, as catalogue keys (`dialogs.files.*`) the host words in the UI language.
 */
export const FILE_DIALOGS = {
  importInventory: {
    title: 'dialogs.files.importInventory',
    filters: [
      { name: 'dialogs.files.inventoryFiles', extensions: ['csv', 'json'] },
      { name: 'dialogs.files.allFiles', extensions: ['*'] },
    ],
  },
  exportInventory: (format: 'csv' | 'json'): FileDialog => ({
    title: 'dialogs.files.exportInventory',
    filters: [FORMAT_FILTERS[format]],
  }),
  openBundle: {
    title: 'dialogs.files.openBundle',
    filters: [{ name: 'dialogs.files.bundleFiles', extensions: ['json'] }],
  },
  exportBundle: {
    title: 'dialogs.files.exportBundle',
    filters: [{ name: 'dialogs.files.bundleFiles', extensions: ['json'] }],
  },
  saveReport: (format: SavedFormat): FileDialog => ({
    title: 'dialogs.files.saveReport',
    filters: [FORMAT_FILTERS[format]],
  }),
  savePdf: { title: 'dialogs.files.savePdf', filters: [FORMAT_FILTERS.pdf] },
} satisfies Record<string, FileDialog | ((format: never) => FileDialog)>;
