/**
 * A fault-injecting TCP proxy on 127.0.0.1 in front of a plain (security `none`) smtp-sink: it reads
 * the client's SMTP commands and can drop the connection at exact points a real network loses it,
 * which smtp-server's hooks cannot do:
 * - before a `RCPT TO` reaches the server (nothing can have been delivered);
 * - after the final "." of DATA reached the server and the server answered, but before that answer
 *   reaches the client (the message was delivered and the client cannot know).
 * It can also stall a connection: hold the `DATA` command back, so that the server never says `354`
 * and the client waits, with nothing handed over, until its own socket timeout gives up.
 */
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

/** When to drop; each hook gets the envelope recipient of the current transaction. */
export interface SmtpFaultOptions {
  /** The sink's port. */
  readonly upstreamPort: number;
  /** Drop instead of forwarding this RCPT TO. */
  readonly dropBeforeRcpt?: (recipient: string) => boolean;
  /** Forward DATA with its final dot, let the server answer, and drop before the answer reaches the client. */
  readonly dropAfterDot?: (recipient: string) => boolean;
  /** Hold this transaction's `DATA` command back (and everything after it): the connection stalls. */
  readonly stallAtData?: (recipient: string) => boolean;
}

/** A running proxy. */
export interface SmtpFaultProxy {
  /** The port clients connect to. */
  readonly port: number;
  /** Recipients whose connection was dropped, by kind. */
  readonly dropped: { readonly beforeRcpt: string[]; readonly afterDot: string[] };
  /** Recipients whose connection was stalled at `DATA`. */
  readonly stalled: { readonly atData: string[] };
  /** Stops the proxy and its connections. */
  close(): Promise<void>;
}

/** Starts the proxy. */
export async function startSmtpFaultProxy(options: SmtpFaultOptions): Promise<SmtpFaultProxy> {
  const dropped = { beforeRcpt: [] as string[], afterDot: [] as string[] };
  const stalled = { atData: [] as string[] };
  const sockets = new Set<Socket>();

  const server = createServer((client) => {
    const upstream = connect(options.upstreamPort, '127.0.0.1');
    // The proxy forwards line by line: without this, Nagle's algorithm and delayed ACKs hold many of
    // those small writes for tens of milliseconds each.
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    sockets.add(client);
    sockets.add(upstream);
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', () => {
      sockets.delete(client);
      upstream.destroy();
    });
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    client.on('error', cut);
    upstream.on('error', cut);

    let swallowNextReply = false;
    upstream.on('data', (chunk: Buffer) => {
      if (swallowNextReply) {
        // The server's answer to the final dot: it never reaches the client.
        cut();
        return;
      }
      client.write(chunk);
    });

    let pending = '';
    let inData = false;
    let recipient = '';
    let stalledHere = false;
    client.on('data', (chunk: Buffer) => {
      if (stalledHere) return;
      pending += chunk.toString('latin1');
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline + 1);
        pending = pending.slice(newline + 1);
        const bare = line.replace(/\r?\n$/, '');
        if (inData) {
          upstream.write(Buffer.from(line, 'latin1'));
          if (bare === '.') {
            inData = false;
            if (options.dropAfterDot?.(recipient)) {
              dropped.afterDot.push(recipient);
              swallowNextReply = true;
            }
          }
          continue;
        }
        const rcpt = /^RCPT TO:\s*<([^>]*)>/i.exec(bare);
        if (rcpt) {
          recipient = rcpt[1] ?? '';
          if (options.dropBeforeRcpt?.(recipient)) {
            dropped.beforeRcpt.push(recipient);
            cut();
            return;
          }
        }
        if (/^DATA$/i.test(bare)) {
          if (options.stallAtData?.(recipient)) {
            stalled.atData.push(recipient);
            stalledHere = true;
            return;
          }
          inData = true;
        }
        upstream.write(Buffer.from(line, 'latin1'));
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    dropped,
    stalled,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Gmail's daily-limit reply at DATA (providers.md §2: `550 5.4.5`, Google's own text). */
export const GMAIL_DAILY_LIMIT_REPLY = {
  code: 550,
  text: '5.4.5 Daily user sending limit exceeded. For more information on Gmail sending limits go to https://support.google.com/a/answer/166852',
} as const;

/** A quota the fake server keeps, like a provider's daily limit: it takes `limit` messages, then refuses each further one. */
export interface DailyLimitScript {
  /** The sink's `script.data`: undefined accepts, a reply refuses. */
  readonly data: (rcptTo: readonly string[]) => { readonly code: number; readonly text: string } | undefined;
  /** How many messages it refused. */
  readonly refused: () => number;
  /** Lifts the limit (the provider's window freed): every further message is taken. */
  lift(): void;
}

/**
 * A sink `data` script that counts the messages whose first recipient `counts` and, after `limit` of them,
 * answers each further one with `reply` (default: Gmail's 550 5.4.5) until lifted; others pass untouched.
 */
export function dailyLimitAfter(limit: number, counts: (recipient: string) => boolean = () => true, reply: { readonly code: number; readonly text: string } = GMAIL_DAILY_LIMIT_REPLY): DailyLimitScript {
  let taken = 0;
  let refused = 0;
  let lifted = false;
  return {
    data(rcptTo) {
      if (!counts(rcptTo[0] ?? '')) return undefined;
      if (lifted || taken < limit) {
        taken += 1;
        return undefined;
      }
      refused += 1;
      return reply;
    },
    refused: () => refused,
    lift() {
      lifted = true;
    },
  };
}
