/**
 * The only way a link leaves the app: `shell.openExternal` for https pages of the account and provider
 * help sites the diagnoses point to, and nothing else (Electron security checklist: "Do not use
 * shell.openExternal with untrusted content").
 */

import { catalogueLinks } from '../app/diagnosis/common/diagnosis-catalogue';
import { PRESETS } from '../app/accounts/common/presets';

/** Every link the app itself shows: the presets' setup steps and the diagnosis catalogue. */
const LINKS_SHOWN = [...catalogueLinks(), ...Object.values(PRESETS).flatMap((preset) => preset.links)];

/**
 * Hosts whose https pages the app may open in the user's browser: those of the links the app shows,
 * plus provider help sites. Exact names: no subdomain wildcard.
 */
export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  ...LINKS_SHOWN.map((link) => new URL(link).hostname),
  'support.google.com',
  'myaccount.google.com',
  'accounts.google.com',
  'console.cloud.google.com',
  'developers.google.com',
  'help.naver.com',
  'mail.naver.com',
  'cs.daum.net',
  'cs.kakao.com',
  'support.microsoft.com',
  'learn.microsoft.com',
  'account.live.com',
  'docs.sendgrid.com',
  'www.twilio.com',
  'help.aliyun.com',
  'www.alibabacloud.com',
  'docs.aws.amazon.com',
  'documentation.mailgun.com',
  'help.mailgun.com',
  'nodemailer.com',
]);

/** The part of Electron's `shell` this module uses. */
export interface ExternalOpener {
  /** Opens a URL in the user's default browser. */
  openExternal(url: string): Promise<void>;
}

/**
 * The normalised URL if it may be opened: `https:` only, a host on the allowlist, no user name or
 * password, no port but the default one. Otherwise undefined.
 */
export function allowedExternalUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:') return undefined;
  if (parsed.username !== '' || parsed.password !== '') return undefined;
  // The URL parser drops `:443` for https, so any port left is another one.
  if (parsed.port !== '') return undefined;
  if (!EXTERNAL_HOSTS.has(parsed.hostname)) return undefined;
  return parsed.href;
}

/** Whether `url` may be opened in the user's browser. */
export function isAllowedExternalUrl(url: string): boolean {
  return allowedExternalUrl(url) !== undefined;
}

/**
 * Opens `url` in the user's browser when it is allowed and reports whether it did. The normalised
 * form is what gets opened, so the browser parses the very URL that was checked.
 */
export async function openExternalSafely(shell: ExternalOpener, url: string): Promise<boolean> {
  const allowed = allowedExternalUrl(url);
  if (allowed === undefined) return false;
  await shell.openExternal(allowed);
  return true;
}
