/**
 * The loopback Node host: serves the built renderer and the same handler table as Electron over a
 * WebSocket on 127.0.0.1 — Mailroom in the browser where the Electron binary is not installed (`npm
 * start` falls back to it), and what Playwright drives.
 *
 * Guards: binds 127.0.0.1 only; every HTTP request and WebSocket upgrade must carry this host's own
 * `Host` (against DNS rebinding); the WebSocket also needs this host's own `Origin` and the random
 * token printed in the URL (or the HttpOnly, SameSite=Strict cookie the page got with it, so a reload or
 * a second tab still connects). The page itself opens only with that token or cookie; without them, a
 * landing page says what happened and what to do.
 *
 * Robustness: every HTTP request, upgrade and WebSocket frame is answered or dropped inside a guard;
 * an unexpected error is logged by its name only (never a message that could quote a request) and
 * the host stays up.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventChannel } from '../../ipc/common/channels';
import { dispatch, type Handlers } from '../../ipc/common/dispatch';
import type { EventSink, Logger } from '../../storage/node/ports';
import { CONTENT_SECURITY_POLICY } from '../../security/node/content-security-policy';
import { LANDING_CONTENT_SECURITY_POLICY, landingPage, pickLanguage, type LandingReason } from './landing-page';

/** Options of the web host. */
export interface WebHostOptions {
  /** Builds the handler table, given the sink that pushes events to every connected page. */
  readonly createHandlers: (emit: EventSink) => Handlers | Promise<Handlers>;
  /** Folder of the built renderer (`out/renderer`). */
  readonly staticDir: string;
  /** Port to listen on; 0 picks a free one. */
  readonly port?: number;
  /** When `port` is taken, listen on any free port instead of failing (a remembered port, not a required one). */
  readonly anyPortIfTaken?: boolean;
  /** Log sink. */
  readonly log?: Logger;
  /** The largest WebSocket frame accepted, in bytes (default 64 MiB); a bigger one closes that socket. */
  readonly maxFrameBytes?: number;
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
  let listening = 0;

  const emit: EventSink = (event: EventChannel, payload) => {
    const frame = JSON.stringify({ event, payload });
    for (const socket of sockets) if (socket.readyState === socket.OPEN) socket.send(frame);
  };
  const handlers = await options.createHandlers(emit);

  const cookieName = () => `mailroom-${listening}`;
  const isToken = (given: string | null | undefined): boolean => {
    if (typeof given !== 'string') return false;
    const bytes = Buffer.from(given);
    return bytes.length === Buffer.byteLength(token) && timingSafeEqual(bytes, Buffer.from(token));
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.headers.host !== hostHeader) return refuse(res, 421, 'Wrong Host header.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed.');
    const target = parseTarget(req.url);
    if (!target) return refuse(res, 400, 'Bad request.');
    if (target.pathname === '/' || target.pathname === '/index.html') {
      const fromQuery = target.searchParams.get('token');
      const fromCookie = readCookie(req.headers.cookie, cookieName());
      if (isToken(fromQuery) || isToken(fromCookie)) {
        res.setHeader('Set-Cookie', `${cookieName()}=${token}; Path=/; HttpOnly; SameSite=Strict`);
        return serveStatic(options.staticDir, '/index.html', req, res);
      }
      const reason: LandingReason = fromQuery === null && fromCookie === undefined ? 'missing' : 'stale';
      return landing(res, reason, pickLanguage(req.headers['accept-language']), listening, req.method === 'HEAD');
    }
    return serveStatic(options.staticDir, target.pathname, req, res);
  };

  const server = createServer((req, res) => {
    const failed = (error: unknown) => {
      log(`[web-host] a request failed unexpectedly: ${errorName(error)}`);
      if (!res.headersSent) refuse(res, 500, 'Internal error.');
      else res.destroy();
    };
    try {
      onRequest(req, res).catch(failed);
    } catch (error) {
      failed(error);
    }
  });
  server.on('clientError', (_error, socket: Duplex) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  // Big enough for the largest request the contract allows (a 20 MiB list file as base64, attachments).
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes ?? 64 * 1024 * 1024 });
  const refuseUpgrade = (socket: Duplex) => {
    if (socket.writable) socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  };
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      const target = parseTarget(req.url);
      const ok =
        target !== null &&
        req.headers.host === hostHeader &&
        req.headers.origin === origin &&
        target.pathname === '/ws' &&
        (isToken(target.searchParams.get('token')) || isToken(readCookie(req.headers.cookie, cookieName())));
      if (!ok) {
        log('[web-host] refused a WebSocket that did not carry this host\'s origin and token');
        return refuseUpgrade(socket);
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        sockets.add(ws);
        ws.on('close', () => sockets.delete(ws));
        ws.on('error', (error) => log(`[web-host] socket error: ${errorName(error)}`));
        ws.on('message', (data, isBinary) => {
          if (isBinary) return;
          answer(ws, data.toString()).catch((error: unknown) => log(`[web-host] a frame failed unexpectedly: ${errorName(error)}`));
        });
      });
    } catch (error) {
      log(`[web-host] an upgrade failed unexpectedly: ${errorName(error)}`);
      socket.destroy();
    }
  });

  const answer = async (ws: WebSocket, text: string) => {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    // Only `{ id: <integer>, channel, input }` is a request; anything else (null, arrays, numbers) is dropped.
    if (typeof message !== 'object' || message === null || Array.isArray(message)) return;
    const { id, channel, input } = message as { id?: unknown; channel?: unknown; input?: unknown };
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) return;
    const result = await dispatch(handlers, channel, input, log);
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }));
  };

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      server.once('error', onError);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', onError);
        resolve();
      });
    });
  try {
    await listen(options.port ?? 0);
  } catch (error) {
    // A remembered port taken by something else: any free one will do.
    if (!options.anyPortIfTaken || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    await listen(0);
  }
  const { port } = server.address() as AddressInfo;
  listening = port;
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
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' }).end(text);
}

/** The name of an error, for logs: never its message, which may quote a request. */
function errorName(error: unknown): string {
  if (error instanceof Error) return `${error.name}${'code' in error && typeof error.code === 'string' ? ` (${error.code})` : ''}`;
  return typeof error;
}

/** Parses an origin-form request target (`/path?query`); null for anything else or anything malformed. */
function parseTarget(raw: string | undefined): URL | null {
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.startsWith('//')) return null;
  try {
    return new URL(raw, 'http://127.0.0.1');
  } catch {
    return null;
  }
}

/** One cookie's value from a Cookie header, or undefined. */
function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

function landing(res: ServerResponse, reason: LandingReason, language: 'ko' | 'en', port: number, headOnly: boolean): void {
  res.writeHead(401, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Language': language,
    'Content-Security-Policy': LANDING_CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    Vary: 'Accept-Language, Cookie',
  });
  res.end(headOnly ? undefined : landingPage(reason, language, port));
}

async function serveStatic(root: string, rawPath: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(rawPath);
  } catch {
    return refuse(res, 400, 'Bad request.');
  }
  if (pathname.includes('\0')) return refuse(res, 404, 'Not found.');
  const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
  const file = normalize(join(root, relative));
  if (!file.startsWith(normalize(root) + sep)) return refuse(res, 404, 'Not found.');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return refuse(res, 404, 'Not found.');
  }
  res.writeHead(200, {
    'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
