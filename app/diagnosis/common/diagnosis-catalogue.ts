/**
 * The diagnosis catalogue: for each diagnosis (and the account's preset), whether retrying can help,
 * which links help, and which words to show. The words themselves — title, what it means, the numbered
 * steps — are in the renderer's i18n tables under `diagnosis.<code>` (generic) and
 * `diagnosis.<code>.<variant>` (provider-specific steps), in Korean and English.
 */
import type { PresetId } from '../../accounts/common/presets';
import type { SmtpDiagnosis } from './smtp-diagnosis';

/** Whether retrying can help. */
export type RetryAdvice =
  /** Retrying without changing anything cannot help. */
  | 'no'
  /** It can work again after the user does the steps. */
  | 'after-fix'
  /** It is temporary: trying again later should work. */
  | 'later';

/** Provider families whose steps differ. */
export type DiagnosisVariant = 'google' | 'naver' | 'daum' | 'microsoft';

/** What the UI needs to explain one failure. */
export interface Explanation {
  /** The diagnosis. */
  readonly diagnosis: SmtpDiagnosis;
  /** i18n key of the words: `diagnosis.<code>` or `diagnosis.<code>.<variant>`. */
  readonly key: string;
  /** Whether retrying can help. */
  readonly retry: RetryAdvice;
  /** Links for the steps (https, on the external-link allowlist). */
  readonly links: readonly string[];
}

interface Entry {
  /** Whether retrying can help. */
  readonly retry: RetryAdvice;
  /** Links for every provider. */
  readonly links: readonly string[];
  /** Provider families with links of their own (instead of `links`). */
  readonly variantLinks?: Partial<Record<DiagnosisVariant, readonly string[]>>;
  /** Provider families with words of their own (`diagnosis.<code>.<variant>` in the i18n tables). */
  readonly variantWords?: readonly DiagnosisVariant[];
}

const GOOGLE_APP_PASSWORDS = 'https://myaccount.google.com/apppasswords';
/** Links Google puts in its own replies (providers.md §2.2). */
const GOOGLE = {
  appPasswordHelp: 'https://support.google.com/accounts/answer/185833',
  badCredentials: 'https://support.google.com/mail/?p=BadCredentials',
  webLogin: 'https://support.google.com/mail/answer/78754',
  tooManyLogins: 'https://support.google.com/mail/answer/7126229',
  limits: 'https://support.google.com/a/answer/166852',
  tooManyRecipients: 'https://support.google.com/mail/answer/6592',
  relay: 'https://support.google.com/a/answer/2956491',
  wantAuth: 'https://support.google.com/mail/?p=WantAuthError',
} as const;

/**
 * Google OAuth pages. `apis/credentials/consent` is where the consent screen is published (Google
 * has been moving it to "Google Auth Platform → Audience"; the old path still leads there —
 * UNCONFIRMED long-term). 7281227 is Workspace's "control which third-party apps access data"
 * help page (UNCONFIRMED: not read in providers.md). The quota page path is UNCONFIRMED too.
 */
const GOOGLE_OAUTH = {
  permissions: 'https://myaccount.google.com/permissions',
  consentScreen: 'https://console.cloud.google.com/apis/credentials/consent',
  credentials: 'https://console.cloud.google.com/apis/credentials',
  tokenExpiry: 'https://developers.google.com/identity/protocols/oauth2#expiration',
  gmailApi: 'https://console.cloud.google.com/apis/library/gmail.googleapis.com',
  workspaceApps: 'https://support.google.com/a/answer/7281227',
  quota: 'https://developers.google.com/gmail/api/reference/quota',
} as const;

