import { InventoryStore } from '../../electron/core/inventory/inventory-store';

/**
 * Child process for inventory-store.test.ts: writes the inventory of the folder given as the
 * first argument as fast as it can, with a large document, until it is killed. Prints "writing"
 * once the first change is saved, so the parent kills it while writes are under way.
 */
const dir = process.argv[2];
if (!dir) throw new Error('usage: inventory-kill-writer <data-dir>');
const opened = await InventoryStore.open(dir);
if (!opened.ok) throw new Error(opened.error.message);
const store = opened.value;
const rows = Array.from(
  { length: 400 },
  (_, i) => `Site ${i % 7},10.${(i >> 8) & 255}.${i & 255}.1,80,443,${'note '.repeat(20)}${i}`,
);
let round = 0;
for (;;) {
  round += 1;
  const csv = ['site,address,http_port,https_port,notes', ...rows.map((r) => `${r} round ${round}`)].join('\n');
  const imported = await store.importText(csv, 'csv');
  if (!imported.ok) throw new Error(imported.error.message);
  if (round === 1) console.log('writing');
}
