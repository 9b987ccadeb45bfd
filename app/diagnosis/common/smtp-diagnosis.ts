/**
 * Classifies an SMTP failure into a diagnosis the UI can explain. It keys on what the server said (the
 * basic code, the enhanced status `x.y.z` and the reply text) and on nodemailer's error fields, never
 * on the host name, so a loopback server that answers like Gmail is diagnosed like Gmail.
 * Facts: shared/reference/providers.md §2 (Gmail replies) and §8 (nodemailer's error fields).
 */
import { z } from 'zod';

/** Every diagnosis the app can give; the words for each live in the renderer's i18n tables. */
export const SMTP_DIAGNOSES = [
  /** Gmail 534 5.7.9: the account has 2-Step Verification; an app password is needed. */
  'auth-app-password-required',
  /** 535 (Gmail 5.7.8) and other 5xx AUTH replies: the server refused the username or password. */
  'auth-rejected',
  /** Gmail 534 5.7.14: Google wants a sign-in in a web browser first. */
  'auth-web-login-required',
  /** 454 4.7.0 "Too many login attempts": a throttle, not a wrong password. */
  'auth-throttled',
  /** 530 5.7.0 / 530 5.5.1 "Authentication Required": the server needs a login. */
  'auth-required',
  /** 530 5.7.0 "Must issue a STARTTLS command first". */
  'starttls-required',
  /** The OAuth access token could not be fetched or refreshed (nodemailer EAUTH at AUTH XOAUTH2, no reply). */
  'oauth-token-failed',
  /** Google OAuth `invalid_grant`: the refresh token expired (7 days in "Testing") or was revoked. */
  'oauth-invalid-grant',
  /** Google OAuth `invalid_grant` with `error_subtype: invalid_rapt`: the organisation wants a new sign-in. */
  'oauth-reauth-required',
  /** Google OAuth `admin_policy_enforced`: a Workspace administrator blocks this app or its scopes. */
  'oauth-admin-blocked',
  /** Google OAuth `invalid_client` / `deleted_client` / `unauthorized_client`: the OAuth client itself is gone or wrong. */
  'oauth-client-invalid',
  /** The server refused a fresh access token (Gmail API 401, SMTP 5xx after AUTH XOAUTH2): access revoked or another account. */
  'oauth-token-rejected',
  /** The token lacks the scope (Gmail API 403 insufficientPermissions; consent given without the send permission). */
  'oauth-scope-missing',
  /** Gmail API 403 accessNotConfigured / SERVICE_DISABLED: the Gmail API is not enabled in the Cloud project. */
  'gmail-api-disabled',
  /** Gmail API 429 or 403 userRateLimitExceeded / rateLimitExceeded: too many requests for now. */
  'api-rate-limited',
  /** Microsoft 365: 535 5.7.139 "SmtpClientAuthentication is disabled for the Tenant" (or the mailbox). */
  'smtp-auth-disabled',
  /** Microsoft 365: 550 5.7.30 "Basic authentication is not supported for Client Submission". */
  'basic-auth-unsupported',
  /** Workspace relay: 550 5.7.0 "Mail relay denied" / 550 5.7.1 "Invalid credentials for relay". */
  'relay-denied',
  /** 550 5.4.5: the account's daily sending limit is used up. */
  'daily-limit',
  /** 552 5.3.4 / 5.2.3 or a SIZE pre-check: the message is too large. */
  'message-too-large',
  /** 452 4.5.3: too many recipients in one message. */
  'too-many-recipients',
  /** 5xx at RCPT TO (5.1.x): the recipient address was refused. */
  'recipient-rejected',
  /** 5xx at MAIL FROM: the server will not send as this From address. */
  'sender-rejected',
  /** TCP connection refused: nothing listens on that host and port. */
  'connection-refused',
  /** No answer in time: a firewall, or implicit TLS/STARTTLS chosen wrongly for the port. */
  'timeout',
  /** TLS handshake on a plain port or the reverse ("wrong version number"). */
  'tls-mismatch',
  /** The server's certificate is not trusted (self-signed, intercepted, wrong name). */
  'certificate-untrusted',
  /** The host name does not resolve. */
  'host-not-found',
  /** 421: the server is busy or refuses connections for now ("Try again later, closing connection"). */
  'server-busy',
  /** Any other 4xx: temporary, retrying later can help. */
  'temporary',
  /** Not the server: a member's own attachment changed, moved or became unreadable after the pre-flight check (per-member attachments). */
  'member-file',
  /** Nothing above matched; the raw reply is shown as is. */
  'unknown',
] as const;

/** A diagnosis code. */
export type SmtpDiagnosis = (typeof SMTP_DIAGNOSES)[number];

