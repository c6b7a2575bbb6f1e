// Child process for inventory-parallel.test.ts: imports its own hubs into a shared data folder
// through the real InventoryStore. It waits for "go" on stdin so that every writer starts at the
// same moment, then imports IMPORTS small CSV files one after another and prints "done".
import { InventoryStore } from '../../electron/core/inventory/inventory-store';

const [dataDir, writerId, imports] = process.argv.slice(2);
if (!dataDir || !writerId || !imports) throw new Error('usage: inventory-parallel-writer <data-dir> <id> <imports>');

async function main(): Promise<void> {
  const opened = await InventoryStore.open(dataDir!);
  if (!opened.ok) throw new Error(opened.error.message);
  const store = opened.value;
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  for (let n = 0; n < Number(imports); n += 1) {
    const csv = `site,name,address,http_port\nWriter ${writerId},w${writerId}-${n},127.9.${writerId}.${n + 1},80\n`;
    const report = await store.importText(csv, 'csv');
    if (!report.ok) throw new Error(report.error.message);
    if (report.value.added !== 1) throw new Error(`expected 1 hub added, got ${JSON.stringify(report.value)}`);
  }
  process.stdout.write('done\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
