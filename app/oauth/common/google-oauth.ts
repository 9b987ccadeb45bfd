/**
 * Google OAuth 2.0 for a desktop app, the pure part: the two send methods and their scopes, and the
 * reading of the client JSON that Google Cloud Console downloads. No Node, no DOM: the renderer uses
 * `parseGoogleClientJson` to tell the user at once what is wrong with a pasted file.
 * Facts: shared/reference/providers.md §5 (tags there: [G] Google's pages, [NM] nodemailer, [OBS]).
 */

/** How an OAuth account sends. */
export const SEND_METHODS = [
  /** smtp.gmail.com with AUTH XOAUTH2 (scope `https://mail.google.com/`). */
  'smtp-xoauth2',
  /** Gmail API `users.messages.send` (scope `gmail.send`). */
  'gmail-api',
] as const;

/** How an OAuth account sends. */
export type SendMethod = (typeof SEND_METHODS)[number];

/** "The scope for IMAP, POP, and SMTP access is https://mail.google.com/" [G] xoauth2-protocol. */
export const SCOPE_MAIL = 'https://mail.google.com/';
/** "Send email on your behalf", a Sensitive (not restricted) scope [G] gmail/api/auth/scopes. */
export const SCOPE_GMAIL_SEND = 'https://www.googleapis.com/auth/gmail.send';

/**
 * The scopes asked for each method. `openid email` make the token endpoint return an ID token with
 * the account's address, which is how Mailroom learns which Google address it was given (no extra
 * request, and no extra Gmail scope: `gmail.send` alone cannot read the Gmail profile).
 */
export function scopesFor(method: SendMethod): readonly string[] {
  switch (method) {
    case 'smtp-xoauth2':
      return [SCOPE_MAIL, 'openid', 'email'];
    case 'gmail-api':
      return [SCOPE_GMAIL_SEND, 'openid', 'email'];
  }
}

/** The scope a send method cannot work without. */
export function sendScopeOf(method: SendMethod): string {
  return method === 'smtp-xoauth2' ? SCOPE_MAIL : SCOPE_GMAIL_SEND;
}

/** Whether a granted scope string (space-delimited, as the token endpoint returns it) allows the method. */
export function grantsSendScope(granted: string | undefined, method: SendMethod): boolean {
  // Absent `scope` in a token response means "as requested" (RFC 6749 §5.1).
  if (granted === undefined) return true;
  const scopes = granted.split(/\s+/);
  // `https://mail.google.com/` also allows sending through the API [G] scopes page.
  return scopes.includes(sendScopeOf(method)) || scopes.includes(SCOPE_MAIL);
}

/** The fields Mailroom uses from a Desktop-app client JSON. */
export interface GoogleClient {
  /** `…apps.googleusercontent.com`. */
  readonly clientId: string;
  /** The client secret ("it is assumed that these apps cannot keep secrets" [G], still stored encrypted). */
  readonly clientSecret: string;
  /** The authorization endpoint, e.g. `https://accounts.google.com/o/oauth2/auth`. */
  readonly authUri: string;
  /** The token endpoint, e.g. `https://oauth2.googleapis.com/token`. */
  readonly tokenUri: string;
  /** The Cloud project, when the file names it (current downloads do [OBS]). */
  readonly projectId: string;
}

/** What can be wrong with a client JSON; the renderer words each under `oauth.clientProblems.<code>`. */
export const CLIENT_JSON_PROBLEMS = [
  /** Not JSON at all. */
  'not-json',
  /** A "Web application" client (`{"web": …}`): its redirect URIs are fixed, loopback does not fit. */
  'web-client',
  /** A service-account key (`"type": "service_account"`): for servers, not for a person's mailbox. */
  'service-account',
  /** `installed` is there but a required field is missing or not a string. */
  'missing-field',
  /** An endpoint is not an https URL (or http on a loopback address, for local tests). */
  'bad-endpoint',
  /** JSON, but none of the shapes Google downloads. */
  'unknown-shape',
] as const;