/** The fields of a nodemailer error this classifier reads. */
export interface SmtpErrorFields {
  /** nodemailer's category, e.g. `EAUTH`, `ESOCKET`. */
  readonly code?: string | undefined;
  /** The SMTP stage, e.g. `AUTH PLAIN`, `RCPT TO`, `CONN`. */
  readonly command?: string | undefined;
  /** Basic reply code. */
  readonly responseCode?: number | undefined;
  /** Raw server reply. */
  readonly response?: string | undefined;
  /** Error message (for socket/TLS errors it holds OpenSSL's or Node's text). */
  readonly message: string;
}

/** What the classifier may know about the connection, to tell a port/security mismatch from a firewall. */
export interface ConnectionContext {
  /** The port connected to. */
  readonly port: number;
  /** The security chosen for it. */
  readonly security: 'tls' | 'starttls' | 'none';
}

/** Extracts the enhanced status code (RFC 3463 `class.subject.detail`) from a reply, if any. */
export function enhancedStatusOf(response: string | undefined): string | undefined {
  if (!response) return undefined;
  const match = /^\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})\b/m.exec(response);
  return match?.[1];
}

/**
 * Whether a failure says the address itself is gone for good (5.1.x at RCPT TO): mail to it will never
 * arrive, so the member's row offers to put it on the suppression list.
 */
export function isAddressGone(diagnosis: SmtpDiagnosis | undefined): boolean {
  return diagnosis === 'recipient-rejected';
}

/** Classifies one failure. */
export function diagnoseSmtpFailure(error: SmtpErrorFields, context?: ConnectionContext): SmtpDiagnosis {
  const reply = error.response ?? '';
  const text = `${reply}\n${error.message}`.toLowerCase();
  const status = enhancedStatusOf(reply);
  const basic = error.responseCode;
  const command = (error.command ?? '').toUpperCase();

  const oauth = diagnoseOAuthFailure(error, text, command);
  if (oauth !== undefined) return oauth;

  if (basic !== undefined) {
    if (status === '5.7.9') return 'auth-app-password-required';
    if (status === '5.7.14') return 'auth-web-login-required';
    if (status === '5.4.5' || text.includes('daily user sending limit') || text.includes('sending quota exceeded')) return 'daily-limit';
    // Exchange Online over its 10,000 recipients a day: `554 5.2.0 STOREDRV.Submission.Exception:
    // SubmissionQuotaExceededException` (learn.microsoft.com "smtp-submission-improvements" and the
    // Dynamics 365 article on ErrorSubmissionQuotaExceeded; the full reply is quoted from memory of
    // those pages, UNCONFIRMED). A Korean portal's refusal "you are not allowed to send more e-mails
    // within 24 hours" (550 5.7.1, a third-party list; which portal is UNCONFIRMED). Naver and Daum
    // publish no daily-limit reply (providers.md §9): theirs fall to the other rules until one is seen.
    if (text.includes('submissionquotaexceeded') || text.includes('not allowed to send more e-mails within 24 hours')) return 'daily-limit';
    if (basic === 454 && text.includes('too many login attempts')) return 'auth-throttled';
    if (basic === 530 && text.includes('starttls')) return 'starttls-required';
    // The account asks for STARTTLS and the server refuses the command (500 "command not recognized"):
    // the account's security setting does not match this server.
    if (command === 'STARTTLS' || error.code === 'ETLS') return 'tls-mismatch';
    if (basic === 530 || text.includes('authentication required')) return 'auth-required';
    if (status === '5.7.139' || text.includes('smtpclientauthentication is disabled')) return 'smtp-auth-disabled';
    if (status === '5.7.30' || text.includes('basic authentication is not supported')) return 'basic-auth-unsupported';
    if (text.includes('mail relay denied') || text.includes('invalid credentials for relay')) return 'relay-denied';
    if (basic === 421) return 'server-busy';
    if (status === '4.5.3' || text.includes('too many recipients')) return 'too-many-recipients';
    if (basic === 552 || status === '5.3.4' || status === '5.2.3') return 'message-too-large';
    if (command.startsWith('AUTH') && basic >= 500) return 'auth-rejected';
    if (basic === 535) return 'auth-rejected';
    if (command === 'RCPT TO' && basic >= 500) return 'recipient-rejected';
    if (command === 'MAIL FROM' && basic >= 500) return 'sender-rejected';
    if (basic >= 400 && basic < 500) return 'temporary';
    return 'unknown';
  }

  if (error.code === 'EMESSAGE' && text.includes('message size larger than allowed')) return 'message-too-large';
  if (error.code === 'EOAUTH2' || (error.code === 'EAUTH' && command === 'AUTH XOAUTH2')) return 'oauth-token-failed';
  if (error.code === 'EDNS' || text.includes('enotfound') || text.includes('eai_again')) return 'host-not-found';
  if (text.includes('econnrefused')) return 'connection-refused';
  if (text.includes('wrong version number') || text.includes('packet length too long') || text.includes('unknown protocol')) return 'tls-mismatch';
  if (
    text.includes('self-signed') ||
    text.includes('self signed') ||
    text.includes('unable to verify') ||
    text.includes('unable to get local issuer') ||
    text.includes('altnames') ||
    text.includes('certificate has expired')
  )
    return 'certificate-untrusted';
  const timedOut = error.code === 'ETIMEDOUT' || text.includes('timeout') || text.includes('greeting never received');
  // A plain client on an implicit-TLS port waits for a greeting the server never sends in clear text
  // (providers.md §8, ETIMEDOUT row): with the usual ports, that is a mismatch, not a firewall.
  if (timedOut && context?.port === 465 && context.security !== 'tls') return 'tls-mismatch';
  if (timedOut) return 'timeout';
  return 'unknown';
}

