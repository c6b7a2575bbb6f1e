/** Discovery: sweeps, manual add and the machine's subnets. The app, the CLI and the web transport import from here. */
export { sweep, SWEEP_DEFAULTS } from './sweep';
export { addManually } from './manual-add';
export { listLocalSubnets } from './local-subnets';
export { createDiscoveryService } from './discovery-service';
export { parseSweepTarget, parsePorts, DEFAULT_SWEEP_PORTS } from './targets';
