import type { Session, WebContents } from 'electron';
import { isAppEntryUrl } from './app-url';

/**
 * Belt and braces for every webContents and for the renderer's session. The renderer only ever
 * shows our own index.html and never needs the network, a new window, a <webview>, a device or
 * a permission, so each of those is refused outright; a refusal is logged so a broken feature
 * is visible rather than silent.
 */

export interface GuardLog {
  warn(message: string, detail?: Record<string, unknown>): void;
}

/** Navigation away from our entry page (links, location changes, redirects) is prevented. */
export function installNavigationGuards(contents: WebContents, log: GuardLog): void {
  const guard = (event: { preventDefault(): void }, url: string): void => {
    if (isAppEntryUrl(url)) return;
    event.preventDefault();
    log.warn('navigation blocked', { url: url.slice(0, 200) });
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame || !isAppEntryUrl(event.url)) {
      event.preventDefault();
      log.warn('frame navigation blocked', { url: event.url.slice(0, 200) });
    }
  });
  installContentsGuards(contents, log);
}

/**
 * For every webContents the app creates (installed from `web-contents-created`): no new windows,
 * no <webview>. Links are never handed to the OS from here either: the only external URLs we
 * open are hub web interfaces main builds itself (core/app hubWebUiUrl → host.openExternal).
 */
export function installContentsGuards(contents: WebContents, log: GuardLog): void {
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('window.open denied', { url: url.slice(0, 200) });
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('webview attach prevented');
  });
}

/** Schemes the renderer session may not load at all: we do every network request in Node. */
export const BLOCKED_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*', 'file://*/*'];

export function installSessionGuards(ses: Session, log: GuardLog): void {
  // Without these two handlers Electron grants every permission request by default.
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn('permission request denied', { permission });
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest({ urls: BLOCKED_URL_PATTERNS }, (details, callback) => {
    log.warn('network request from the renderer blocked', { url: details.url.slice(0, 200) });
    callback({ cancel: true });
  });
  ses.setSpellCheckerEnabled(false);
}
