/**
 * "Check": a step-by-step connection test of an SMTP account — DNS, connect, TLS, AUTH, MAIL FROM —
 * that times every step and stops before any message is sent (RSET, then QUIT). Never throws for
 * SMTP or network failures: the failed step carries the failure, later steps are skipped.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { TLSSocket } from 'node:tls';
import { format } from 'node:util';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type XOAuth2 from 'nodemailer/lib/xoauth2';
import { CHECK_STEPS, type CheckResult, type CheckStep } from '../../ipc/common/contract';
import type { AccountRecord } from './account-store';
import type { Clock } from '../../storage/node/ports';
import { SMTP_TIMEOUTS, smtpOptionsFor, toSmtpFailure } from './smtp-transport';

type StepName = CheckStep['step'];

/** What nodemailer's handshake reached and when (clock milliseconds), read from its log lines. */
interface Milestones {
  /** nodemailer finished its own host lookup and is about to open the socket. */
  resolved?: number;
  /** The TCP connection is up. */
  tcp?: number;
  /** TLS began: the TCP connection for implicit TLS, the STARTTLS command otherwise. */
  tlsStart?: number;
  /** The TLS handshake completed. */
  secure?: number;
  /** The server's first reply, normally `220 …`. */
  greeting?: string;
  /** Protocol and cipher of the TLS socket, e.g. `TLSv1.3 TLS_AES_256_GCM_SHA384`. */
  tlsDetail?: string;
}

/**
 * Runs "Check" for one account. The password is only handed to nodemailer's login; an OAuth account
 * passes `oauth2` (nodemailer's XOAUTH2 token generator) instead and `secrets` to blank out.
 */
