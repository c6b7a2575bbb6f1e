import type { UserSpec } from './types';

/**
 * Permission bits of a user's 32-bit mask. Magewell does not publish the bit values; the
 * simulator fixes these so tests can build a viewer that lacks exactly one right.
 */
export const PERMISSION = Object.freeze({
  VIEW_SYSTEM_CONFIG: 0x1,
  DEVICE_VIEW: 0x2,
  EDIT_SYSTEM_CONFIG: 0x4,
  DEVICE_MANAGE: 0x8,
  ALL: 0xffffffff,
});

export const USER_TYPE = Object.freeze({ ADMIN: 1, USER: 2, VIEWER: 4, CUSTOM: 8 });

export const DEFAULT_USERS: readonly UserSpec[] = Object.freeze([
  { name: 'Admin', password: 'Admin', type: USER_TYPE.ADMIN, permission: PERMISSION.ALL, groupName: 'Admin', id: 1 },
]);

export function hasPermission(mask: number, bit: number): boolean {
  return ((mask >>> 0) & bit) === bit;
}