/** The catalogue. */
export const DIAGNOSIS_CATALOGUE: Readonly<Record<SmtpDiagnosis, Entry>> = {
  'auth-app-password-required': { retry: 'after-fix', links: [GOOGLE_APP_PASSWORDS, GOOGLE.appPasswordHelp] },
  'auth-rejected': {
    retry: 'after-fix',
    links: [],
    variantLinks: {
      google: [GOOGLE_APP_PASSWORDS, GOOGLE.badCredentials],
      naver: ['https://mail.naver.com/', 'https://nid.naver.com/'],
      daum: ['https://mail.daum.net/'],
    },
    variantWords: ['google', 'naver', 'daum', 'microsoft'],
  },
  'auth-web-login-required': { retry: 'after-fix', links: [GOOGLE.webLogin] },
  'auth-throttled': { retry: 'later', links: [GOOGLE.tooManyLogins] },
  'auth-required': { retry: 'after-fix', links: [], variantLinks: { google: [GOOGLE.wantAuth] }, variantWords: ['google'] },
  'starttls-required': { retry: 'after-fix', links: [] },
  'oauth-token-failed': { retry: 'after-fix', links: [] },
  'oauth-invalid-grant': { retry: 'after-fix', links: [GOOGLE_OAUTH.consentScreen, GOOGLE_OAUTH.tokenExpiry, GOOGLE_OAUTH.permissions] },
  'oauth-reauth-required': { retry: 'after-fix', links: [GOOGLE_OAUTH.tokenExpiry] },
  'oauth-admin-blocked': { retry: 'after-fix', links: [GOOGLE_OAUTH.workspaceApps] },
  'oauth-client-invalid': { retry: 'after-fix', links: [GOOGLE_OAUTH.credentials] },
  'oauth-token-rejected': { retry: 'after-fix', links: [GOOGLE_OAUTH.permissions] },
  'oauth-scope-missing': { retry: 'after-fix', links: [GOOGLE_OAUTH.permissions] },
  'gmail-api-disabled': { retry: 'after-fix', links: [GOOGLE_OAUTH.gmailApi] },
  'api-rate-limited': { retry: 'later', links: [GOOGLE_OAUTH.quota] },
  'smtp-auth-disabled': { retry: 'after-fix', links: [] },
  'basic-auth-unsupported': { retry: 'after-fix', links: [] },
  'relay-denied': { retry: 'after-fix', links: [GOOGLE.relay] },
  'daily-limit': { retry: 'later', links: [], variantLinks: { google: [GOOGLE.limits] } },
  'message-too-large': { retry: 'after-fix', links: [] },
  'too-many-recipients': { retry: 'after-fix', links: [], variantLinks: { google: [GOOGLE.tooManyRecipients] } },
  'recipient-rejected': { retry: 'no', links: [] },
  'sender-rejected': { retry: 'after-fix', links: [] },
  'connection-refused': { retry: 'after-fix', links: [] },
  timeout: { retry: 'later', links: [] },
  'tls-mismatch': { retry: 'after-fix', links: [] },
  'certificate-untrusted': { retry: 'after-fix', links: [] },
  'host-not-found': { retry: 'after-fix', links: [] },
  'server-busy': { retry: 'later', links: [] },
  temporary: { retry: 'later', links: [] },
  'member-file': { retry: 'after-fix', links: [] },
  unknown: { retry: 'no', links: [] },
};

/** Diagnoses after which an OAuth account needs a new consent: the UI offers "Reconnect". */
export const RECONNECT_DIAGNOSES: ReadonlySet<SmtpDiagnosis> = new Set<SmtpDiagnosis>([
  'oauth-token-failed',
  'oauth-invalid-grant',
  'oauth-reauth-required',
  'oauth-token-rejected',
  'oauth-scope-missing',
  'oauth-client-invalid',
]);

/** The provider family of a preset, for provider-specific steps. */
export function variantOf(presetId: PresetId): DiagnosisVariant | undefined {
  switch (presetId) {
    case 'gmail':
    case 'workspace':
    case 'workspace-relay':
      return 'google';
    case 'naver':
      return 'naver';
    case 'daum':
      return 'daum';
    case 'microsoft365':
      return 'microsoft';
    case 'sendgrid':
    case 'aliyun':
    case 'ses':
    case 'mailgun':
    case 'custom':
      return undefined;
  }
}

/** Explains one diagnosis for an account made from `presetId`. */
export function explainFailure(diagnosis: SmtpDiagnosis, presetId: PresetId): Explanation {
  const entry = DIAGNOSIS_CATALOGUE[diagnosis];
  const variant = variantOf(presetId);
  const worded = variant !== undefined && (entry.variantWords ?? []).includes(variant);
  return {
    diagnosis,
    key: worded ? `diagnosis.${diagnosis}.${variant}` : `diagnosis.${diagnosis}`,
    retry: entry.retry,
    links: (variant === undefined ? undefined : entry.variantLinks?.[variant]) ?? entry.links,
  };
}

/** Every link the catalogue may show, for the external-link allowlist. */
export function catalogueLinks(): string[] {
  return Object.values(DIAGNOSIS_CATALOGUE).flatMap((entry) => [...entry.links, ...Object.values(entry.variantLinks ?? {}).flat()]);
}
