/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package) that plays a provider in tests: TLS
 * (implicit or STARTTLS) with a test certificate, AUTH PLAIN/LOGIN against a user table, provider-exact
 * failure replies, and every accepted message kept and parsed with mailparser.
 */
import type { AddressInfo, Server as NetServer } from 'node:net';
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
  /**
   * Scripted refusals per stage, as a provider would answer: return a reply to refuse, or undefined
   * to go on normally. `auth` runs before the user table (return undefined to let it decide).
   */
  readonly script?: SmtpScript;
}

/** Per-stage hooks of the fake; each returns a refusal or undefined. */
export interface SmtpScript {
  /** On connect, before the greeting (a 421 here closes the connection). */
  readonly connect?: () => ScriptedReply | undefined;
  /** On AUTH, with the credentials given. */
  readonly auth?: (username: string, password: string) => ScriptedReply | undefined;
  /** On MAIL FROM. */
  readonly mailFrom?: (address: string) => ScriptedReply | undefined;
  /** On each RCPT TO. */
  readonly rcptTo?: (address: string) => ScriptedReply | undefined;
  /** After the final dot of DATA, with the envelope recipients; a refusal means the message is not kept. */
  readonly data?: (rcptTo: readonly string[]) => ScriptedReply | undefined;
  /**
   * How long to hold the answer to a RCPT TO, in ms; `'never'` stalls: no answer at all, as a server
   * that hangs mid-transaction (the client's socket timeout ends it). Undefined or 0: answer at once.
   */
  readonly rcptToDelay?: (address: string) => number | 'never' | undefined;
  /**
   * How long to hold the answer to an accepted message, in ms, called once the message is kept (in
   * `messages`): the server has it, the client does not know yet. `'never'` stalls after the final dot
   * (kept, never answered). A promise: answer when it settles (a test that waits on its own state
   * rather than on time). Undefined or 0: answer at once.
   */
  readonly dataDelay?: (rcptTo: readonly string[]) => number | 'never' | Promise<unknown> | undefined;
}

/** Calls `answer` now, after `delay` ms, when `delay` settles (a promise), or never. */
function answerAfter(delay: number | 'never' | Promise<unknown> | undefined, answer: () => void): void {
  if (delay === 'never') return;
  if (delay instanceof Promise) {
    void delay.then(answer, answer);
    return;
  }
  if (delay === undefined || delay <= 0) answer();
  else setTimeout(answer, delay);
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
  /** The stages the fake saw, in order: `CONNECT`, `AUTH PLAIN user`, `MAIL FROM a@b`, `RCPT TO c@d`, `DATA c@d`. */
  readonly transcript: string[];
  /** TCP connections accepted so far, counted before any TLS handshake (so failed ones count too). */
  readonly connections: number;
  /** Errors the server reported instead of throwing them (failed TLS handshakes, sockets closed early). */
  readonly errors: Error[];
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
  const transcript: string[] = [];
  const script = options.script ?? {};
  const refusal = (reply: ScriptedReply) => Object.assign(new Error(reply.text), { responseCode: reply.code });
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
    onConnect(_session, callback) {
      transcript.push('CONNECT');
      const reply = script.connect?.();
      return reply ? callback(refusal(reply)) : callback();
    },
    onMailFrom(address, _session, callback) {
      transcript.push(`MAIL FROM ${address.address}`);
      const reply = script.mailFrom?.(address.address);
      return reply ? callback(refusal(reply)) : callback();
    },
    onRcptTo(address, _session, callback) {
      transcript.push(`RCPT TO ${address.address}`);
      const reply = script.rcptTo?.(address.address);
      answerAfter(script.rcptToDelay?.(address.address), () => (reply ? callback(refusal(reply)) : callback()));
    },
    onAuth(auth: SMTPServerAuthentication, _session: SMTPServerSession, callback) {
      transcript.push(`AUTH ${auth.method} ${auth.username ?? ''}`);
      const scripted = script.auth?.(auth.username ?? '', auth.password ?? '');
      if (scripted) {
        logins.push({ username: auth.username ?? '', ok: false });
        return callback(refusal(scripted));
      }
      const ok = options.users !== undefined && auth.username !== undefined && options.users[auth.username] === auth.password;
      logins.push({ username: auth.username ?? '', ok });
      if (ok) return callback(null, { user: auth.username });
      return callback(refusal(authFailure));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const rcptTo = session.envelope.rcptTo.map((r) => r.address);
        transcript.push(`DATA ${rcptTo.join(',')}`);
        const reply = script.data?.(rcptTo);
        if (reply) return callback(refusal(reply));
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((parsed) => {
            messages.push({
              mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              rcptTo,
              user: typeof session.user === 'string' ? session.user : undefined,
              raw,
              parsed,
            });
            const answer = `2.0.0 OK queued as fake-${messages.length}`;
            answerAfter(script.dataDelay?.(rcptTo), () => callback(null, answer));
          })
          .catch((error: unknown) => callback(error as Error));
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // Kept, not thrown: a client that gives up mid-handshake is what some tests are about.
  const errors: Error[] = [];
  server.on('error', (error: Error) => errors.push(error));
  const net = (server as unknown as { server: NetServer }).server;
  let connections = 0;
  net.on('connection', () => {
    connections += 1;
  });
  const port = (net.address() as AddressInfo).port;

  return {
    port,
    messages,
    logins,
    transcript,
    get connections() {
      return connections;
    },
    errors,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
