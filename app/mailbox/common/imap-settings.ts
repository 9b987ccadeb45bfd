/**
 * Where each preset's mailbox is read over IMAP, and how the user turns IMAP on. Facts carry their
 * source beside them like app/accounts/common/presets.ts: [G] the provider's own help page (as
 * reached through the search tool's pages corpus), [OBS] seen in public code using the host,
 * [3P] a third party. A fact no provider page confirmed is listed in `unconfirmed`.
 * Relay and sending-service presets have no mailbox of their own: their bounces go to the
 * Return-Path address, so the user names another mailbox (`custom`) or skips watching.
 */
import type { PresetId } from '../../accounts/common/presets';

/** Where a preset's mailbox lives over IMAP. */
export interface ImapSettings {
  /** IMAP host. */
  readonly host: string;
  /** IMAP port (993: implicit TLS). */
  readonly port: number;
  /** Implicit TLS from the first byte. */
  readonly secure: boolean;
  /** Links for the "turn IMAP on" step, in step order (its words live in the renderer's i18n tables). */
  readonly enableSteps: readonly string[];
  /** Whether the provider's own page confirmed host and the enabling step. */
  readonly unconfirmed: readonly ('host' | 'enableStep')[];
}

/** Why a preset has no mailbox to watch. */
export type NoMailboxReason = 'relay' | 'sending-service' | 'user-named';

/** A preset's mailbox: IMAP settings, or why there is none. */
export type PresetMailbox = { readonly kind: 'imap'; readonly settings: ImapSettings } | { readonly kind: 'none'; readonly reason: NoMailboxReason };

// Gmail and Workspace: imap.gmail.com, 993, SSL; Gmail → Settings → "Forwarding and POP/IMAP" → "Enable IMAP"
// [G] Google help "Set up IMAP" (answer 7126229 / 75726), text seen in a university's copy of it
// (support.carolinau.edu … using-gmail-on-microsoft-office-or-apple-mail); Workspace admins may switch IMAP
// off for users (Admin console → Apps → Google Workspace → Gmail → End User Access) [3P coldrelay.com, ditlead.com].
const GMAIL: ImapSettings = {
  host: 'imap.gmail.com',
  port: 993,
  secure: true,
  enableSteps: ['https://mail.google.com/mail/u/0/#settings/fwdandpop', 'https://support.google.com/mail/answer/7126229'],
  unconfirmed: [],
};

/** IMAP settings per preset; `custom` lets the user name any mailbox (e.g. where the relay's bounces land). */
export const PRESET_MAILBOXES: Readonly<Record<PresetId, PresetMailbox>> = {
  gmail: { kind: 'imap', settings: GMAIL },
  workspace: { kind: 'imap', settings: GMAIL },
  'workspace-relay': { kind: 'none', reason: 'relay' },
  // Outlook.com / Exchange Online: outlook.office365.com, 993, SSL/TLS, OAuth2/Modern Auth; "POP & IMAP access
  // is disabled by default": Settings → Mail → Forwarding and IMAP → "Let devices and apps use IMAP" [G]
  // support.microsoft.com/office/pop-imap-and-smtp-settings-8361e398-8af4-4e97-b147-6c6c4ac95353 (seen through a
  // proxied copy). Exchange Online tenants may require OAuth for IMAP (basic auth retired) — password login
  // there is expected to fail and is diagnosed as such.
  microsoft365: {
    kind: 'imap',
    settings: {
      host: 'outlook.office365.com',
      port: 993,
      secure: true,
      enableSteps: ['https://support.microsoft.com/office/pop-imap-and-smtp-settings-8361e398-8af4-4e97-b147-6c6c4ac95353'],
      unconfirmed: [],
    },
  },
  // Naver: imap.naver.com, 993, SSL [OBS] many public clients (find_string `imap.naver.com`); PC web 환경설정 →
  // POP3/IMAP 설정 → "IMAP/SMTP 사용" (shared/reference/providers.md §6 [3P]). Naver's own help page was not
  // found through the search tool: UNCONFIRMED against the vendor.
  naver: {
    kind: 'imap',
    settings: { host: 'imap.naver.com', port: 993, secure: true, enableSteps: ['https://mail.naver.com/'], unconfirmed: ['host', 'enableStep'] },
  },
  // Daum/Kakao: imap.daum.net, 993, SSL [OBS] public clients (find_string `imap.daum.net`); 환경설정 → IMAP/POP3 →
  // "IMAP / SMTP 사용: 사용함" → 저장 [3P] docs.channel.io campaignus article. No Kakao page found: UNCONFIRMED.
  daum: {
    kind: 'imap',
    settings: { host: 'imap.daum.net', port: 993, secure: true, enableSteps: ['https://mail.daum.net/'], unconfirmed: ['host', 'enableStep'] },
  },
  sendgrid: { kind: 'none', reason: 'sending-service' },
  aliyun: { kind: 'none', reason: 'sending-service' },
  ses: { kind: 'none', reason: 'sending-service' },
  mailgun: { kind: 'none', reason: 'sending-service' },
  custom: { kind: 'none', reason: 'user-named' },
};

/** How the watcher logs in: the account's app password, or an OAuth access token (IMAP XOAUTH2). */
export type ImapAuth = { readonly kind: 'password'; readonly user: string; readonly pass: string } | { readonly kind: 'xoauth2'; readonly user: string; readonly accessToken: string };
