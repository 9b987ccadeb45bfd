/**
 * Sending through the Gmail API as a nodemailer custom transport (`{name, version, send(mail, cb)}`,
 * nodemailer docs "transports"): nodemailer's composer builds the exact MIME the SMTP path would send
 * (`mail.message.build()`), and it is posted base64url-encoded as `raw` to
 * `<api base>/gmail/v1/users/me/messages/send` with the bearer token ([G] gmail/api/guides/sending;
 * the REST path is UNCONFIRMED in providers.md §5, it is the one Google's guide and client libraries use).
 * So the campaign engine and Send test keep calling `transport.sendMail` and need nothing else.
 *
 * How the API's answers are shaped for the one classifier and the campaign policy (delivery-state.ts
 * `classifyFailure`, which acts on nodemailer's `code`/`responseCode`/`command`):
 *
 * | API answer                                             | code        | responseCode | campaign does |
 * |--------------------------------------------------------|-------------|--------------|---------------|
 * | 401 (after one renewed token)                          | EAUTH       | 401          | pauses        |
 * | 403 insufficientPermissions / accessNotConfigured /    | EAUTH       | 403          | pauses        |
 * |     SERVICE_DISABLED / admin policy                    |             |              |               |
 * | 429, 403 userRateLimitExceeded / rateLimitExceeded     | EGMAILAPI   | 429 / 403    | retries later |
 * | dailyLimitExceeded, "Daily user sending limit"         | EGMAILAPI   | status       | pauses account (diagnosis daily-limit) |
 * | 400 / 404 / 413 (this message)                         | EMESSAGE    | —            | fails the member |
 * | 5xx                                                    | ECONNECTION | —            | retries, then pauses |
 * | no answer after the whole request was written          | ECONNECTION | —            | `unknown` (may have been sent) |
 * | token endpoint refused                                 | EAUTH (OAuthError) | —     | pauses        |
 *
 * "Lost after the hand-over": the engine watches the end of the stream nodemailer pipes a message into
 * (campaign-engine.ts `watchDataStream`). This transport pipes the message into a sink whose end it
 * signals only when the request body was fully written and no answer came — exactly the case where
 * the message may have been sent — so such a member becomes `unknown` rather than being sent twice.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Transform, type TransformCallback } from 'node:stream';
import type { Transport } from 'nodemailer';
import type MailMessage from 'nodemailer/lib/mailer/mail-message';
import type { AccessTokenSource } from '../../oauth/node/oauth-sessions';

/** What one send returns (like SMTPTransport's info; `messageId` is the API's id). */
export interface GmailApiSentInfo {
  /** Envelope from the message headers. */
  readonly envelope: { from: string | false; to: string[] };
  /** The Gmail API's message id. */
  readonly messageId: string;
  /** The Message-ID header the message carried. */
  readonly headerMessageId: string;
  /** The Gmail thread id. */
  readonly threadId: string;
  /** A one-line summary, used as the row's reply text. */
  readonly response: string;
  /** Recipients, as given in the envelope (the API does not report per-recipient acceptance). */
  readonly accepted: string[];
  /** Always empty. */
  readonly rejected: string[];
}

/** Options of the transport. */
export interface GmailApiTransportOptions {
  /** Access tokens for the account. */
  readonly tokens: AccessTokenSource;
  /** `https://gmail.googleapis.com`, or a loopback fake in tests. */
  readonly apiBase: string;
  /** Time for one request, in ms (default 60 s). */
  readonly timeoutMs?: number;
}

/** An error shaped like nodemailer's. */
export type GmailApiError = Error & { code: string; command: string; responseCode?: number; response?: string };

/** Creates the custom transport. */
export function createGmailApiTransport(options: GmailApiTransportOptions): Transport<GmailApiSentInfo> {
  return {
    name: 'GmailAPI',
    version: '1',
    send(mail: MailMessage<GmailApiSentInfo>, callback: (err: Error | null, info: GmailApiSentInfo) => void) {
      sendOne(mail, options).then(
        (info) => callback(null, info),
        (error: Error) => callback(error, undefined as unknown as GmailApiSentInfo),
      );
    },
  };
}

