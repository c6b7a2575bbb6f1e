/** Discovery: sweeps, manual add and the machine's subnets. The app, the CLI and the web transport import from here. */
export { sweep, SWEEP_DEFAULTS, type SweepOptions, type SweepOutcome } from './sweep';
export { addManually, type ManualAddOptions } from './manual-add';
export { listLocalSubnets } from './local-subnets';
export { createDiscoveryService } from './discovery-service';
export { parseSweepTarget, parsePorts, MAX_SWEEP_ADDRESSES, DEFAULT_SWEEP_PORTS, MAX_SWEEP_PORTS } from './targets';
export { parseManualEntries, parseManualEntry, canonicalHost, MAX_MANUAL_ENTRIES } from './manual-entries';
