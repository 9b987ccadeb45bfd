/**
 * Rules for the session the window uses: no web permission is ever granted (camera, notifications,
 * geolocation, …: the app needs none), and every response carries the app's Content-Security-Policy
 * (Electron security checklist §5 and §7).
 */
import type { Session } from 'electron';
import { withContentSecurityPolicy } from '../app/security/node/content-security-policy';

/** The answer to every permission request: no. */
export function denyPermissionRequest(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

/** The answer to every permission check: no. */
export function denyPermissionCheck(): boolean {
  return false;
}

/** Denies every permission request and check in `session`. */
export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
}

/**
 * Sets `policy` as the Content-Security-Policy header of every response in `session`. Whether Electron
 * runs `onHeadersReceived` for `file://` pages has varied between versions
 * (https://github.com/electron/electron/issues/23485), so the built page should carry the same policy
 * in a `<meta http-equiv>` as well.
 */
export function applyContentSecurityPolicy(session: Pick<Session, 'webRequest'>, policy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) });
  });
}
