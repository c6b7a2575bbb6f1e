/** Discovery: sweeps, manual add and the machine's subnets. The app, the CLI and the web transport import from here. */
export { SWEEP_DEFAULTS } from './sweep';
export { createDiscoveryService } from './discovery-service';
export { parsePorts, DEFAULT_SWEEP_PORTS } from './targets';
