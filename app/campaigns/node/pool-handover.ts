/**
 * Hands a message the engine composed itself (one buffer, see message-builder `raw`) straight to
 * nodemailer's SMTP pool, past the Mailer layer. `Mail.sendMail` would build a MailMessage and a
 * MimeNode around the buffer, run its compile plugin (envelope parsing, data-image conversion) and
 * stream it through a PassThrough with AbortSignal plumbing, for every member; the pool itself only
 * reads a few fields of that object. Pooling, re-queueing, maxMessages, reconnects, TLS and
 * AUTH/XOAUTH2 stay nodemailer's.
 *
 * nodemailer internals this relies on, checked against the installed version (`NODEMAILER_CHECKED`,
 * asserted by pool-handover.test.ts; re-read these on every upgrade):
 * - mailer/index.js `Mail` constructor: `transporter` is the transport it was created with, and the
 *   transport's `mailer` points back (smtp-pool/pool-resource.js uses `pool.mailer` for XOAUTH2 tokens).
 * - smtp-pool/index.js `SMTPPool.send(mail, callback)` and `_processMessages`: read `mail.data.signal`
 *   and `mail.message.getHeader('message-id')`.
 * - smtp-pool/pool-resource.js `PoolResource.send`: reads `mail.message.getEnvelope()` (then mutated by
 *   the connection, so a fresh object per call), `mail.message.messageId()`,
 *   `mail.message.createReadStream()` (once per attempt; a re-queued message is read again),
 *   `mail.data.dsn`, `mail.data.requireTLSExtensionEnabled`; a transient failure on a reused connection
 *   re-queues the message only when the stream's `readableDidRead` is `false` (not a byte was sent).
 * - smtp-connection/index.js `send(envelope, message, done)`: `message.on('error')`, `message.pipe(dataStream)`,
 *   `message.destroy()` (envelope refused, or `close()` through `_pendingSend`), `removeListener`;
 *   `_createSendStream`: the DataStream is piped to the socket and its 'end' comes once the terminating
 *   dot was pushed to it (where nodemailer logs `<N bytes encoded mime message>`). The socket is
 *   found through the DataStream's `_readableState.pipes` (Node's stream internals) to cork it while
 *   the body and the dot are pushed; without it they simply go in two writes.
 */
import { Readable, type Writable } from 'node:stream';
import type { Transporter } from 'nodemailer';
import SMTPPool from 'nodemailer/lib/smtp-pool';
import type { Envelope } from '../../templates/node/message-builder';

/** The nodemailer version whose internals were read for this module (package.json pins it exactly). */
export const NODEMAILER_CHECKED = '10.6.0';

/** What the engine knows of one message while it is handed over. */
export interface Handover {
  /** Resolves once the member's `sending` line is on disk; the body waits for it. */
  readonly durable: Promise<void>;
  /** True once the DATA stream, terminating dot included, was written to the socket. */
  dataWritten: boolean;
}

/** What the pool reports for an accepted message. */
export interface PoolSentInfo {
  /** The server's reply to the final dot. */
  readonly response?: string;
  /** The Message-ID header (with brackets). */
  readonly messageId?: string;
}

/** A message composed once, ready for the pool. */
export interface ComposedMessage {
  /** MAIL FROM and RCPT TO. */
  readonly envelope: Envelope;
  /** The whole message (CRLF). */
  readonly raw: Buffer;
  /** Its Message-ID, with brackets. */
  readonly messageId: string;
}

/** The SMTP pool behind a transport from `createAccountTransport(…, { pool: true })`; undefined for any other (the Gmail API, a single connection). */
export function poolOf(transport: Transporter): SMTPPool | undefined {
  const inner = (transport as unknown as { transporter?: unknown }).transporter;
  return inner instanceof SMTPPool ? inner : undefined;
}

