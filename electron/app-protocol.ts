/**
 * The built renderer is served from a custom scheme, `app://mailroom/`, instead of `file://`, as
 * Electron's security checklist asks (§18, "Avoid usage of the file:// protocol"): a page on `file://`
 * can read any other file the user can, and the `grantFileProtocolExtraPrivileges` fuse widens that
 * further. The handler below serves only the files under the renderer folder, for GET, with the
 * Content-Security-Policy as a header on every response.
 * https://www.electronjs.org/docs/latest/api/protocol#protocolhandlescheme-handler
 */
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, normalize, relative } from 'node:path';

/** The scheme of the app's own page. */
export const APP_SCHEME = 'app';
/** The one host the scheme answers for. */
export const APP_HOST = 'mailroom';
/** The page the window loads. */
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Registered before `ready` (`protocol.registerSchemesAsPrivileged`): `standard` gives the page an
 * origin and relative URLs like http; `secure` makes it a secure context (module scripts, crypto);
 * `supportFetchAPI` lets the page's module loader fetch its chunks. Nothing else (no service workers,
 * no CORS bypass, no streaming).
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** How the handler reads a file; tests hand in a map. Rejects when the file does not exist. */
export type FileReader = (path: string) => Promise<Uint8Array>;

/** Options of the handler. */
export interface AppProtocolOptions {
  /** The renderer folder (`out/renderer`); nothing outside it is ever served. */
  readonly root: string;
  /** The Content-Security-Policy sent with every response. */
  readonly policy: string;
  /** Reads a file (default: fs.readFile). */
  readonly readFile?: FileReader;
}

/** The file a request asks for, inside `root`, or undefined when it asks for anything else. */
export function resolveAppPath(root: string, requestUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return undefined;
  const wanted = pathname === '/' ? '/index.html' : pathname;
  const file = normalize(join(root, wanted));
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined;
  return file;
}

/** Creates the `protocol.handle` callback for `app://mailroom/`. */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const read = options.readFile ?? ((path: string) => readFile(path));
  const headers = (contentType: string) => ({
    'Content-Type': contentType,
    'Content-Security-Policy': options.policy,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  });
  const refuse = (status: number, text: string) => new Response(text, { status, headers: headers('text/plain; charset=utf-8') });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed');
    const file = resolveAppPath(options.root, request.url);
    if (file === undefined) return refuse(404, 'Not found');
    const contentType = CONTENT_TYPES[extname(file).toLowerCase()];
    if (contentType === undefined) return refuse(404, 'Not found');
    let body: Uint8Array;
    try {
      body = await read(file);
    } catch {
      return refuse(404, 'Not found');
    }
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: headers(contentType) });
  };
}
