/**
 * A loopback stand-in for Google's OAuth 2.0 endpoints and the Gmail API, behaving as documented
 * (providers.md §5): an authorization page with "Allow" and "Cancel" that redirects to the app's
 * loopback `redirect_uri` with `code` + `state` (or `error=access_denied`); a token endpoint that
 * verifies PKCE (S256), issues, refreshes, rotates refresh tokens and answers `invalid_grant` on
 * demand; a Gmail API that checks the bearer token and its scope, decodes `raw`, returns ids, and
 * answers 401/403/429 on demand; a userinfo endpoint (for Dovecot's oauth2 passdb, e2e/fakes/dovecot.ts); and
 * an SMTP server with XOAUTH2 that accepts only live access tokens.
 * Tests point the client JSON's `auth_uri`/`token_uri` at it, and the app's Gmail API base URL.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { TestCertificate } from './test-certificate';

/** Scopes as Google names them. */
export const FAKE_SCOPES = { mail: 'https://mail.google.com/', send: 'https://www.googleapis.com/auth/gmail.send' } as const;

/** An error body the fake answers with. */
export interface FakeOAuthError {
  /** OAuth `error`, e.g. `invalid_grant`. */
  readonly error: string;
  /** `error_description`. */
  readonly description?: string;
  /** Google's `error_subtype`, e.g. `invalid_rapt`. */
  readonly subtype?: string;
}

/** A scripted Gmail API answer. */
export interface FakeApiAnswer {
  /** HTTP status. */
  readonly status: number;
  /** The JSON body. */
  readonly body: unknown;
}

/** Options of the fake. */
export interface FakeGoogleOptions {
  /** The client id it knows. */
  readonly clientId?: string;
  /** The client secret it expects. */
  readonly clientSecret?: string;
  /** The Google address the consent page signs in as. */
  readonly email?: string;
  /** Access token lifetime, in seconds (Google: 3599). */
  readonly accessTokenSeconds?: number;
}

/** A message the fake Gmail API accepted. */
export interface FakeApiMessage {
  /** The id it returned. */
  readonly id: string;
  /** The decoded MIME. */
  readonly raw: string;
  /** The parsed message. */
  readonly parsed: ParsedMail;
}

interface Grant {
  readonly scope: string;
  readonly email: string;
}

/** A running fake. */
export interface FakeGoogle {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** The client JSON of a Desktop-app client pointing at this fake. */
  clientJson(overrides?: Record<string, unknown>): string;
  /** The Gmail API base URL. */
  readonly apiBase: string;
  /** The client id and secret. */
  readonly clientId: string;
  /** The client secret. */
  readonly clientSecret: string;
  /** The Google address consent signs in as. */
  email: string;
  /** Every request to the token endpoint, by grant type (`authorization_code`, `refresh_token`). */
  readonly tokenRequests: { grantType: string; ok: boolean }[];
  /** Every message the Gmail API accepted. */
  readonly apiMessages: FakeApiMessage[];
  /** Every call of the userinfo endpoint (what an IMAP server's OAuth2 introspection asks), and whether the token was live. */
  readonly userinfoRequests: { ok: boolean }[];
  /** Every access token issued (to check none leaks). */
  readonly issuedAccessTokens: string[];
  /** Every refresh token issued. */
  readonly issuedRefreshTokens: string[];
  /** The next refresh answers with a new refresh token (the old one dies). */
  rotateOnNextRefresh(): void;
  /** Every refresh answers this error until cleared (e.g. `invalid_grant`). */
  failRefresh(error: FakeOAuthError | undefined): void;
  /** Revokes every live grant: refresh gives invalid_grant, and the access tokens die. */
  revokeAll(): void;
  /** Ends every access token now (as if an hour had passed). */
  expireAccessTokens(): void;
  /** The next Gmail API sends get these answers, in order, before normal service resumes. */
  scriptApi(...answers: FakeApiAnswer[]): void;
  /** Whether the access token is live, and its scopes. */
  accessTokenScopes(token: string): string[] | undefined;
  /** Stops the fake. */
  stop(): Promise<void>;
}

