import type { UpdateEnded } from '../shared/contract';

type Language = 'en' | 'zh-CN';

/** The words of a desktop notification for an update that ended (verified, failed, unverified). */
export function updateEndedNotification(
  event: UpdateEnded,
  language: Language,
): { title: string; body: string } | null {
  const { record, hubName } = event;
  const from = record.from ?? '?';
  const to = record.to ?? '?';
  const zh = language === 'zh-CN';
  switch (record.outcome) {
    case 'verified':
      return zh
        ? { title: `${hubName}：升级已确认`, body: `已从 ${from} 升级到 ${to}。` }
        : { title: `${hubName}: update verified`, body: `Now running ${to} (was ${from}).` };
    case 'failed':
      return zh
        ? { title: `${hubName}：升级失败`, body: `错误码 ${record.updateResult ?? '未知'}，仍为 ${from}。` }
        : {
            title: `${hubName}: update failed`,
            body: `The hub reported error ${record.updateResult ?? 'unknown'}; still on ${from}.`,
          };
    case 'unverified':
      return zh
        ? { title: `${hubName}：升级未确认`, body: `未能确认新版本（当前 ${to}）。请检查该 Hub。` }
        : {
            title: `${hubName}: update not verified`,
            body: `The new version could not be confirmed (read: ${to}). Check the hub.`,
          };
    default:
      return null;
  }
}

export interface NotificationLike {
  show(): void;
  on?(event: 'click', listener: () => void): unknown;
}
export interface NotificationFactory {
  isSupported(): boolean;
  new (options: { title: string; body: string; silent?: boolean }): NotificationLike;
}

/** Shows the notification; a click on it calls `onClick` with the hub (main focuses the window there). */
export function notifyUpdateEnded(
  Notification: NotificationFactory,
  event: UpdateEnded,
  language: Language,
  onClick?: (hubId: string) => void,
): boolean {
  const text = updateEndedNotification(event, language);
  if (!text || !Notification.isSupported()) return false;
  const notification = new Notification({ ...text, silent: false });
  if (onClick) notification.on?.('click', () => onClick(event.hubId));
  notification.show();
  return true;
}
