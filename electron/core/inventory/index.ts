/** The inventory: sites and hubs, persisted atomically, with CSV/JSON import and export. */
export { InventoryStore, INVENTORY_FILE, type InventoryChange, type InventoryStoreOptions } from './inventory-store';
export { parseInventoryCsv, inventoryToCsv } from './inventory-csv';
export { parseInventoryJson, inventoryToJson } from './inventory-json';
export { applyImport, mergeEndpoints } from './merge';
