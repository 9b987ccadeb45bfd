/**
 * Provider presets: where each provider's SMTP server is, what its username and password are, its
 * limits, the links for its setup steps, and whether From may differ from the login. The words of each
 * step live in the renderer's i18n tables under `presets.<id>`.
 * Facts: shared/reference/providers.md §1, §3, §4, §6, §7 (tags there: [G] vendor, [NM] nodemailer,
 * [3P] third party). Values marked UNCONFIRMED there are marked so here too.
 */
import { z } from 'zod';

/** How the connection to the SMTP server is secured. */
export const securitySchema = z.enum([
  /** Implicit TLS from the first byte (usually port 465). */
  'tls',
  /** Plain connect, then STARTTLS is required (usually port 587). */
  'starttls',
  /** No TLS at all: only for a relay on a trusted network. */
  'none',
]);
/** How the connection to the SMTP server is secured. */
export type Security = z.infer<typeof securitySchema>;

/** Every preset id, in the order the form offers them. */
export const PRESET_IDS = [
  'gmail',
  'workspace',
  'workspace-relay',
  'microsoft365',
  'naver',
  'daum',
  'sendgrid',
  'aliyun',
  'ses',
  'mailgun',
  'custom',
] as const;

/** A preset id. */
export type PresetId = (typeof PRESET_IDS)[number];

/** What the username of a provider is. */
export type UsernameKind = 'full-address' | 'naver-id' | 'apikey' | 'smtp-username' | 'sender-address' | 'any';
/** What the password of a provider is. */
export type PasswordKind = 'google-app-password' | 'app-password' | 'api-key' | 'smtp-password' | 'account-password' | 'any';
/** Whether the From address may differ from the login. */
export type FromPolicy = 'rewritten-unless-alias' | 'must-match' | 'verified-identity' | 'free';

/** One provider preset. */
export interface Preset {
  /** Id, also the i18n key under `presets.`. */
  readonly id: PresetId;
  /** SMTP host (`null` for custom). */
  readonly host: string | null;
  /** Port for `security`. */
  readonly port: number;
  /** Connection security. */
  readonly security: Security;
  /** What goes in the username field. */
  readonly username: UsernameKind;
  /** What goes in the password field. */
  readonly password: PasswordKind;
  /** Messages per rolling 24 hours, when known. */
  readonly dailyLimit: number | null;
  /** Recipients per message, when known. */
  readonly recipientsPerMessage: number | null;
  /** Default pace in messages per minute (the user can lower it). */
  readonly perMinute: number;
  /**
   * SMTP connections a campaign opens at most. Personal mailboxes get 2: Google answers parallel
   * logins with 454 4.7.0 (providers.md §2.2; a single connection for Gmail is common practice, not a
   * published rule — UNCONFIRMED). Relays and sending services, and custom servers, get nodemailer's
   * own default of 5, so Mailroom is never more aggressive than a hand-written nodemailer loop.
   */
  readonly connections: number;
  /** Largest message the server accepts, encoded, in bytes, when known. */
  readonly maxMessageBytes: number | null;
  /** Whether From may differ from the login. */
  readonly from: FromPolicy;
  /** Links for the setup steps, in step order (each step's words: `presets.<id>.steps`). */
  readonly links: readonly string[];
  /** Facts the reference marks UNCONFIRMED, named so the UI can hedge. */
  readonly unconfirmed: readonly ('dailyLimit' | 'recipientsPerMessage' | 'host')[];
}

const GOOGLE_APP_PASSWORDS = 'https://myaccount.google.com/apppasswords';
/** Google Account → Security, where 2-Step Verification is turned on ([G] 185833 names the path). */
const GOOGLE_SECURITY = 'https://myaccount.google.com/security';
/** Google's app-password help page [G]. */
const GOOGLE_APP_PASSWORD_HELP = 'https://support.google.com/accounts/answer/185833';

