import { app, type Session, type WebContents } from 'electron';
import { isKioskUrl } from '../host/static-path';

/** No camera, microphone, location, notifications, USB, HID, serial…: the kiosk needs none. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/**
 * The UI never leaves app://kiosk: no navigation or redirect elsewhere, in any frame, no new
 * window (links with target=_blank, window.open), no <webview>.
 */
export function lockDownContents(contents: WebContents): void {
  const stayHome = (event: { url: string; preventDefault(): void }) => {
    if (!isKioskUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-frame-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  denyAllPermissions(contents.session);
}

/** Applies the lock-down to every web contents the app ever creates; call before `ready`. */
export function lockDownAllContents(): void {
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
}
