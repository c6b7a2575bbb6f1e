/**
 * The simulated Magewell Control Hub: the in-process API tests, benchmarks and the demo CLI use.
 * See test/simulator/README.md.
 */
export { SimulatedHub, startHub } from './hub';
export { startFleet, nthAddress, type Fleet, type FleetOptions } from './fleet';
export { PERMISSION, USER_TYPE, DEFAULT_USERS } from './permissions';
export { CURRENT_CODES, LEGACY_CODES, AUTH_FAILED_36, type ResultCodes } from './result-codes';
export { STATE, SCENARIO_NAMES, FAILED_UPDATE_RESULT, SEED_CHECK_DATE } from './scenarios';
export { DEFAULT_TIMING } from './timing';
export { FAULT_KINDS } from './faults';
export { DEFAULT_VARIANTS, VARIANT_NAMES } from './variants';
export { PUBLISHED, NEWEST_VERSION, PREVIOUS_VERSION, TOTAL_VERSIONS } from './versions';
export { SYSTEM_FLAG } from './handlers/system-status';
export { md5 } from './handlers/auth';
export { fingerprintOf } from './tls-certs';
export { LOGIN_SESSION_FORMS } from './types';
export { UPGRADE_FAILED_CODE, type DeviceUpgradeSpec } from './device-upgrades';
export type {
  Fault,
  HubOptions,
  LoginSessionForm,
  RecordedRequest,
  ResultFamily,
  ScenarioName,
  Timing,
  UserSpec,
  Variants,
} from './types';
