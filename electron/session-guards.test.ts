import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../app/security/node/content-security-policy';
import { createFakeElectron } from './test-support/fake-electron';
import { applyContentSecurityPolicy, denyAllPermissions, denyPermissionCheck, denyPermissionRequest } from './session-guards';

describe('permissions', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'])('denies a %s request', (permission) => {
    const callback = vi.fn();
    denyPermissionRequest({}, permission, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('answers every check with no', () => {
    expect(denyPermissionCheck()).toBe(false);
  });

  it('installs both handlers on the session', () => {
    const { modules, sessionHandlers } = createFakeElectron();
    denyAllPermissions(modules.session.defaultSession);
    const callback = vi.fn();
    sessionHandlers.permissionRequest?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    expect(sessionHandlers.permissionCheck?.(null, 'notifications', 'file://', {})).toBe(false);
  });
});

describe('applyContentSecurityPolicy', () => {
  it('sets the policy header on every response', () => {
    const { modules, sessionHandlers } = createFakeElectron();
    applyContentSecurityPolicy(modules.session.defaultSession, CONTENT_SECURITY_POLICY);
    const callback = vi.fn();
    sessionHandlers.headersReceived?.({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
});