/**
 * Failures of the OAuth side: the token endpoint (command `OAUTH TOKEN`, or nodemailer's `AUTH XOAUTH2`
 * wrapping of it), SMTP's answer to an XOAUTH2 login, and the Gmail API (command `GMAIL API`, HTTP
 * status in `responseCode` where the transport keeps it). Keys on Google's own words: the OAuth `error`
 * codes [G] native-app guide / oauth2 page, and the Gmail API's error reasons. The API reason names
 * (`insufficientPermissions`, `accessNotConfigured`, `SERVICE_DISABLED`, `userRateLimitExceeded`,
 * `rateLimitExceeded`, `dailyLimitExceeded`) are Google API conventions not re-read in providers.md:
 * UNCONFIRMED there, matched together with their HTTP status so a near miss still lands close.
 */
function diagnoseOAuthFailure(error: SmtpErrorFields, text: string, command: string): SmtpDiagnosis | undefined {
  const isOAuth = command === 'AUTH XOAUTH2' || command === 'OAUTH TOKEN' || command === 'GMAIL API' || error.code === 'EOAUTH2';
  if (!isOAuth) return undefined;
  const basic = error.responseCode;
  if (text.includes('invalid_rapt')) return 'oauth-reauth-required';
  if (text.includes('admin_policy_enforced')) return 'oauth-admin-blocked';
  if (text.includes('invalid_grant')) return 'oauth-invalid-grant';
  if (/invalid_client|deleted_client|unauthorized_client/.test(text)) return 'oauth-client-invalid';
  if (/dailylimitexceeded|daily user sending limit|sending quota exceeded/.test(text)) return 'daily-limit';
  if (/userratelimitexceeded|ratelimitexceeded|resource_exhausted|too many requests/.test(text) || (command === 'GMAIL API' && basic === 429)) return 'api-rate-limited';
  if (/accessnotconfigured|service_disabled|has not been used in project|api has not been used|it is disabled/.test(text)) return 'gmail-api-disabled';
  if (/insufficientpermissions|access_token_scope_insufficient|insufficient authentication scopes|insufficient_scope|scope_missing/.test(text)) return 'oauth-scope-missing';
  if (command === 'GMAIL API') {
    const http = basic ?? Number(/^(\d{3}) /.exec(error.response ?? '')?.[1] ?? 0);
    if (http === 401 || http === 403) return 'oauth-token-rejected';
    if (http === 413 || text.includes('too large')) return 'message-too-large';
    if (/invalid to header|recipient address required|invalid recipient/.test(text)) return 'recipient-rejected';
    if (http >= 500) return 'server-busy';
    return undefined;
  }
  if (command === 'AUTH XOAUTH2' && basic !== undefined) {
    if (basic === 454 && text.includes('too many login attempts')) return 'auth-throttled';
    if (basic >= 500) return 'oauth-token-rejected';
    return undefined;
  }
  if (command === 'OAUTH TOKEN' || error.code === 'EOAUTH2' || error.code === 'EAUTH') return 'oauth-token-failed';
  return undefined;
}

/** Why an SMTP exchange failed, as classified here (the contract's shape for it). */
export const smtpFailureSchema = z.object({
  /** The diagnosis the UI explains. */
  diagnosis: z.enum(SMTP_DIAGNOSES),
  /** nodemailer's error category, e.g. `EAUTH`. */
  code: z.string().optional(),
  /** The SMTP stage that failed, e.g. `AUTH PLAIN`, `RCPT TO`. */
  command: z.string().optional(),
  /** The server's basic reply code, e.g. 535. */
  responseCode: z.number().int().optional(),
  /** The enhanced status code from the reply, e.g. `5.7.8`. */
  enhancedStatus: z.string().optional(),
  /** The server's exact reply text (may span lines). */
  response: z.string().optional(),
  /** The client library's message, scrubbed of secrets. */
  message: z.string(),
});
/** Why an SMTP exchange failed. */
export type SmtpFailure = z.infer<typeof smtpFailureSchema>;
