import type { Same } from '../same-shape';

/**
 * Desktop notifications of the main process (electron/main/notifications.ts): an update on a hub
 * ended. The outcomes use the window's words (`outcome.word.*`: verified 已验证, failed 失败).
 */
export const notificationsEn = {
  verifiedTitle: '{hub}: update verified',
  verifiedBody: 'Now running {to} (was {from}).',
  failedTitle: '{hub}: update failed',
  failedBody: 'The hub reported error {code}; still on {from}.',
  failedBodyNoCode: 'The update failed; still on {from}.',
  unverifiedTitle: '{hub}: update not verified',
  unverifiedBody: 'The new version could not be confirmed (read: {to}). Check the hub.',
};

export const notificationsZh: Same<typeof notificationsEn> = {
  verifiedTitle: '{hub}：升级已验证',
  verifiedBody: '已从 {from} 升级到 {to}。',
  failedTitle: '{hub}：升级失败',
  failedBody: 'Hub 报告错误码 {code}，仍为 {from}。',
  failedBodyNoCode: '升级失败，仍为 {from}。',
  unverifiedTitle: '{hub}：升级未能验证',
  unverifiedBody: '未能确认新版本（读到 {to}）。请检查该 Hub。',
};
