export { DeviceReader } from './device-reader';
export { poolDeviceSource } from './pool-device-source';
