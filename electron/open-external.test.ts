import { catalogueLinks } from '../app/diagnosis/common/diagnosis-catalogue';
import { PRESETS } from '../app/accounts/common/presets';
import { describe, expect, it, vi } from 'vitest';
import { EXTERNAL_HOSTS, isAllowedExternalUrl, openExternalSafely } from './open-external';

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://myaccount.google.com/apppasswords',
    'https://support.google.com/mail/answer/185833?hl=ko',
    'https://accounts.google.com/',
    'https://help.naver.com/service/5632/contents/19022?lang=ko',
    'https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission',
    'https://nodemailer.com/smtp/#authentication',
    'https://SUPPORT.GOOGLE.COM/mail', // host names are case-insensitive
    'https://support.google.com:443/mail', // the default port, written out
    // Google's authorization URL from a Desktop-app client JSON, as the OAuth consent opens it.
    'https://accounts.google.com/o/oauth2/v2/auth?client_id=1-x.apps.googleusercontent.com&redirect_uri=http%3A%2F%2F127.0.0.1%3A53682&response_type=code&scope=https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fgmail.send+openid+email&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=abc',
    'https://accounts.google.com/o/oauth2/auth?client_id=x',
  ])('accepts %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    ['plain http', 'http://support.google.com/mail'],
    ['javascript:', 'javascript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['a custom scheme', 'ms-msdt:/id PCWDiagnostic'],
    ['a look-alike suffix', 'https://support.google.com.evil.test/mail'],
    ['a look-alike prefix', 'https://evilsupport.google.com/'],
    ['a subdomain of an allowed host', 'https://x.support.google.com/'],
    ['a host not on the list', 'https://google.com/'],
    ['user info before the host', 'https://user@support.google.com/'],
    ['user and password', 'https://user:pass@support.google.com/'],
    ['an allowed host as user info', 'https://support.google.com@evil.test/'],
    ['another port', 'https://support.google.com:8443/'],
    ['a trailing-dot host', 'https://support.google.com./'],
    ['a punycode look-alike', 'https://suppοrt.google.com/'], // Greek omicron
    ['not a URL', 'support.google.com/mail'],
    ['an authorization URL on a loopback fake', 'http://127.0.0.1:5000/o/oauth2/v2/auth?client_id=x'],
    ['an empty string', ''],
  ])('refuses %s', (_what, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('holds bare host names only (no wildcard, scheme or port), each of which opens', () => {
    for (const host of EXTERNAL_HOSTS) {
      expect(host).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
      expect(isAllowedExternalUrl(`https://${host}/`)).toBe(true);
    }
  });
});

describe('openExternalSafely', () => {
  it('opens an allowed URL, in its normalised form', async () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    await expect(openExternalSafely(shell, 'https://MyAccount.Google.com/apppasswords')).resolves.toBe(true);
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://myaccount.google.com/apppasswords');
  });

  it('never calls the shell for a refused URL', async () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    await expect(openExternalSafely(shell, 'file:///bin/sh')).resolves.toBe(false);
    await expect(openExternalSafely(shell, 'https://support.google.com.evil.test/')).resolves.toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('the links the app shows', () => {
  it('are all allowed to open', () => {
    const links = [...catalogueLinks(), ...Object.values(PRESETS).flatMap((preset) => preset.links)];
    expect(links.length).toBeGreaterThan(10);
    for (const link of links) expect(isAllowedExternalUrl(link), link).toBe(true);
  });
});
