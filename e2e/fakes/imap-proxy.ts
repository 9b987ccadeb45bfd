/**
 * A plain-text IMAP proxy on 127.0.0.1 for tests: counts the client's FETCH commands and can drop
 * the connection in the middle of a full-source fetch (after some bytes of the server's answer).
 */
import { createServer, connect, type Socket } from 'node:net';

/** A running proxy. */
export interface ImapProxy {
  /** The port to connect to. */
  readonly port: number;
  /** FETCH commands seen so far (UID FETCH included), with their text. */
  readonly fetches: string[];
  /** Drop the connection `afterBytes` into the answer to the `nth` (default first) BODY.PEEK[] fetch from now on. */
  dropSourceFetch(afterBytes: number, nth?: number): void;
  /** Connections dropped so far. */
  dropped(): number;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

/** Starts a proxy to 127.0.0.1:`targetPort`. */
export async function startImapProxy(targetPort: number): Promise<ImapProxy> {
  const fetches: string[] = [];
  const sockets = new Set<Socket>();
  let dropAfter: number | null = null;
  let skipFetches = 0;
  let drops = 0;
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    let pending = '';
    let armed: number | null = null;
    const kill = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (/^\S+ (?:UID )?FETCH /i.test(line)) {
          fetches.push(line.trim());
          if (dropAfter !== null && /BODY\.PEEK\[\]/i.test(line)) {
            if (skipFetches > 0) skipFetches -= 1;
            else {
              armed = dropAfter;
              dropAfter = null;
            }
          }
        }
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (armed !== null) {
        if (chunk.length >= armed) {
          client.write(chunk.subarray(0, armed));
          drops += 1;
          armed = null;
          kill();
          return;
        }
        armed -= chunk.length;
      }
      client.write(chunk);
    });
    client.on('close', kill);
    upstream.on('close', kill);
    client.on('error', kill);
    upstream.on('error', kill);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('proxy has no port');
  return {
    port: address.port,
    fetches,
    dropSourceFetch(afterBytes, nth = 1) {
      dropAfter = afterBytes;
      skipFetches = nth - 1;
    },
    dropped: () => drops,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
