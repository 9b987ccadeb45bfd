/**
 * The consent half of Google's desktop-app flow (providers.md §5, [G] native-app guide): PKCE (S256)
 * and `state`, the authorization URL, and a one-shot HTTP listener on 127.0.0.1 that receives the
 * browser's redirect, checks `state`, shows a short "you can close this tab" page, and closes.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A PKCE pair. */
export interface Pkce {
  /** 43–128 characters of `[A-Za-z0-9-._~]`; stays in this process until the code exchange. */
  readonly verifier: string;
  /** `BASE64URL(SHA256(ASCII(verifier)))`. */
  readonly challenge: string;
  /** Always `S256` (the guide recommends it; `plain` is the default when omitted, so it is always sent). */
  readonly method: 'S256';
}

/** Creates a PKCE pair: 32 random bytes as base64url give a 43-character verifier. */
export function createPkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: pkceChallenge(verifier), method: 'S256' };
}

/** The S256 challenge of a verifier. */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** A fresh `state` value: 24 random bytes, base64url. */
export function createState(): string {
  return randomBytes(24).toString('base64url');
}

/** Compares two `state` values in constant time. */
export function sameState(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** What goes into the authorization URL. */
export interface AuthorizationRequest {
  /** The client JSON's `auth_uri`. */
  readonly authUri: string;
  /** The client id. */
  readonly clientId: string;
  /** `http://127.0.0.1:<port>` of the listener. */
  readonly redirectUri: string;
  /** Scopes, joined with spaces. */
  readonly scopes: readonly string[];
  /** The PKCE pair. */
  readonly pkce: Pkce;
  /** The state value. */
  readonly state: string;
  /** A known address to preselect the account (reconnect), or empty. */
  readonly loginHint?: string;
}

/**
 * The authorization URL [G] native-app guide (params `client_id`, `redirect_uri`, `response_type=code`,
 * `scope`, `code_challenge`, `code_challenge_method`, `state`, `login_hint`). `access_type=offline`
 * and `prompt=consent` are web-server-flow parameters; for installed apps the guide says a refresh
 * token is "always returned", so they are not sent. UNCONFIRMED whether Google returns a new refresh
 * token on a second consent without `prompt=consent`; the reconnect path keeps the old one if not.
 */
export function authorizationUrl(request: AuthorizationRequest): string {
  const url = new URL(request.authUri);
  url.searchParams.set('client_id', request.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', request.scopes.join(' '));
  url.searchParams.set('code_challenge', request.pkce.challenge);
  url.searchParams.set('code_challenge_method', request.pkce.method);
  url.searchParams.set('state', request.state);
  if (request.loginHint) url.searchParams.set('login_hint', request.loginHint);
  return url.href;
}

/** How a consent ended at the listener. */
export type RedirectOutcome =
  /** The browser came back with a code and the right state. */
  | { readonly kind: 'code'; readonly code: string }
  /** The browser came back with an `error` (the user pressed Cancel: `access_denied`; or a policy). */
  | { readonly kind: 'error'; readonly error: string; readonly description: string }
  /** The user cancelled in Mailroom. */
  | { readonly kind: 'cancelled' }
  /** Nobody came back in time. */
  | { readonly kind: 'timed-out' };

/** A listener waiting for one redirect. */
export interface LoopbackListener {
  /** `http://127.0.0.1:<port>`: the redirect URI to send. */
  readonly redirectUri: string;
  /** Resolves once: a code, an error, a cancel or a time-out. The server is closed by then. */
  readonly outcome: Promise<RedirectOutcome>;
  /** Ends the wait with `cancelled` (no-op once ended). */
  cancel(): void;
}

/** Options of the listener. */
export interface LoopbackOptions {
  /** The state sent in the authorization URL; a redirect with another one is refused and ignored. */
  readonly state: string;
  /** How long to wait for the browser, in ms (default 5 minutes). */
  readonly timeoutMs?: number;
}

/** Page words, both languages: the listener cannot know the UI language of the browser tab. */
const PAGES = {
  done: {
    title: 'Mailroom',
    lines: ['Mailroom이 Google 계정에 연결되었습니다. 이 탭을 닫고 Mailroom으로 돌아가세요.', 'Mailroom is connected to your Google account. You can close this tab and go back to Mailroom.'],
  },
  denied: {
    title: 'Mailroom',
    lines: ['Google 계정 연결이 취소되었습니다. 이 탭을 닫아도 됩니다.', 'Connecting your Google account was cancelled. You can close this tab.'],
  },
  wrongState: {
    title: 'Mailroom',
    lines: ['이 응답은 Mailroom이 시작한 연결과 맞지 않아 무시했습니다.', 'This answer does not belong to the sign-in Mailroom started, so it was ignored.'],
  },
} as const;

/**
 * Starts the one-shot listener on 127.0.0.1 at a free port ("start an HTTP listener on a random
 * available port" [G]; an IP literal, not `localhost`, RFC 8252 §8.3). Only `GET /` with `state`
 * counts; anything else (a favicon, a stray request, a wrong state) gets an answer and the wait goes on.
 */
export async function startLoopbackListener(options: LoopbackOptions): Promise<LoopbackListener> {
  let settle: (outcome: RedirectOutcome, answered?: ServerResponse) => void = () => undefined;
  let settled = false;
  const outcome = new Promise<RedirectOutcome>((resolve) => {
    settle = (o, answered) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // No new connections; open ones (keep-alive) are dropped once the last page has been written.
      server.close();
      if (answered && !answered.writableFinished) answered.once('finish', () => server.closeAllConnections());
      else server.closeAllConnections();
      resolve(o);
    };
  });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== '/' || settled) return page(res, 404, null);
    const state = url.searchParams.get('state') ?? '';
    if (!sameState(state, options.state)) return page(res, 400, PAGES.wrongState);
    const error = url.searchParams.get('error');
    if (error) {
      page(res, 200, PAGES.denied);
      return settle({ kind: 'error', error: error.slice(0, 100), description: (url.searchParams.get('error_description') ?? '').slice(0, 500) }, res);
    }
    const code = url.searchParams.get('code');
    if (!code) return page(res, 400, PAGES.wrongState);
    page(res, 200, PAGES.done);
    settle({ kind: 'code', code }, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const timer = setTimeout(() => settle({ kind: 'timed-out' }), options.timeoutMs ?? 5 * 60_000);
  timer.unref?.();
  return { redirectUri: `http://127.0.0.1:${port}`, outcome, cancel: () => settle({ kind: 'cancelled' }) };
}

function page(res: ServerResponse, status: number, words: { readonly title: string; readonly lines: readonly string[] } | null): void {
  const body =
    words === null
      ? 'Not found'
      : `<!doctype html><html><head><meta charset="utf-8"><title>${words.title}</title><meta name="viewport" content="width=device-width"></head>` +
        `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;line-height:1.5">${words.lines.map((l) => `<p>${l}</p>`).join('')}</body></html>`;
  res.writeHead(status, {
    'content-type': words === null ? 'text/plain; charset=utf-8' : 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // The page runs no script and loads nothing.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'referrer-policy': 'no-referrer',
    connection: 'close',
  });
  res.end(body);
}
