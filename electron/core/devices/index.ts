export { DeviceReader, type DeviceReadConfig, type DeviceReaderDeps } from './device-reader';
export type { DevicesPort } from './devices-port';
export { poolDeviceSource } from './pool-device-source';
export { readAllDevices, type AllDevices, type FetchDevicePage } from './read-all-devices';
