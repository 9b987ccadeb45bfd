/**
 * A plain-text IMAP proxy on 127.0.0.1 for tests: counts the client's FETCH and IDLE commands, can drop
 * the connection in the middle of a full-source fetch (after some bytes of the server's answer), drop
 * every connection now, refuse the next connections, and hide the server's IDLE capability (a server
 * that must be polled).
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
  /** IDLE commands the client sent so far. */
  idles(): number;
  /** Connections accepted so far (refused ones included). */
  connections(): number;
  /** Connections open now. */
  open(): number;
  /** Drops every open connection now (a network cut). */
  dropAll(): void;
  /** Closes the next `n` connections as soon as they arrive (before the greeting). */
  refuseNext(n: number): void;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

/** Options of the proxy. */
export interface ImapProxyOptions {
  /** Remove IDLE from the server's CAPABILITY answers. */
  readonly hideIdle?: boolean;
}

/** Starts a proxy to 127.0.0.1:`targetPort`. */
export async function startImapProxy(targetPort: number, options: ImapProxyOptions = {}): Promise<ImapProxy> {
  const fetches: string[] = [];
  const sockets = new Set<Socket>();
  const clients = new Set<Socket>();
  let idles = 0;
  let accepted = 0;
  let refuse = 0;
  let dropAfter: number | null = null;
  let skipFetches = 0;
  let drops = 0;
  const server = createServer((client) => {
    accepted += 1;
    if (refuse > 0) {
      refuse -= 1;
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, '127.0.0.1');
    clients.add(client);
    client.on('close', () => clients.delete(client));
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
        if (/^\S+ IDLE\r?$/i.test(line)) idles += 1;
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
    upstream.on('data', (received: Buffer) => {
      let chunk = received;
      if (options.hideIdle && /CAPABILITY/i.test(chunk.toString('latin1'))) {
        chunk = Buffer.from(chunk.toString('latin1').replace(/(CAPABILITY[^\r\n]*?) IDLE(?=[ \]\r])/gi, '$1'), 'latin1');
      }
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
    idles: () => idles,
    connections: () => accepted,
    open: () => clients.size,
    dropAll() {
      for (const socket of sockets) socket.destroy();
    },
    refuseNext(n) {
      refuse = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
