/**
 * The simulated Magewell Control Hub: the in-process API tests, benchmarks and the demo CLI use.
 * See test/simulator/README.md.
 */
export { SimulatedHub, startHub } from './hub';
export { startFleet, nthAddress, type Fleet } from './fleet';
export { PERMISSION, USER_TYPE } from './permissions';
export { CURRENT_CODES, LEGACY_CODES } from './result-codes';
export { SCENARIO_NAMES } from './scenarios';
export { DEFAULT_TIMING } from './timing';
export { FAULT_KINDS } from './faults';
export { VARIANT_NAMES } from './variants';
export { PUBLISHED } from './versions';
export { fingerprintOf } from './tls-certs';
export { LOGIN_SESSION_FORMS } from './types';
export { UPGRADE_FAILED_CODE } from './device-upgrades';
export type { Fault, HubOptions, LoginSessionForm, ResultFamily, ScenarioName, Timing, Variants } from './types';
