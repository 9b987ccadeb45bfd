/**
 * The loopback Node host: serves the built renderer and the same handler table as Electron over a
 * WebSocket on 127.0.0.1. A development and test tool (so Playwright can drive the real UI where the
 * Electron binary cannot be installed); never shipped in the packaged app.
 *
 * Guards: binds 127.0.0.1 only; every HTTP request and WebSocket upgrade must carry this host's own
 * `Host` (against DNS rebinding); the WebSocket also needs this host's own `Origin` and the random
 * token printed in the URL.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventChannel } from '../../ipc/common/channels';
import { dispatch, type Handlers } from '../../ipc/common/dispatch';
import type { EventSink, Logger } from '../../storage/node/ports';
import { CONTENT_SECURITY_POLICY } from '../../security/node/content-security-policy';

/** Options of the web host. */
export interface WebHostOptions {
  /** Builds the handler table, given the sink that pushes events to every connected page. */
  readonly createHandlers: (emit: EventSink) => Handlers | Promise<Handlers>;
  /** Folder of the built renderer (`out/renderer`). */
  readonly staticDir: string;
  /** Port to listen on; 0 picks a free one. */
  readonly port?: number;
  /** Log sink. */
  readonly log?: Logger;
}

/** A running web host. */
export interface WebHost {
  /** The URL to open, token included. */
  readonly url: string;
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** The WebSocket token. */
  readonly token: string;
  /** Stops the host. */
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Starts the host on 127.0.0.1. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const log = options.log ?? (() => undefined);
  const token = randomBytes(24).toString('base64url');
  const sockets = new Set<WebSocket>();
  let hostHeader = '';
  let origin = '';

  const emit: EventSink = (event: EventChannel, payload) => {
    const frame = JSON.stringify({ event, payload });
    for (const socket of sockets) if (socket.readyState === socket.OPEN) socket.send(frame);
  };
  const handlers = await options.createHandlers(emit);

  const server = createServer((req, res) => {
    if (req.headers.host !== hostHeader) return refuse(res, 421, 'Wrong Host header.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed.');
    void serveStatic(options.staticDir, req, res);
  });

  // Big enough for the largest request the contract allows (a 20 MiB list file as base64, attachments).
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const given = Buffer.from(url.searchParams.get('token') ?? '');
    const ok =
      req.headers.host === hostHeader &&
      req.headers.origin === origin &&
      url.pathname === '/ws' &&
      given.length === Buffer.byteLength(token) &&
      timingSafeEqual(given, Buffer.from(token));
    if (!ok) {
      log(`[web-host] refused a WebSocket from origin ${String(req.headers.origin)}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', (error) => log(`[web-host] socket error: ${error.message}`));
      ws.on('message', (data) => void answer(ws, data.toString()));
    });
  });

  const answer = async (ws: WebSocket, text: string) => {
    let message: { id?: unknown; channel?: unknown; input?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (typeof message.id !== 'number') return;
    const result = await dispatch(handlers, message.channel, message.input, log);
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: message.id, result }));
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  hostHeader = `127.0.0.1:${port}`;
  origin = `http://${hostHeader}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    close: async () => {
      for (const socket of sockets) socket.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(text);
}

async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
  const file = normalize(join(root, relative));
  if (!file.startsWith(normalize(root) + sep)) return refuse(res, 404, 'Not found.');
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    refuse(res, 404, 'Not found.');
  }
}