/** Starts the fake on 127.0.0.1. */
export async function startFakeGoogle(options: FakeGoogleOptions = {}): Promise<FakeGoogle> {
  const clientId = options.clientId ?? '123456789-fake.apps.googleusercontent.com';
  const clientSecret = options.clientSecret ?? 'GOCSPX-fake-client-secret';
  const lifetime = options.accessTokenSeconds ?? 3599;
  const codes = new Map<string, { challenge: string; method: string; redirectUri: string; grant: Grant; used: boolean }>();
  const refreshTokens = new Map<string, Grant>();
  const accessTokens = new Map<string, { grant: Grant; expiresAt: number }>();
  const scripted: FakeApiAnswer[] = [];
  let rotateNext = false;
  let refreshError: FakeOAuthError | undefined;
  let nextId = 1;

  const fake: FakeGoogle = {
    origin: '',
    apiBase: '',
    clientId,
    clientSecret,
    email: options.email ?? 'hanbit.office@gmail.com',
    tokenRequests: [],
    apiMessages: [],
    userinfoRequests: [],
    issuedAccessTokens: [],
    issuedRefreshTokens: [],
    clientJson(overrides = {}) {
      return JSON.stringify({
        installed: {
          client_id: clientId,
          project_id: 'mailroom-test',
          auth_uri: `${fake.origin}/o/oauth2/v2/auth`,
          token_uri: `${fake.origin}/token`,
          auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
          client_secret: clientSecret,
          redirect_uris: ['http://localhost'],
          ...overrides,
        },
      });
    },
    rotateOnNextRefresh: () => {
      rotateNext = true;
    },
    failRefresh: (error) => {
      refreshError = error;
    },
    revokeAll: () => {
      refreshTokens.clear();
      accessTokens.clear();
    },
    expireAccessTokens: () => {
      for (const entry of accessTokens.values()) entry.expiresAt = 0;
    },
    scriptApi: (...answers) => {
      scripted.push(...answers);
    },
    accessTokenScopes: (token) => {
      const entry = accessTokens.get(token);
      return entry && entry.expiresAt > Date.now() ? entry.grant.scope.split(' ') : undefined;
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const issueAccess = (grant: Grant) => {
    const token = `ya29.fake-${randomBytes(12).toString('hex')}`;
    accessTokens.set(token, { grant, expiresAt: Date.now() + lifetime * 1000 });
    fake.issuedAccessTokens.push(token);
    return token;
  };
  const issueRefresh = (grant: Grant) => {
    const token = `1//fake-refresh-${randomBytes(12).toString('hex')}`;
    refreshTokens.set(token, grant);
    fake.issuedRefreshTokens.push(token);
    return token;
  };
  const idToken = (grant: Grant) => {
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    return `${enc({ alg: 'RS256', kid: 'fake' })}.${enc({ iss: 'https://accounts.google.com', aud: clientId, azp: clientId, sub: '1000001', email: grant.email, email_verified: true, iat: now, exp: now + 3600 })}.fake-signature`;
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => json(res, 500, { error: 'server_error', error_description: String(error) }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', fake.origin);
    if (req.method === 'GET' && url.pathname === '/o/oauth2/v2/auth') return consentPage(url, res);
    if (req.method === 'GET' && url.pathname === '/consent') return consentAnswer(url, res);
    if (req.method === 'POST' && url.pathname === '/token') return token(await readForm(req), res);
    if (url.pathname.startsWith('/gmail/v1/users/me/')) return gmail(req, url, res);
    if (req.method === 'GET' && url.pathname === '/oauth2/v3/userinfo') return userinfo(req, res);
    json(res, 404, { error: { code: 404, message: 'Not found', status: 'NOT_FOUND' } });
  }

  function consentPage(url: URL, res: ServerResponse) {
    const p = url.searchParams;
    const redirect = p.get('redirect_uri') ?? '';
    const problems = [
      p.get('client_id') !== clientId ? 'unknown client_id' : '',
      !/^http:\/\/127\.0\.0\.1:\d+\/?$/.test(redirect) ? 'redirect_uri must be http://127.0.0.1:<port>' : '',
      p.get('response_type') !== 'code' ? 'response_type must be code' : '',
      p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge') ? 'PKCE S256 required' : '',
      !p.get('state') ? 'state missing' : '',
    ].filter(Boolean);
    if (problems.length > 0) {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(`<h1>Error 400: invalid_request</h1><p>${problems.join('; ')}</p>`);
      return;
    }
    const code = randomBytes(16).toString('base64url');
    codes.set(code, {
      challenge: p.get('code_challenge') ?? '',
      method: 'S256',
      redirectUri: redirect,
      grant: { scope: p.get('scope') ?? '', email: fake.email },
      used: false,
    });
    const allow = new URL('/consent', fake.origin);
    allow.searchParams.set('redirect_uri', redirect);
    allow.searchParams.set('state', p.get('state') ?? '');
    const deny = new URL(allow);
    allow.searchParams.set('code', code);
    deny.searchParams.set('error', 'access_denied');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
      `<!doctype html><html><head><meta charset="utf-8"><title>Sign in - Google Accounts (fake)</title></head><body>` +
        `<h1>Mailroom wants to access your Google Account</h1><p>${fake.email}</p>` +
        `<ul>${(p.get('scope') ?? '').split(' ').map((s) => `<li>${s}</li>`).join('')}</ul>` +
        `<a role="button" href="${deny.href}">Cancel</a> <a role="button" href="${allow.href}">Allow</a></body></html>`,
    );
  }

  function consentAnswer(url: URL, res: ServerResponse) {
    const target = new URL(url.searchParams.get('redirect_uri') ?? '');
    for (const key of ['code', 'state', 'error']) {
      const value = url.searchParams.get(key);
      if (value !== null) target.searchParams.set(key, value);
    }
    res.writeHead(302, { location: target.href }).end();
  }

  function token(form: URLSearchParams, res: ServerResponse) {
    const grantType = form.get('grant_type') ?? '';
    const refuse = (status: number, error: FakeOAuthError) => {
      fake.tokenRequests.push({ grantType, ok: false });
      json(res, status, { error: error.error, error_description: error.description ?? '', ...(error.subtype ? { error_subtype: error.subtype } : {}) });
    };
    if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) return refuse(401, { error: 'invalid_client', description: 'The OAuth client was not found.' });
    if (grantType === 'authorization_code') {
      const entry = codes.get(form.get('code') ?? '');
      if (!entry || entry.used) return refuse(400, { error: 'invalid_grant', description: 'Malformed auth code.' });
      entry.used = true;
      if (form.get('redirect_uri') !== entry.redirectUri) return refuse(400, { error: 'redirect_uri_mismatch', description: 'Bad Request' });
      const verifier = form.get('code_verifier') ?? '';
      if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier) || createHash('sha256').update(verifier, 'ascii').digest('base64url') !== entry.challenge) {
        return refuse(400, { error: 'invalid_grant', description: 'Invalid code verifier.' });
      }
      fake.tokenRequests.push({ grantType, ok: true });
      return json(res, 200, {
        access_token: issueAccess(entry.grant),
        expires_in: lifetime,
        refresh_token: issueRefresh(entry.grant),
        scope: entry.grant.scope,
        token_type: 'Bearer',
        ...(entry.grant.scope.split(' ').includes('openid') ? { id_token: idToken(entry.grant) } : {}),
      });
    }
    if (grantType === 'refresh_token') {
      if (refreshError) return refuse(400, refreshError);
      const old = form.get('refresh_token') ?? '';
      const grant = refreshTokens.get(old);
      if (!grant) return refuse(400, { error: 'invalid_grant', description: 'Token has been expired or revoked.' });
      let rotated: string | undefined;
      if (rotateNext) {
        rotateNext = false;
        refreshTokens.delete(old);
        rotated = issueRefresh(grant);
      }
      fake.tokenRequests.push({ grantType, ok: true });
      return json(res, 200, { access_token: issueAccess(grant), expires_in: lifetime, scope: grant.scope, token_type: 'Bearer', ...(rotated ? { refresh_token: rotated } : {}) });
    }
    return refuse(400, { error: 'unsupported_grant_type', description: 'Invalid grant_type.' });
  }

  /** Google's userinfo (`https://www.googleapis.com/oauth2/v3/userinfo`): the address of a live token with the mail scope. */
  function userinfo(req: IncomingMessage, res: ServerResponse) {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const scopes = fake.accessTokenScopes(bearer);
    const ok = scopes !== undefined && scopes.includes(FAKE_SCOPES.mail);
    fake.userinfoRequests.push({ ok });
    if (!ok) return json(res, 401, { error: 'invalid_token', error_description: 'Invalid Credentials' });
    json(res, 200, { sub: '1000001', email: accessTokens.get(bearer)?.grant.email ?? fake.email, email_verified: true });
  }

  async function gmail(req: IncomingMessage, url: URL, res: ServerResponse) {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const scopes = fake.accessTokenScopes(bearer);
    if (!scopes) {
      return json(res, 401, {
        error: { code: 401, message: 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.', errors: [{ reason: 'authError', domain: 'global' }], status: 'UNAUTHENTICATED' },
      });
    }
    const insufficient = () =>
      json(res, 403, {
        error: { code: 403, message: 'Request had insufficient authentication scopes.', errors: [{ reason: 'insufficientPermissions', domain: 'global' }], status: 'PERMISSION_DENIED', details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT' }] },
      });
    if (req.method === 'GET' && url.pathname === '/gmail/v1/users/me/profile') {
      // users.getProfile: the read scopes or full access; gmail.send alone is not enough.
      if (!scopes.includes(FAKE_SCOPES.mail)) return insufficient();
      return json(res, 200, { emailAddress: fake.email, messagesTotal: 1, threadsTotal: 1, historyId: '1' });
    }
    if (req.method === 'POST' && url.pathname === '/gmail/v1/users/me/messages/send') {
      const body = await readBody(req);
      const answer = scripted.shift();
      if (answer) return json(res, answer.status, answer.body);
      if (!scopes.includes(FAKE_SCOPES.send) && !scopes.includes(FAKE_SCOPES.mail)) return insufficient();
      const raw = (JSON.parse(body.toString('utf8')) as { raw?: unknown }).raw;
      if (typeof raw !== 'string' || !/^[A-Za-z0-9_-]*$/.test(raw) || raw === '') {
        return json(res, 400, { error: { code: 400, message: "'raw' RFC822 payload message string or uploading message via /upload/* URL required", errors: [{ reason: 'invalidArgument' }], status: 'INVALID_ARGUMENT' } });
      }
      const mime = Buffer.from(raw, 'base64url').toString('utf8');
      const parsed = await simpleParser(mime);
      if (!parsed.to) return json(res, 400, { error: { code: 400, message: 'Invalid To header', errors: [{ reason: 'invalidArgument' }], status: 'INVALID_ARGUMENT' } });
      const id = `18c${(nextId++).toString(16).padStart(13, '0')}`;
      fake.apiMessages.push({ id, raw: mime, parsed });
      return json(res, 200, { id, threadId: id, labelIds: ['SENT'] });
    }
    json(res, 404, { error: { code: 404, message: 'Not Found', status: 'NOT_FOUND' } });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(fake, { origin, apiBase: origin });
  return fake;
}

/** An SMTP server with XOAUTH2 only, accepting only live access tokens of `fake` with the mail scope. */
export async function startXoauth2Smtp(fake: FakeGoogle, certificate: TestCertificate): Promise<{ port: number; logins: { user: string; ok: boolean }[]; messages: ParsedMail[]; close(): Promise<void> }> {
  const logins: { user: string; ok: boolean }[] = [];
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    secure: true,
    key: certificate.key,
    cert: certificate.cert,
    authMethods: ['XOAUTH2'],
    logger: false,
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, callback) {
      const scopes = auth.accessToken ? fake.accessTokenScopes(auth.accessToken) : undefined;
      const ok = auth.method === 'XOAUTH2' && auth.username === fake.email && scopes !== undefined && scopes.includes(FAKE_SCOPES.mail);
      logins.push({ user: auth.username ?? '', ok });
      // Google's XOAUTH2 failure: a 334 challenge with a JSON status, then 535 after the empty reply [G].
      if (!ok) return callback(null, { data: { status: '401', schemes: 'bearer', scope: FAKE_SCOPES.mail } } as never);
      callback(null, { user: auth.username });
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          messages.push(parsed);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = ((server as unknown as { server: NetServer }).server.address() as AddressInfo).port;
  return { port, logins, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readBody(req)).toString('utf8'));
}
