/**
 * The one transport factory for every account, used by Send test, Check and the campaign engine:
 * SMTP with a password, SMTP with XOAUTH2 (nodemailer's OAuth2 fed by our own token source through
 * `provisionCallback`, so one refresh path serves both send methods), or the Gmail API custom transport.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { AccountCredentials, AccountRecord } from './account-record';
import { createGmailApiTransport } from './gmail-api-transport';
import { REFRESH_SKEW_MS, type AccessTokenSource } from '../../oauth/node/oauth-sessions';
import { SMTP_TIMEOUTS, smtpOptionsFor, type SmtpTimeouts } from './smtp-transport';

export type { AccountCredentials } from './account-record';

/** Options of a transport. */
export interface AccountTransportOptions {
  /** nodemailer's timeouts (SMTP). */
  readonly timeouts?: SmtpTimeouts;
  /** A pooled SMTP transport (the engine). */
  readonly pool?: boolean;
  /** Parallel pooled connections. */
  readonly maxConnections?: number;
  /** Messages per pooled connection. */
  readonly maxMessages?: number;
}

/** Accepts a bare password too, for the callers that only ever had one. */
export function toCredentials(credentials: AccountCredentials | string | undefined): AccountCredentials {
  return typeof credentials === 'object' ? credentials : { kind: 'password', password: credentials };
}

/** Every secret the credentials hold right now, to blank out of failure texts. */
export function credentialSecrets(credentials: AccountCredentials | string | undefined): string[] {
  const c = toCredentials(credentials);
  return c.kind === 'password' ? (c.password ? [c.password] : []) : c.tokens.secrets();
}

/** nodemailer's XOAUTH2 provisioning fed by the account's token source (one refresh path for sending and Check). */
export function provisionFrom(tokens: AccessTokenSource) {
  return (_user: string, renew: boolean, callback: (err: Error | null, accessToken?: string, expires?: number) => void): void => {
    tokens.get({ renew }).then(
      // nodemailer caches the token per connection until `expires`: hand it our refresh margin too.
      (token) => callback(null, token.token, token.expiresAt - REFRESH_SKEW_MS),
      (error: Error) => callback(error),
    );
  };
}

/** nodemailer's OAuth2 auth object for an XOAUTH2 account, fed by the token source. */
export function xoauth2AuthFor(credentials: Extract<AccountCredentials, { kind: 'oauth' }>): SMTPTransport.Options['auth'] {
  return {
    type: 'OAuth2',
    user: credentials.tokens.user,
    // Never used for a request (provisionCallback does the refresh), but set so nodemailer's legacy
    // default endpoint (providers.md §9) is never the one in force.
    accessUrl: credentials.tokenUri,
    provisionCallback: provisionFrom(credentials.tokens),
  };
}

/** Creates the transport for one account. */
export function createAccountTransport(
  record: AccountRecord,
  credentials: AccountCredentials | string | undefined,
  options: AccountTransportOptions = {},
): Transporter {
  const c = toCredentials(credentials);
  if (c.kind === 'oauth' && c.sendMethod === 'gmail-api') {
    return nodemailer.createTransport(createGmailApiTransport({ tokens: c.tokens, apiBase: c.gmailApiBase }));
  }
  const base = smtpOptionsFor(record, c.kind === 'password' ? c.password : undefined, options.timeouts ?? SMTP_TIMEOUTS);
  const auth = c.kind === 'oauth' ? xoauth2AuthFor(c) : base.auth;
  const pooling = options.pool ? { pool: true as const, maxConnections: options.maxConnections ?? 1, maxMessages: options.maxMessages ?? 100 } : {};
  return nodemailer.createTransport({ ...base, auth, ...pooling });
}