/** The presets, by id. */
export const PRESETS: Readonly<Record<PresetId, Preset>> = {
  // Consumer Gmail: ~500/day [NM using-gmail.md]; 100 recipients per SMTP message assumed (UNCONFIRMED, §3.2).
  gmail: {
    id: 'gmail',
    host: 'smtp.gmail.com',
    port: 465,
    security: 'tls',
    username: 'full-address',
    password: 'google-app-password',
    dailyLimit: 500,
    recipientsPerMessage: 100,
    perMinute: 20,
    connections: 2,
    maxMessageBytes: 35_882_577,
    from: 'rewritten-unless-alias',
    links: [GOOGLE_SECURITY, GOOGLE_APP_PASSWORDS, GOOGLE_APP_PASSWORD_HELP],
    unconfirmed: ['recipientsPerMessage'],
  },
  // Workspace: 2,000/day (500 in trial), 100 recipients per SMTP message [G 166852].
  workspace: {
    id: 'workspace',
    host: 'smtp.gmail.com',
    port: 465,
    security: 'tls',
    username: 'full-address',
    password: 'google-app-password',
    dailyLimit: 2000,
    recipientsPerMessage: 100,
    perMinute: 20,
    connections: 2,
    maxMessageBytes: 35_882_577,
    from: 'rewritten-unless-alias',
    links: [GOOGLE_SECURITY, GOOGLE_APP_PASSWORDS, 'https://support.google.com/a/answer/166852'],
    unconfirmed: [],
  },
  // smtp-relay: 10,000 per user per 24 h, 100 per transaction, admin-configured [G 2956491].
  'workspace-relay': {
    id: 'workspace-relay',
    host: 'smtp-relay.gmail.com',
    port: 587,
    security: 'starttls',
    username: 'full-address',
    password: 'google-app-password',
    dailyLimit: 10000,
    recipientsPerMessage: 100,
    perMinute: 30,
    connections: 5,
    maxMessageBytes: 35_882_577,
    from: 'free',
    links: ['https://support.google.com/a/answer/2956491'],
    unconfirmed: [],
  },
  // Exchange Online: 10,000 recipients/day, 500 per message, 30 msgs/min [3P copies of learn.microsoft.com].
  microsoft365: {
    id: 'microsoft365',
    host: 'smtp.office365.com',
    port: 587,
    security: 'starttls',
    username: 'full-address',
    password: 'account-password',
    dailyLimit: 10000,
    recipientsPerMessage: 500,
    perMinute: 30,
    connections: 2,
    maxMessageBytes: null,
    from: 'must-match',
    // The reference gives no full Microsoft URL: the steps name the admin-center switches instead.
    links: [],
    unconfirmed: [],
  },
  // Naver: 587 STARTTLS (nodemailer preset), app password after 2-step; limits UNCONFIRMED (§6).
  naver: {
    id: 'naver',
    host: 'smtp.naver.com',
    port: 587,
    security: 'starttls',
    username: 'naver-id',
    password: 'app-password',
    dailyLimit: null,
    recipientsPerMessage: 100,
    perMinute: 10,
    connections: 2,
    maxMessageBytes: null,
    from: 'must-match',
    links: ['https://mail.naver.com/', 'https://nid.naver.com/'],
    unconfirmed: ['dailyLimit', 'recipientsPerMessage'],
  },
  // Daum/Kakao (hanmail): 465 SSL; limits UNCONFIRMED (§6).
  daum: {
    id: 'daum',
    host: 'smtp.daum.net',
    port: 465,
    security: 'tls',
    username: 'full-address',
    password: 'account-password',
    dailyLimit: null,
    recipientsPerMessage: null,
    perMinute: 10,
    connections: 2,
    maxMessageBytes: null,
    from: 'must-match',
    links: ['https://mail.daum.net/'],
    unconfirmed: ['dailyLimit', 'recipientsPerMessage'],
  },
  // SendGrid: username is the literal `apikey`, password an API key [G twilio docs].
  sendgrid: {
    id: 'sendgrid',
    host: 'smtp.sendgrid.net',
    port: 587,
    security: 'starttls',
    username: 'apikey',
    password: 'api-key',
    dailyLimit: null,
    recipientsPerMessage: null,
    perMinute: 60,
    connections: 5,
    maxMessageBytes: null,
    from: 'verified-identity',
    links: ['https://www.twilio.com/docs/sendgrid/for-developers/sending-email/integrating-with-the-smtp-api'],
    unconfirmed: ['dailyLimit', 'recipientsPerMessage'],
  },
  // Aliyun DirectMail (Hangzhou): username = sender address, SMTP password set in the console [G].
  aliyun: {
    id: 'aliyun',
    host: 'smtpdm.aliyun.com',
    port: 465,
    security: 'tls',
    username: 'sender-address',
    password: 'smtp-password',
    dailyLimit: null,
    recipientsPerMessage: null,
    perMinute: 30,
    connections: 5,
    maxMessageBytes: null,
    from: 'must-match',
    links: ['https://help.aliyun.com/en/direct-mail/user-guide/send-emails-using-smtp'],
    unconfirmed: ['dailyLimit', 'recipientsPerMessage'],
  },
  // Amazon SES: region host, SMTP credentials, sandbox 200/24 h, 50 recipients [G].
  ses: {
    id: 'ses',
    host: 'email-smtp.us-east-1.amazonaws.com',
    port: 587,
    security: 'starttls',
    username: 'smtp-username',
    password: 'smtp-password',
    dailyLimit: 200,
    recipientsPerMessage: 50,
    perMinute: 60,
    connections: 5,
    maxMessageBytes: null,
    from: 'verified-identity',
    links: ['https://docs.aws.amazon.com/ses/latest/dg/smtp-connect.html', 'https://docs.aws.amazon.com/ses/latest/dg/quotas.html'],
    unconfirmed: [],
  },
  // Mailgun: per-domain SMTP login (postmaster@domain) and password [G].
  mailgun: {
    id: 'mailgun',
    host: 'smtp.mailgun.org',
    port: 587,
    security: 'starttls',
    username: 'smtp-username',
    password: 'smtp-password',
    dailyLimit: null,
    recipientsPerMessage: null,
    perMinute: 60,
    connections: 5,
    maxMessageBytes: null,
    from: 'verified-identity',
    links: ['https://documentation.mailgun.com/docs/mailgun/user-manual/sending-messages/send-smtp'],
    unconfirmed: ['dailyLimit', 'recipientsPerMessage'],
  },
  custom: {
    id: 'custom',
    host: null,
    port: 587,
    security: 'starttls',
    username: 'any',
    password: 'any',
    dailyLimit: null,
    recipientsPerMessage: null,
    perMinute: 30,
    connections: 5,
    maxMessageBytes: null,
    from: 'free',
    links: [],
    unconfirmed: [],
  },
};

