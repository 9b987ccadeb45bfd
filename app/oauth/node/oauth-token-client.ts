/**
 * The token endpoint of Google's OAuth 2.0 (providers.md §5, [G] native-app guide): the code exchange
 * (with the PKCE verifier) and the refresh. Every failure becomes an `OAuthError` that carries the
 * endpoint's own answer, so the diagnosis can key on what Google said (`invalid_grant`,
 * `admin_policy_enforced`, `invalid_rapt`, …). Nothing here logs; tokens are returned, never printed.
 */
import { OAUTH_ERROR_CODES } from '../common/google-oauth';

/** A token response, as Google documents it. */
export interface TokenSet {
  /** The access token (about an hour; never logged, never sent to the renderer). */
  readonly accessToken: string;
  /** When the access token expires, ms since epoch. */
  readonly expiresAt: number;
  /** A refresh token, when the endpoint sent one (always at the exchange for installed apps; on refresh only when rotated). */
  readonly refreshToken?: string;
  /** Granted scopes, space-delimited, when the endpoint said. */
  readonly scope?: string;
  /** The OpenID Connect ID token, when `openid` was asked. */
  readonly idToken?: string;
}

/** Where the token endpoint is and who is asking. */
export interface TokenEndpoint {
  /** The client JSON's `token_uri`. */
  readonly tokenUri: string;
  /** The client id. */
  readonly clientId: string;
  /** The client secret (marked Optional by the guide for installed apps; Google's downloads have one). */
  readonly clientSecret: string;
  /** Request timeout in ms (default 20 s). */
  readonly timeoutMs?: number;
}

/**
 * A failure at the token endpoint. Shaped like nodemailer's errors (`code`, `command`, `response`)
 * so that the one classifier diagnoses it, and so the campaign policy pauses on it: `code: 'EAUTH'`
 * is an authentication failure there (delivery-state.ts `classifyFailure`).
 */
export class OAuthError extends Error {
  /** nodemailer-style category: `EAUTH` when the endpoint refused, `ECONNECTION` when it could not be reached. */
  readonly code: 'EAUTH' | 'ECONNECTION';
  /** The stage, as the failure panel shows it. */
  readonly command = 'OAUTH TOKEN';
  /** The endpoint's `error`, e.g. `invalid_grant`; empty when it could not be reached. */
  readonly oauthError: string;
  /** Google's `error_subtype`, e.g. `invalid_rapt`. */
  readonly subtype: string;
  /** HTTP status; 0 when there was no answer. */
  readonly status: number;
  /** The endpoint's answer as text (`error: description`), for the user to read. */
  readonly response: string | undefined;

  constructor(init: { code: 'EAUTH' | 'ECONNECTION'; oauthError: string; subtype?: string; description?: string; status: number; message?: string }) {
    const said = [init.oauthError, init.subtype ? `(${init.subtype})` : '', init.description ? `: ${init.description}` : ''].join('');
    super(init.message ?? (said !== '' ? said : 'The token endpoint could not be reached'));
    this.name = 'OAuthError';
    this.code = init.code;
    this.oauthError = init.oauthError;
    this.subtype = init.subtype ?? '';
    this.status = init.status;
    this.response = said !== '' ? `HTTP ${init.status} ${said}` : undefined;
  }

  /** Whether a new consent is the only way forward (the grant itself is dead). */
  get needsReconnect(): boolean {
    return ['invalid_grant', 'invalid_rapt', 'admin_policy_enforced', 'invalid_client', 'deleted_client', 'unauthorized_client'].includes(this.oauthError) || this.subtype === 'invalid_rapt';
  }
}

/** Exchanges an authorization code (with the PKCE verifier and the same redirect URI) for tokens. */
export async function exchangeCode(endpoint: TokenEndpoint, input: { code: string; verifier: string; redirectUri: string }, now: () => number): Promise<TokenSet> {
  return post(
    endpoint,
    {
      grant_type: 'authorization_code',
      code: input.code,
      code_verifier: input.verifier,
      redirect_uri: input.redirectUri,
    },
    now,
  );
}

