/**
 * Builds nodemailer SMTP transports from account records, and turns nodemailer errors into the
 * contract's `SmtpFailure`. The only place a decrypted password is handed to a library.
 */
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { SmtpFailure } from '../../ipc/common/contract';
import { diagnoseSmtpFailure, enhancedStatusOf, type ConnectionContext } from '../../diagnosis/common/smtp-diagnosis';
import type { AccountRecord } from './account-record';

/** Timeouts far below nodemailer's defaults (2 min connect, 10 min idle): a desktop user is waiting. */
export const SMTP_TIMEOUTS: SmtpTimeouts = { connectionTimeout: 20_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/** nodemailer's three timeouts, in milliseconds. */
export interface SmtpTimeouts {
  /** Until the TCP (and implicit TLS) connection is up. */
  readonly connectionTimeout: number;
  /** Until the server's greeting. */
  readonly greetingTimeout: number;
  /** Idle time on an open connection. */
  readonly socketTimeout: number;
}

/**
 * The name Mailroom greets a server with (EHLO) when the account sets none. nodemailer's own default is
 * the machine's host name whenever it contains a dot (`Kims-MacBook-Pro.local`), which providers copy
 * into the Received header every recipient sees. Instead: the address literal nodemailer itself falls
 * back to for a host name without a dot (smtp-connection `_getHostname`), which RFC 5321 §4.1.4 allows
 * for a client with no meaningful name; the same for every user, so it tells nothing about the machine
 * (Thunderbird greets with a generic name for the same reason: support.mozilla.org/kb/thunderbird-smtp-ehlo).
 */
export const NEUTRAL_EHLO_NAME = '[127.0.0.1]';

/** The EHLO name of an account: its own when set (cleaned of anything that is not a printable character), else the neutral one. */
export function ehloNameOf(record: Pick<AccountRecord, 'ehloName'>): string {
  const own = record.ehloName.replace(/[^\x21-\x7e]/g, '');
  return own === '' ? NEUTRAL_EHLO_NAME : own;
}

/** nodemailer options for one account. */
export function smtpOptionsFor(record: AccountRecord, password: string | undefined, timeouts: SmtpTimeouts = SMTP_TIMEOUTS): SMTPTransport.Options {
  return {
    host: record.host,
    port: record.port,
    // nodemailer: `secure: true` for implicit TLS (465); otherwise STARTTLS is used when offered.
    secure: record.security === 'tls',
    requireTLS: record.security === 'starttls',
    ignoreTLS: record.security === 'none',
    name: ehloNameOf(record),
    auth: record.username === '' ? undefined : { user: record.username, pass: password ?? '' },
    tls: {
      // Certificates are always verified; a self-hosted server's CA is trusted explicitly instead.
      rejectUnauthorized: true,
      ...(record.caCertificate === '' ? {} : { ca: [record.caCertificate] }),
      servername: record.tlsServername !== '' ? record.tlsServername : isIpAddress(record.host) ? undefined : record.host,
    },
    ...timeouts,
  };
}

/** Creates a single-connection transport for one account. */
export function createSmtpTransport(record: AccountRecord, password: string | undefined, timeouts?: SmtpTimeouts) {
  return nodemailer.createTransport(smtpOptionsFor(record, password, timeouts));
}

/** The shape of the errors nodemailer raises (see providers.md §8). */
interface NodemailerError {
  message?: unknown;
  code?: unknown;
  command?: unknown;
  responseCode?: unknown;
  response?: unknown;
}

/** Converts anything nodemailer threw into an SmtpFailure, with every given secret blanked out. */
export function toSmtpFailure(error: unknown, secrets: readonly string[] = [], context?: ConnectionContext): SmtpFailure {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as NodemailerError;
  const scrub = (text: string) => secrets.reduce((acc, secret) => (secret.length > 0 ? acc.split(secret).join('••••') : acc), text);
  const str = (value: unknown) => (typeof value === 'string' && value !== '' ? scrub(value) : undefined);
  const fields = {
    code: str(e.code),
    command: str(e.command),
    responseCode: typeof e.responseCode === 'number' ? e.responseCode : undefined,
    response: str(e.response),
    message: str(e.message) ?? 'Unknown error',
  };
  const enhancedStatus = enhancedStatusOf(fields.response);
  return {
    diagnosis: diagnoseSmtpFailure(fields, context),
    message: fields.message,
    ...(fields.code === undefined ? {} : { code: fields.code }),
    ...(fields.command === undefined ? {} : { command: fields.command }),
    ...(fields.responseCode === undefined ? {} : { responseCode: fields.responseCode }),
    ...(fields.response === undefined ? {} : { response: fields.response }),
    ...(enhancedStatus === undefined ? {} : { enhancedStatus }),
  };
}

function isIpAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}