export async function runSmtpCheck(
  record: AccountRecord,
  password: string | undefined,
  clock: Clock,
  oauth?: { readonly oauth2: XOAuth2; readonly secrets: readonly string[] },
): Promise<CheckResult> {
  const checkedAt = new Date(clock.now()).toISOString();
  const secrets = oauth ? [...oauth.secrets] : password ? [password] : [];
  const context = { port: record.port, security: record.security };
  const steps = new Map<StepName, CheckStep>();
  const finish = (failure?: unknown): CheckResult => {
    const all = CHECK_STEPS.map((name) => steps.get(name) ?? skipped(name));
    return failure === undefined
      ? { status: 'passed', steps: all, checkedAt }
      : { status: 'failed', steps: all, failure: toSmtpFailure(failure, secrets, context), checkedAt };
  };

  // DNS
  if (isIP(record.host) !== 0) {
    steps.set('dns', { ...skipped('dns'), detail: record.host });
  } else {
    const started = clock.now();
    try {
      const { address } = await lookupWithin(record.host, SMTP_TIMEOUTS.connectionTimeout);
      steps.set('dns', step('dns', 'ok', clock.now() - started, address));
    } catch (error) {
      steps.set('dns', step('dns', 'failed', clock.now() - started));
      return finish(asDnsError(error));
    }
  }

  // Connect and TLS: one nodemailer handshake, split into steps by its log lines. `auth` is a
  // transport option, not a connection one: the credentials go to login() below.
  const { auth: _transportAuth, ...options } = smtpOptionsFor(record, password);
  const milestones: Milestones = {};
  const connection: SMTPConnection = new SMTPConnection({
    ...options,
    debug: true,
    logger: createMilestoneLogger(milestones, record.security, clock, () => connection),
  });
  // nodemailer reports socket errors, timeouts and closes as events, not through the callbacks.
  const dropped = new Promise<never>((_resolve, reject) => {
    connection.on('error', reject);
    connection.once('end', () => reject(Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION', command: 'CONN' })));
  });
  dropped.catch(() => undefined);
  const untilDropped = <T>(work: Promise<T>): Promise<T> => Promise.race([work, dropped]);

  let ready = false;
  try {
    const connectStarted = clock.now();
    let connectError: unknown;
    try {
      await untilDropped(new Promise<void>((resolve, reject) => connection.connect((error) => (error ? reject(error) : resolve()))));
      ready = true;
    } catch (error) {
      connectError = error;
    }
    const phase = connectPhaseSteps(milestones, record.security, connectStarted, clock.now(), connectError !== undefined);
    steps.set('connect', phase.connect);
    steps.set('tls', phase.tls);
    if (connectError !== undefined) return finish(connectError);

    // AUTH: one attempt, never retried. Like nodemailer's transport, no login when the server offers none.
    if (record.username !== '' && connection.allowsAuth) {
      const started = clock.now();
      try {
        await untilDropped(
          new Promise<void>((resolve, reject) =>
            connection.login(oauth ? { user: record.username, oauth2: oauth.oauth2 } : { user: record.username, pass: password ?? '' }, (error) =>
              error ? reject(error) : resolve(),
            ),
          ),
        );
        steps.set('auth', step('auth', 'ok', clock.now() - started, replyText(connection.lastServerResponse)));
      } catch (error) {
        steps.set('auth', step('auth', 'failed', clock.now() - started));
        return finish(error);
      }
    }

    // MAIL FROM, then RSET so the server forgets the envelope.
    const started = clock.now();
    let reply: string;
    try {
      reply = await untilDropped(sendMailFrom(connection, record.fromAddress));
    } catch (error) {
      steps.set('mail-from', step('mail-from', 'failed', clock.now() - started));
      return finish(error);
    }
    if (!reply.startsWith('2')) {
      steps.set('mail-from', step('mail-from', 'failed', clock.now() - started, reply));
      return finish(mailFromError(reply));
    }
    steps.set('mail-from', step('mail-from', 'ok', clock.now() - started, reply));
    await untilDropped(new Promise<void>((resolve) => connection.reset(() => resolve()))).catch(() => undefined);
    return finish();
  } finally {
    if (ready && !connection.destroyed) connection.quit();
    connection.close();
  }
}

/**
 * Splits one nodemailer handshake (from `connect()` to its callback) into the connect and TLS steps,
 * so that dns + connect + tls add up to the whole setup:
 * - connect: from the end of nodemailer's own host lookup ("Resolved … as …", so a second lookup is
 *   not counted) to the end of the handshake — TCP, the greeting, EHLO (twice with STARTTLS) — minus
 *   the TLS step. Detail: the greeting.
 * - tls, implicit TLS: from the TCP connection (the socket's `connect` event; nodemailer logs nothing
 *   there) to "Secure connection established to …". The greeting and EHLO come later, inside TLS,
 *   and count as connect.
 * - tls, STARTTLS: from the `STARTTLS` command to "Connection upgraded with STARTTLS".
 * A failure while TLS is under way fails the tls step; any other failure fails connect.
 */
function connectPhaseSteps(
  m: Milestones,
  security: AccountRecord['security'],
  startedAt: number,
  endedAt: number,
  failed: boolean,
): { connect: CheckStep; tls: CheckStep } {
  const tlsFailed = failed && m.tlsStart !== undefined && m.secure === undefined;
  const tlsMs = m.tlsStart === undefined ? 0 : (m.secure ?? endedAt) - m.tlsStart;
  const connectMs = endedAt - (m.resolved ?? startedAt) - tlsMs;
  const connect = step('connect', failed && !tlsFailed ? 'failed' : 'ok', connectMs, m.greeting);
  if (security === 'none') return { connect, tls: skipped('tls') };
  if (m.secure !== undefined) return { connect, tls: step('tls', 'ok', tlsMs, m.tlsDetail) };
  return { connect, tls: tlsFailed ? step('tls', 'failed', tlsMs) : skipped('tls') };
}

/**
 * A bunyan-style logger for SMTPConnection (`debug: true`) that records milestones from the log lines
 * of nodemailer 10.6.0 (lib/smtp-connection/index.js); every other line is dropped, so nothing the
 * log holds (commands, replies) is kept.
 */
function createMilestoneLogger(m: Milestones, security: AccountRecord['security'], clock: Clock, connection: () => SMTPConnection) {
  const tlsDetail = () => {
    const socket = connection()._socket;
    if (!(socket instanceof TLSSocket)) return undefined;
    const cipher = socket.getCipher();
    return [socket.getProtocol(), cipher.standardName ?? cipher.name].filter(Boolean).join(' ');
  };
  const onLine = (entry: unknown, message: unknown, args: unknown[]) => {
    const tnx = typeof entry === 'object' && entry !== null ? (entry as { tnx?: unknown }).tnx : undefined;
    if (typeof message !== 'string') return;
    // A server line is raw text, not a format string.
    const text = args.length === 0 ? message : format(message, ...args);
    const now = clock.now();
    if (tnx === 'dns' && text.startsWith('Resolved ')) {
      m.resolved = now;
      // nodemailer opens the socket right after this line, in the same tick; its `connect` event is
      // the only mark of the TCP connection when TLS starts at once (the log line comes after TLS).
      queueMicrotask(() => {
        const socket = connection()._socket;
        if (!socket) return;
        socket.once('connect', () => {
          m.tcp = clock.now();
          if (security === 'tls') m.tlsStart = m.tcp;
        });
      });
    } else if (tnx === 'server' && m.greeting === undefined) {
      m.greeting = text;
    } else if (tnx === 'client' && text === 'STARTTLS') {
      m.tlsStart = now;
    } else if (
      (tnx === 'smtp' && text === 'Connection upgraded with STARTTLS') ||
      (tnx === 'network' && text.startsWith('Secure connection established to '))
    ) {
      m.secure = now;
      m.tlsDetail = tlsDetail();
    }
  };
  const log = (entry: unknown, message?: unknown, ...args: unknown[]) => onLine(entry, message, args);
  return { trace: log, debug: log, info: log, warn: log, error: log, fatal: log };
}

/**
 * Sends `MAIL FROM:<address>` and resolves with the server's reply, whatever it is.
 * SMTPConnection has no public call for the envelope alone (send() needs recipients and a message),
 * so this relies on two internals of the pinned nodemailer 10.6.0: `_sendCommand(line)` writes one
 * command, and `_responseActions` is the queue of handlers that each complete reply is handed to.
 * smtp-check.test.ts ("STARTTLS: all five steps…") fails if either changes.
 */
function sendMailFrom(connection: SMTPConnection, address: string): Promise<string> {
  const internals = connection as unknown as { _sendCommand?: unknown; _responseActions?: unknown };
  const { _sendCommand: sendCommand, _responseActions: actions } = internals;
  if (typeof sendCommand !== 'function' || !Array.isArray(actions)) {
    return Promise.reject(new Error('This nodemailer version has no _sendCommand/_responseActions; update smtp-check.ts.'));
  }
  if (/[\r\n<>]/.test(address)) {
    return Promise.reject(Object.assign(new Error(`Invalid sender ${JSON.stringify(address)}`), { code: 'EENVELOPE', command: 'API' }));
  }
  return new Promise((resolve) => {
    actions.push((reply: string) => resolve(reply));
    sendCommand.call(connection, `MAIL FROM:<${address}>`);
  });
}

/** A refused MAIL FROM, shaped like nodemailer's own (`_actionMAIL`), so it is diagnosed the same way. */
function mailFromError(reply: string): Error {
  const responseCode = Number(/^\d+/.exec(reply)?.[0]);
  return Object.assign(new Error(`Mail command failed: ${reply}`), {
    code: 'EENVELOPE',
    command: 'MAIL FROM',
    response: reply,
    ...(responseCode ? { responseCode } : {}),
  });
}

/** dns.lookup bounded like nodemailer's connection timeout (getaddrinfo itself has none). */
async function lookupWithin(host: string, timeoutMs: number): Promise<{ address: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`DNS lookup for ${host} timed out`)), timeoutMs);
  });
  try {
    return await Promise.race([lookup(host), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A lookup failure shaped like nodemailer's (`code: 'EDNS'`, Node's text kept in the message). */
function asDnsError(error: unknown): Error {
  const cause = error instanceof Error ? error : new Error(String(error));
  return Object.assign(new Error(cause.message), { code: 'EDNS', command: 'CONN' });
}

function replyText(reply: string | false): string | undefined {
  return reply === false || reply === '' ? undefined : reply;
}

function step(name: StepName, status: CheckStep['status'], durationMs: number, detail?: string): CheckStep {
  return { step: name, status, durationMs: Math.max(0, durationMs), ...(detail === undefined ? {} : { detail }) };
}

function skipped(name: StepName): CheckStep {
  return { step: name, status: 'skipped', durationMs: 0 };
}
