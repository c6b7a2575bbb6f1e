import type { UpdateEnded } from '../shared/contract';
import { translator } from '../core/i18n';
import type { UiLanguage } from '../shared/language';

/** The words of a desktop notification for an update that ended (verified, failed, unverified). */
export function updateEndedNotification(
  event: UpdateEnded,
  language: UiLanguage,
): { title: string; body: string } | null {
  const { t } = translator(language);
  const { record } = event;
  // Names and versions come from the hub: parameters, never part of a message's syntax.
  const values = { hub: event.hubName, from: record.from ?? '?', to: record.to ?? '?' };
  switch (record.outcome) {
    case 'verified':
      return { title: t('notifications.verifiedTitle', values), body: t('notifications.verifiedBody', values) };
    case 'failed':
      return {
        title: t('notifications.failedTitle', values),
        body:
          typeof record.updateResult === 'number'
            ? t('notifications.failedBody', { ...values, code: record.updateResult })
            : t('notifications.failedBodyNoCode', values),
      };
    case 'unverified':
      return { title: t('notifications.unverifiedTitle', values), body: t('notifications.unverifiedBody', values) };
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
  language: UiLanguage,
  onClick?: (hubId: string) => void,
): boolean {
  const text = updateEndedNotification(event, language);
  if (!text || !Notification.isSupported()) return false;
  const notification = new Notification({ ...text, silent: false });
  if (onClick) notification.on?.('click', () => onClick(event.hubId));
  notification.show();
  return true;
}
