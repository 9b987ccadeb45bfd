/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package) that plays a provider in tests: TLS
 * (implicit or STARTTLS) with a test certificate, AUTH PLAIN/LOGIN against a user table, provider-exact
 * failure replies, and every accepted message kept and parsed with mailparser.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerAuthentication, type SMTPServerSession } from 'smtp-server';
import type { TestCertificate } from './test-certificate';

/** A reply the fake sends instead of accepting: basic code and the rest of the line (with x.y.z). */
export interface ScriptedReply {
  /** Basic SMTP code, e.g. 535. */
  readonly code: number;
  /** Text after the code, including the enhanced status, e.g. `5.7.8 Username and Password not accepted.` */
  readonly text: string;
}

/** How the fake behaves. */
export interface SmtpSinkOptions {
  /** `implicit`: TLS from the first byte; `starttls`: plain, TLS required before AUTH; `none`: plain only. */
  readonly security: 'implicit' | 'starttls' | 'none';
  /** Certificate for TLS (required unless security is `none`). */
  readonly certificate?: TestCertificate;
  /** username → password; a login with anything else gets `authFailure`. Absent: no AUTH offered. */
  readonly users?: Readonly<Record<string, string>>;
  /** The reply to a wrong login. Default: Gmail's `535 5.7.8`. */
  readonly authFailure?: ScriptedReply;
}

/** One message the fake accepted. */
export interface ReceivedMessage {
  /** Envelope sender. */
  readonly mailFrom: string;
  /** Envelope recipients. */
  readonly rcptTo: readonly string[];
  /** The login used, if any. */
  readonly user: string | undefined;
  /** The raw RFC 5322 message. */
  readonly raw: string;
  /** The message as mailparser reads it. */
  readonly parsed: ParsedMail;
}

/** A running fake. */
export interface SmtpSink {
  /** The port it listens on (127.0.0.1). */
  readonly port: number;
  /** Every accepted message, in order. */
  readonly messages: ReceivedMessage[];
  /** Every AUTH attempt: username and whether it succeeded. */
  readonly logins: { readonly username: string; readonly ok: boolean }[];
  /** Stops the server and drops its connections. */
  close(): Promise<void>;
}

/** Gmail's reply to a wrong username or password (providers.md §2.2, single-line form). */
export const GMAIL_BAD_CREDENTIALS: ScriptedReply = {
  code: 535,
  text: '5.7.8 Username and Password not accepted. Learn more at https://support.google.com/mail/?p=BadCredentials - gsmtp',
};

/** Starts a fake SMTP server on a free port of 127.0.0.1. */
export async function startSmtpSink(options: SmtpSinkOptions): Promise<SmtpSink> {
  const messages: ReceivedMessage[] = [];
  const logins: { username: string; ok: boolean }[] = [];
  const authFailure = options.authFailure ?? GMAIL_BAD_CREDENTIALS;
  const tls = options.security !== 'none';
  if (tls && !options.certificate) throw new Error('A TLS fake needs a certificate.');

  const server = new SMTPServer({
    secure: options.security === 'implicit',
    key: options.certificate?.key,
    cert: options.certificate?.cert,
    disabledCommands: [...(options.security === 'none' ? ['STARTTLS'] : []), ...(options.users ? [] : ['AUTH'])],
    // Replies carry their enhanced status in the scripted text, exactly as the provider writes it.
    hideENHANCEDSTATUSCODES: true,
    allowInsecureAuth: options.security === 'none',
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: !options.users,
    logger: false,
    onAuth(auth: SMTPServerAuthentication, _session: SMTPServerSession, callback) {
      const ok = options.users !== undefined && auth.username !== undefined && options.users[auth.username] === auth.password;
      logins.push({ username: auth.username ?? '', ok });
      if (ok) return callback(null, { user: auth.username });
      return callback(Object.assign(new Error(authFailure.text), { responseCode: authFailure.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((parsed) => {
            messages.push({
              mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              rcptTo: session.envelope.rcptTo.map((r) => r.address),
              user: typeof session.user === 'string' ? session.user : undefined,
              raw,
              parsed,
            });
            callback(null, `2.0.0 OK queued as fake-${messages.length}`);
          })
          .catch((error: unknown) => callback(error as Error));
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;

  return {
    port,
    messages,
    logins,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