// Pacing: Microsoft documents 30 messages a minute for SMTP submission (providers.md §7); SES's sandbox
// allows 1 a second (§6). Google publishes no per-minute rate: 20 a minute for Gmail is a cautious
// choice of ours (UNCONFIRMED as a Google rule), and 10 for Naver and Daum whose limits are unpublished.
// Gmail's message size: smtp.gmail.com advertises SIZE 35882577 (providers.md §2.2, [OBS]).

/** Whether a preset logs in to Google (app-password checks and the Gmail From warning apply). */
export function isGooglePreset(id: PresetId): boolean {
  return id === 'gmail' || id === 'workspace';
}

/** A Google app password with its display spaces removed; Google shows it as four groups of four letters. */
export function normalizeAppPassword(password: string): string {
  return password.replace(/\s+/g, '');
}

/** Whether a password has the shape of a Google app password: 16 letters a–z once spaces are removed. */
export function looksLikeGoogleAppPassword(password: string): boolean {
  return /^[a-z]{16}$/i.test(normalizeAppPassword(password));
}

/**
 * Whether Gmail would rewrite the From address: it differs from the login, so Gmail replaces it with
 * the login unless it is a configured "Send mail as" alias ([NM] docs/guides/using-gmail.md).
 */
export function gmailMayRewriteFrom(presetId: PresetId, username: string, fromAddress: string): boolean {
  return isGooglePreset(presetId) && username.trim() !== '' && username.trim().toLowerCase() !== fromAddress.trim().toLowerCase();
}
