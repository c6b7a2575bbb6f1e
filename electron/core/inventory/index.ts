/** The inventory: sites and hubs, persisted atomically, with CSV/JSON import and export. */
export { InventoryStore } from './inventory-store';