/**
 * The message body as the connection reads it: nothing until the member's journal line is durable,
 * then the whole buffer in one write into nodemailer's DataStream (which stuffs dots and adds the
 * final one). Not a byte is read before that, so `readableDidRead` stays false and the pool may
 * re-queue the message if the connection drops first.
 */
class HeldBody extends Readable {
  #started = false;

  constructor(
    private readonly raw: Buffer,
    private readonly handover: Handover,
  ) {
    super();
    // What the pool reads to decide a re-queue (see above): true only once the body was handed to the connection.
    Object.defineProperty(this, 'readableDidRead', { get: () => this.#started });
  }

  override _read(): void {
    // Only `pipe` below feeds the connection; nothing pulls through `read`.
  }

  override pipe<T extends NodeJS.WritableStream>(destination: T): T {
    const target = destination as unknown as Writable & Readable;
    target.once('end', () => {
      this.handover.dataWritten = true;
    });
    this.handover.durable.then(
      () => {
        if (this.destroyed || this.#started) return;
        this.#started = true;
        // The body and the terminating dot leave in one write: the DataStream pushes both synchronously
        // into the socket it is piped to, corked meanwhile (one syscall per message instead of two).
        const socket = socketOf(target);
        socket?.cork();
        target.end(this.raw);
        socket?.uncork();
      },
      (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
    );
    return destination;
  }
}

/** The socket nodemailer's DataStream is piped to (`_createSendStream`), through Node's Readable state; undefined if that ever changes. */
function socketOf(dataStream: Readable): Writable | undefined {
  const pipes = (dataStream as unknown as { _readableState?: { pipes?: unknown } })._readableState?.pipes;
  const socket = Array.isArray(pipes) && pipes.length === 1 ? (pipes[0] as Partial<Writable>) : undefined;
  return typeof socket?.cork === 'function' && typeof socket.uncork === 'function' ? (socket as Writable) : undefined;
}

/** The part of nodemailer's MailMessage the pool reads (see the list above). */
function poolMail(message: ComposedMessage, handover: Handover) {
  return {
    data: {},
    message: {
      getHeader: (key: string) => (key.toLowerCase() === 'message-id' ? message.messageId : undefined),
      getEnvelope: () => ({ from: message.envelope.from, to: [...message.envelope.to] }),
      messageId: () => message.messageId,
      createReadStream: () => new HeldBody(message.raw, handover),
    },
  };
}

/** Sends one composed message through the pool; the body waits for `handover.durable`. Rejects with nodemailer's own error. */
export function sendThroughPool(pool: SMTPPool, message: ComposedMessage, handover: Handover): Promise<PoolSentInfo> {
  return new Promise((resolve, reject) => {
    (pool.send as (mail: unknown, callback: (error: Error | null, info?: PoolSentInfo) => void) => void)(poolMail(message, handover), (error, info) =>
      error ? reject(error) : resolve(info ?? {}),
    );
  });
}

/**
 * The same gate for a message that goes through the Mailer (the Gmail API, or one nodemailer composes):
 * hooks the MimeNode's read stream so its pipe into the connection waits for `handover.durable`.
 */
export function watchDataStream(message: { createReadStream(...args: never[]): Readable }, handover: Handover): void {
  const create = message.createReadStream.bind(message) as (...args: unknown[]) => Readable;
  (message as { createReadStream: (...args: unknown[]) => Readable }).createReadStream = (...args: unknown[]) => {
    const source = create(...args);
    const pipe = source.pipe.bind(source) as <T extends Writable>(destination: T, options?: { end?: boolean }) => T;
    source.pipe = <T extends NodeJS.WritableStream>(destination: T, pipeOptions?: { end?: boolean }): T => {
      (destination as unknown as Readable).once('end', () => {
        handover.dataWritten = true;
      });
      handover.durable.then(
        () => pipe(destination as unknown as Writable, pipeOptions),
        (error: unknown) => source.destroy(error instanceof Error ? error : new Error(String(error))),
      );
      return destination;
    };
    return source;
  };
}
