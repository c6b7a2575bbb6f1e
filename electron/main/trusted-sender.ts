import type { WebContents, WebFrameMain } from 'electron';
import { isAppEntryUrl } from './app-url';

/** The parts of an IpcMainInvokeEvent the check looks at (so tests can build one). */
export interface SenderEvent {
  sender: Pick<WebContents, 'mainFrame'>;
  senderFrame: Pick<WebFrameMain, 'url'> | null;
}

/**
 * Checklist #17: any frame could send IPC. Trusted only when the message comes from the main
 * frame (not an iframe) of the webContents of OUR window (not another window, not DevTools),
 * currently showing our own entry URL.
 */
export function isTrustedSender(event: SenderEvent, ourContents: WebContents | null): boolean {
  if (!ourContents || event.sender !== ourContents) return false;
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  return isAppEntryUrl(frame.url);
}