async function sendOne(mail: MailMessage<GmailApiSentInfo>, options: GmailApiTransportOptions): Promise<GmailApiSentInfo> {
  const sink = new HandoverSink();
  const raw = await new Promise<Buffer>((resolve, reject) => {
    const source = mail.message.createReadStream();
    source.once('error', reject);
    sink.once('collected', resolve);
    source.pipe(sink);
  });
  const envelope = mail.message.getEnvelope();
  const headerMessageId = mail.message.messageId();
  const body = JSON.stringify({ raw: raw.toString('base64url') });
  const url = new URL('/gmail/v1/users/me/messages/send', options.apiBase);

  let token = await options.tokens.get();
  let answer = await post(url, token.token, body, options.timeoutMs ?? 60_000, sink);
  if (answer.status === 401) {
    // Like nodemailer's XOAUTH2: a refused token is renewed once, then the refusal stands.
    token = await options.tokens.get({ renew: true });
    answer = await post(url, token.token, body, options.timeoutMs ?? 60_000, sink);
  }
  if (answer.status >= 200 && answer.status < 300) {
    const json = parseJson(answer.text);
    const id = typeof json.id === 'string' ? json.id : '';
    const threadId = typeof json.threadId === 'string' ? json.threadId : '';
    return {
      envelope,
      messageId: id,
      headerMessageId,
      threadId,
      response: `${answer.status} Gmail API accepted the message: id ${id}${threadId ? `, thread ${threadId}` : ''}`,
      accepted: [...envelope.to],
      rejected: [],
    };
  }
  throw apiError(answer.status, answer.text, options.tokens.secrets());
}

/** Builds the nodemailer-shaped error for an HTTP failure of the Gmail API (see the table above). */
export function apiError(status: number, text: string, secrets: readonly string[] = []): GmailApiError {
  const json = parseJson(text);
  const error = (json.error && typeof json.error === 'object' ? json.error : {}) as { message?: unknown; status?: unknown; errors?: unknown; details?: unknown };
  const reasons = [
    ...(Array.isArray(error.errors) ? error.errors.map((e: { reason?: unknown }) => e?.reason) : []),
    ...(Array.isArray(error.details) ? error.details.map((d: { reason?: unknown }) => d?.reason) : []),
    error.status,
  ].filter((r): r is string => typeof r === 'string' && r !== '');
  const message = typeof error.message === 'string' ? error.message : text.slice(0, 200).replace(/\s+/g, ' ');
  const scrub = (t: string) => secrets.reduce((acc, s) => (s ? acc.split(s).join('••••') : acc), t);
  const response = scrub(`${status} ${[...new Set(reasons)].join(' ')}${reasons.length > 0 ? ': ' : ''}${message}`.slice(0, 600));
  const lower = response.toLowerCase();
  const rate = status === 429 || /userratelimitexceeded|ratelimitexceeded|dailylimitexceeded|daily user sending limit|resource_exhausted/.test(lower);
  let code: string;
  let responseCode: number | undefined = status;
  if (status === 401 || (status === 403 && !rate)) code = 'EAUTH';
  else if (rate) code = 'EGMAILAPI';
  else if (status >= 500) {
    code = 'ECONNECTION';
    responseCode = undefined;
  } else {
    code = 'EMESSAGE';
    responseCode = undefined;
  }
  return Object.assign(new Error(`Gmail API refused the message: ${response}`), {
    code,
    command: 'GMAIL API',
    response,
    ...(responseCode === undefined ? {} : { responseCode }),
  }) as GmailApiError;
}

interface Answer {
  readonly status: number;
  readonly text: string;
}

/** One POST with node:http(s), so that "request fully written" can be told from "no answer". */
function post(url: URL, accessToken: string, body: string, timeoutMs: number, sink: HandoverSink): Promise<Answer> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Answer>((resolve, reject) => {
    let written = false;
    const req = send(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), accept: 'application/json' },
      timeout: timeoutMs,
    });
    req.on('finish', () => {
      written = true;
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('Timeout waiting for the Gmail API'), { code: 'ETIMEDOUT' })));
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (error: Error & { code?: string }) => {
      const lost = written;
      if (lost) sink.handedOver();
      reject(
        Object.assign(new Error(`${lost ? 'Connection lost after the message was sent to the Gmail API' : 'Could not reach the Gmail API'}: ${error.message}`), {
          code: error.code === 'ETIMEDOUT' ? 'ETIMEDOUT' : 'ECONNECTION',
          command: 'GMAIL API',
        }),
      );
    });
    req.end(body);
  });
}

/**
 * Collects the message bytes and emits `collected`; its own readable side ends (the `end` event
 * the engine listens for) only when `handedOver()` says the bytes left for the API with no answer.
 */
class HandoverSink extends Transform {
  private readonly chunks: Buffer[] = [];

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.chunks.push(chunk);
    done();
  }

  override _flush(done: TransformCallback): void {
    this.emit('collected', Buffer.concat(this.chunks));
    done();
  }

  /** Marks the hand-over: ends the readable side (nothing was pushed, so `end` follows at once). */
  handedOver(): void {
    this.resume();
  }
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
