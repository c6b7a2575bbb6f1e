// The layer rules of ARCHITECTURE.md ("Layers") as data: which layer may import what, the order
// of the modules inside electron/core, and what electron/shared may not touch at run time.
// scripts/check-boundaries.mjs applies them; change them here and in ARCHITECTURE.md together.

/** The top-level layers, by folder. A file belongs to the first one its path starts with. */
export const LAYERS = [
  'electron/core',
  'electron/shared',
  'electron/main',
  'electron/preload',
  'electron/cli',
  'electron/web',
  'renderer',
];

/**
 * The UI libraries the renderer is built on. Anything else is either Node-only, belongs in core
 * behind the contract, or is a new dependency that should be added here on purpose.
 */
const RENDERER_PACKAGES = ['vue', 'pinia', 'vue-i18n', '@tanstack/vue-virtual'];

/**
 * For each layer: which layers it may import, and whether Node built-ins, `electron` and npm
 * packages are allowed (`true` for any package, else the list of allowed ones).
 */
export const RULES = {
  'electron/core': { layers: ['electron/core', 'electron/shared'], node: true, electron: false, packages: true },
  'electron/shared': { layers: ['electron/shared'], node: false, electron: false, packages: ['zod'] },
  'electron/main': {
    layers: ['electron/main', 'electron/core', 'electron/shared'],
    node: true,
    electron: true,
    packages: true,
  },
  'electron/preload': {
    layers: ['electron/preload', 'electron/shared'],
    node: false,
    electron: true,
    packages: ['zod'],
  },
  'electron/cli': {
    layers: ['electron/cli', 'electron/core', 'electron/shared'],
    node: true,
    electron: false,
    packages: true,
  },
  'electron/web': {
    layers: ['electron/web', 'electron/core', 'electron/shared'],
    node: true,
    electron: false,
    packages: true,
  },
  renderer: { layers: ['renderer', 'electron/shared'], node: false, electron: false, packages: RENDERER_PACKAGES },
};

/**
 * The layers inside electron/core, lowest first. A core module (a folder of electron/core; `.`
 * stands for the files directly in electron/core) may import its own files and the modules of
 * LOWER layers only: never a layer above, and never a sibling of its own layer, so the modules
 * of one layer stay independent and core has no import cycles between modules. A port that a
 * lower module implements lives beside it (e.g. inventory/inventory-port.ts), not in app/.
 * A new folder of electron/core must be placed here, or the check fails and says so.
 */
export const CORE_LAYERS = [
  // Plain helpers with no hub knowledge: time budgets, ISO time, CSV formula guard, the data
  // folder's files and locks, the renderer's static files, the message catalogue's translator.
  ['.', 'data-folder', 'static', 'i18n'],
  // The log sink's interface, log lines, their redaction and rotation (everything above logs).
  ['logging'],
  // Talking to one hub; folding update records (pure).
  ['hub', 'tracking'],
  // Services over hubs and files: sessions, discovery sweeps, the hub store, site visits.
  ['sessions', 'discovery', 'store', 'visits'],
  // Built on those: the inventory (checks addresses like discovery), the monitor (sessions +
  // store + tracking), reports (read the store), device lists (sessions + store).
  ['inventory', 'monitor', 'report', 'devices'],
  // Offline review bundles: a site's inventory, store and report inputs in one file.
  ['bundles'],
  // The app: composition root, dispatcher, handlers and the port adapters.
  ['app'],
];

/**
 * Globals electron/shared may not use: shared runs unchanged in Node (core, CLI), the sandboxed
 * preload and the page, so it can rely only on what ECMAScript gives all three.
 */
export const NODE_GLOBALS = [
  'process',
  'Buffer',
  'global',
  'require',
  'module',
  '__dirname',
  '__filename',
  'setImmediate',
  'clearImmediate',
];
export const DOM_GLOBALS = [
  'window',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'self',
  'alert',
  'HTMLElement',
  'customElements',
];