/** Gets a new access token with a refresh token; the answer may carry a rotated refresh token. */
export async function refreshAccessToken(endpoint: TokenEndpoint, refreshToken: string, now: () => number): Promise<TokenSet> {
  return post(endpoint, { grant_type: 'refresh_token', refresh_token: refreshToken }, now);
}

async function post(endpoint: TokenEndpoint, fields: Record<string, string>, now: () => number): Promise<TokenSet> {
  const body = new URLSearchParams({ ...fields, client_id: endpoint.clientId, ...(endpoint.clientSecret ? { client_secret: endpoint.clientSecret } : {}) });
  let response: Response;
  try {
    response = await fetch(endpoint.tokenUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(endpoint.timeoutMs ?? 20_000),
      redirect: 'error',
    });
  } catch (error) {
    // Node's fetch puts the socket error in `cause`; the request body (with secrets) is not in either.
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw new OAuthError({ code: 'ECONNECTION', oauthError: '', status: 0, message: `The token endpoint could not be reached${cause}` });
  }
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') json = parsed as Record<string, unknown>;
  } catch {
    // Not JSON: reported below with the status.
  }
  if (!response.ok || typeof json.access_token !== 'string') {
    const error = typeof json.error === 'string' ? json.error : '';
    throw new OAuthError({
      code: response.status >= 500 || (error === '' && response.ok) ? 'ECONNECTION' : 'EAUTH',
      oauthError: knownOrRaw(error),
      subtype: typeof json.error_subtype === 'string' ? json.error_subtype.slice(0, 60) : '',
      description: typeof json.error_description === 'string' ? json.error_description.slice(0, 300) : error === '' ? `unexpected answer (${text.slice(0, 80).replace(/\s+/g, ' ')})` : '',
      status: response.status,
    });
  }
  const expiresIn = Number(json.expires_in);
  return {
    accessToken: json.access_token,
    // Without `expires_in`, assume the documented hour is not guaranteed: treat it as short-lived.
    expiresAt: now() + (Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 300) * 1000,
    ...(typeof json.refresh_token === 'string' && json.refresh_token !== '' ? { refreshToken: json.refresh_token } : {}),
    ...(typeof json.scope === 'string' ? { scope: json.scope } : {}),
    ...(typeof json.id_token === 'string' ? { idToken: json.id_token } : {}),
  };
}

function knownOrRaw(error: string): string {
  const known = (OAUTH_ERROR_CODES as readonly string[]).includes(error);
  return known ? error : error.replace(/[^\w.-]/g, '').slice(0, 60);
}

/** The claims of an ID token Mailroom reads. */
export interface IdentityClaims {
  /** The Google address. */
  readonly email: string;
  /** Whether Google verified it. */
  readonly emailVerified: boolean;
  /** Google's stable account id. */
  readonly subject: string;
}

/**
 * Reads the address from the ID token the token endpoint returned. The token came straight from the
 * token endpoint over TLS, so, as OpenID Connect Core §3.1.3.7 (6) allows, TLS stands in for the
 * signature check; the audience is still checked against our client id.
 */
export function identityFromIdToken(idToken: string, clientId: string): IdentityClaims {
  const payload = idToken.split('.')[1];
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new OAuthError({ code: 'EAUTH', oauthError: 'invalid_id_token', description: 'the ID token could not be read', status: 200 });
  }
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audience.includes(clientId)) throw new OAuthError({ code: 'EAUTH', oauthError: 'invalid_id_token', description: 'the ID token is for another client', status: 200 });
  if (typeof claims.email !== 'string' || claims.email === '') {
    throw new OAuthError({ code: 'EAUTH', oauthError: 'invalid_id_token', description: 'the ID token has no e-mail address (was the "email" scope granted?)', status: 200 });
  }
  return { email: claims.email, emailVerified: claims.email_verified === true || claims.email_verified === 'true', subject: String(claims.sub ?? '') };
}