/** A client JSON problem. */
export type ClientJsonProblem = (typeof CLIENT_JSON_PROBLEMS)[number];

/** The result of reading a client JSON. */
export type ClientJsonResult =
  | { readonly ok: true; readonly client: GoogleClient }
  | {
      readonly ok: false;
      /** What is wrong. */
      readonly problem: ClientJsonProblem;
      /** The field concerned, when there is one. */
      readonly field?: string;
    };

/** Google's current endpoints, used when an older file leaves one out. */
export const GOOGLE_AUTH_URI = 'https://accounts.google.com/o/oauth2/v2/auth';
/** Google's current token endpoint [G] native-app guide. */
export const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';

/**
 * Reads the JSON Google Cloud Console downloads for an OAuth client. Only the `installed` form (a
 * "Desktop app" client) is accepted: `{"installed": {"client_id", "client_secret", "auth_uri",
 * "token_uri", "redirect_uris", "project_id", …}}` [G] client-secrets docs, [OBS] real downloads.
 * The endpoints are taken from the file as they are (tests point them at loopback fakes); an older
 * file without them gets Google's current ones.
 */
export function parseGoogleClientJson(text: string): ClientJsonResult {
  let value: unknown;
  try {
    value = JSON.parse(text.trim());
  } catch {
    return { ok: false, problem: 'not-json' };
  }
  if (!isObject(value)) return { ok: false, problem: 'unknown-shape' };
  if (value.type === 'service_account' || 'private_key' in value) return { ok: false, problem: 'service-account' };
  if ('web' in value && !('installed' in value)) return { ok: false, problem: 'web-client' };
  const installed = value.installed;
  if (!isObject(installed)) return { ok: false, problem: 'unknown-shape' };
  for (const field of ['client_id', 'client_secret'] as const) {
    const v = installed[field];
    if (typeof v !== 'string' || v.trim() === '') return { ok: false, problem: 'missing-field', field };
  }
  const authUri = stringOr(installed.auth_uri, GOOGLE_AUTH_URI);
  const tokenUri = stringOr(installed.token_uri, GOOGLE_TOKEN_URI);
  for (const [field, uri] of [
    ['auth_uri', authUri],
    ['token_uri', tokenUri],
  ] as const) {
    if (!isAllowedEndpoint(uri)) return { ok: false, problem: 'bad-endpoint', field };
  }
  return {
    ok: true,
    client: {
      clientId: String(installed.client_id).trim(),
      clientSecret: String(installed.client_secret).trim(),
      authUri,
      tokenUri,
      projectId: typeof installed.project_id === 'string' ? installed.project_id : '',
    },
  };
}

/** https anywhere, or plain http on a loopback address only (a local fake; nothing leaves the machine). */
export function isAllowedEndpoint(uri: string): boolean {
  // No URL class in this room (neither Node nor DOM types): the scheme and authority by pattern.
  const match = /^(https?):\/\/([^/?#\s]+)(?:[/?#]\S*)?$/i.exec(uri);
  if (!match) return false;
  const scheme = (match[1] ?? '').toLowerCase();
  const authority = match[2] ?? '';
  if (authority.includes('@')) return false;
  if (scheme === 'https') return true;
  const host = authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : (authority.split(':')[0] ?? '');
  return host === '127.0.0.1' || host === '[::1]' || host.toLowerCase() === 'localhost';
}

/** The `error` codes Google's OAuth endpoints answer with, that Mailroom tells apart [G] native-app guide, oauth2 page. */
export const OAUTH_ERROR_CODES = [
  'invalid_grant',
  'invalid_rapt',
  'admin_policy_enforced',
  'invalid_client',
  'deleted_client',
  'unauthorized_client',
  'invalid_request',
  'invalid_scope',
  'access_denied',
  'org_internal',
  'redirect_uri_mismatch',
  'disallowed_useragent',
] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
}
