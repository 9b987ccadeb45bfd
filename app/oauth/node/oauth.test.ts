/**
 * Google OAuth on loopback: PKCE and state, the one-shot listener, the consent through the handlers
 * against a fake Google that checks PKCE, token refresh before expiry, a rotated refresh token saved,
 * the Gmail API transport, SMTP XOAUTH2 against a server that takes only live tokens, and Check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pressOnConsentPage } from '../../../e2e/fakes/consent-browser';
import { startFakeGoogle, startXoauth2Smtp, type FakeGoogle } from '../../../e2e/fakes/google-oauth';
import { createTestCertificate, type TestCertificate } from '../../../e2e/fakes/test-certificate';
import { classifyFailure } from '../../campaigns/common/delivery-state';
import { dispatch } from '../../ipc/common/dispatch';
import { MAILBOX_PROBLEM_WORDS } from '../../mailbox/common/mailbox-diagnosis';
import { parseGoogleClientJson } from '../common/google-oauth';
import type { AccountRecord } from '../../accounts/node/account-store';
import { runAccountCheck } from '../../accounts/node/account-check';
import { createAccountTransport, type AccountCredentials } from '../../accounts/node/account-transport';
import { createTestCipher } from '../../test-support/memory-ports';
import { authorizationUrl, createPkce, createState, pkceChallenge, startLoopbackListener } from './oauth-consent';
import { createOAuthSessions, REFRESH_SKEW_MS } from './oauth-sessions';
import { toSmtpFailure } from '../../accounts/node/smtp-transport';
import { handlersWithMemoryStores } from '../../test-support/testing-handlers';

let google: FakeGoogle;
let cert: TestCertificate;

beforeAll(async () => {
  google = await startFakeGoogle();
  cert = await createTestCertificate();
});
afterAll(async () => {
  await google.stop();
});

describe('PKCE and state', () => {
  it('computes the S256 challenge of RFC 7636 appendix B', () => {
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });
  it('makes a verifier of 43+ unreserved characters and a fresh state each time', () => {
    const a = createPkce();
    const b = createPkce();
    expect(a.verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.challenge).toBe(pkceChallenge(a.verifier));
    expect(createState()).not.toBe(createState());
  });
  it('puts every documented parameter in the authorization URL', () => {
    const pkce = createPkce();
    const url = new URL(authorizationUrl({ authUri: 'https://accounts.google.com/o/oauth2/v2/auth', clientId: 'id', redirectUri: 'http://127.0.0.1:5000', scopes: ['a', 'b'], pkce, state: 's' }));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'id',
      redirect_uri: 'http://127.0.0.1:5000',
      response_type: 'code',
      scope: 'a b',
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
      state: 's',
    });
  });
});

describe('the loopback listener', () => {
  it('refuses a wrong state and keeps waiting; the right state gives the code and closes', async () => {
    const listener = await startLoopbackListener({ state: 'right-state' });
    const wrong = await fetch(`${listener.redirectUri}/?code=stolen&state=wrong-state`);
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('does not belong to the sign-in');
    expect((await fetch(`${listener.redirectUri}/favicon.ico`)).status).toBe(404);
    const right = await fetch(`${listener.redirectUri}/?code=the-code&state=right-state`);
    expect(right.status).toBe(200);
    const page = await right.text();
    expect(page).toContain('You can close this tab');
    expect(page).toContain('이 탭을 닫고');
    expect(await listener.outcome).toEqual({ kind: 'code', code: 'the-code' });
    await expect(fetch(`${listener.redirectUri}/?code=again&state=right-state`)).rejects.toThrow();
  });
  it('reports cancel, time-out and a denied consent', async () => {
    const a = await startLoopbackListener({ state: 's' });
    a.cancel();
    expect(await a.outcome).toEqual({ kind: 'cancelled' });
    const b = await startLoopbackListener({ state: 's', timeoutMs: 50 });
    expect(await b.outcome).toEqual({ kind: 'timed-out' });
    const c = await startLoopbackListener({ state: 's' });
    await fetch(`${c.redirectUri}/?error=access_denied&state=s`);
    expect(await c.outcome).toMatchObject({ kind: 'error', error: 'access_denied' });
  });
});

describe('the client JSON', () => {
  it('accepts a Desktop-app download and refuses web clients and service-account keys with what to do', () => {
    const ok = parseGoogleClientJson(google.clientJson());
    expect(ok).toMatchObject({ ok: true, client: { clientId: google.clientId, projectId: 'mailroom-test' } });
    expect(parseGoogleClientJson(JSON.stringify({ web: { client_id: 'x', client_secret: 'y' } }))).toEqual({ ok: false, problem: 'web-client' });
    expect(parseGoogleClientJson(JSON.stringify({ type: 'service_account', private_key: '-----BEGIN PRIVATE KEY-----' }))).toEqual({ ok: false, problem: 'service-account' });
    expect(parseGoogleClientJson('{"installed": {"client_id": "x"}}')).toEqual({ ok: false, problem: 'missing-field', field: 'client_secret' });
    expect(parseGoogleClientJson('not json')).toEqual({ ok: false, problem: 'not-json' });
    expect(parseGoogleClientJson(google.clientJson({ token_uri: 'http://evil.example/token' }))).toEqual({ ok: false, problem: 'bad-endpoint', field: 'token_uri' });
    // An older download without endpoints gets Google's current ones.
    expect(parseGoogleClientJson('{"installed": {"client_id": "x", "client_secret": "y"}}')).toMatchObject({ ok: true, client: { tokenUri: 'https://oauth2.googleapis.com/token' } });
  });
});

/** Handlers over memory stores whose "browser" presses `button` on the fake consent page. */
function oauthHandlers(button: 'Allow' | 'Cancel' | 'none' = 'Allow') {
  const events: { event: string; payload: unknown }[] = [];
  const visits: Promise<unknown>[] = [];
  const setup = handlersWithMemoryStores({
    emit: (event, payload) => {
      events.push({ event, payload });
      if (event === 'oauth:consent' && button !== 'none') visits.push(pressOnConsentPage((payload as { url: string }).url, button));
    },
    oauth: { gmailApiBase: google.apiBase, openExternal: async () => false },
  });
  return { ...setup, events, visits };
}

describe('connecting through the handlers', () => {
  it('a Gmail API account (send-only grant) is told, without a connection, that reading its bounces needs the XOAUTH2 connection', async () => {
    const { handlers } = oauthHandlers('Allow');
    const connected = (await dispatch(handlers, 'oauth:connect', { clientJson: google.clientJson(), sendMethod: 'gmail-api', label: 'Office', fromName: '행정실' })) as { ok: true; value: { account: { id: string } } };
    const check = await dispatch(handlers, 'mailbox:check', { id: connected.value.account.id });
    expect(check).toEqual({ ok: true, value: { ok: false, problem: 'oauth-scope' } });
    expect(MAILBOX_PROBLEM_WORDS['oauth-scope'].en).toContain('SMTP with OAuth (XOAUTH2)');
    expect(MAILBOX_PROBLEM_WORDS['oauth-scope'].ko).toContain('OAuth를 쓰는 SMTP (XOAUTH2)');
  });

  it('connects a Gmail API account: PKCE checked by the token endpoint, the address from the ID token, secrets encrypted', async () => {
    const { handlers, stores, events } = oauthHandlers('Allow');
    const result = await dispatch(handlers, 'oauth:connect', { clientJson: google.clientJson(), sendMethod: 'gmail-api', label: 'Office', fromName: '행정실' });
    expect(result).toMatchObject({ ok: true, value: { status: 'connected', account: { label: 'Office', fromAddress: google.email, auth: { kind: 'oauth', sendMethod: 'gmail-api', googleAddress: google.email, hasGrant: true } } } });
    const consent = events.find((e) => e.event === 'oauth:consent')?.payload as { url: string; opened: boolean };
    expect(consent.opened).toBe(false);
    const url = new URL(consent.url);
    expect(url.searchParams.get('scope')).toBe('https://www.googleapis.com/auth/gmail.send openid email');
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(google.tokenRequests.at(-1)).toEqual({ grantType: 'authorization_code', ok: true });
    const dumped = JSON.stringify([...stores.values()].map((s) => s.dump()));
    expect(dumped).not.toContain(google.clientSecret);
    for (const token of [...google.issuedRefreshTokens, ...google.issuedAccessTokens]) expect(dumped).not.toContain(token);
  });

  it('refuses a web client with what to create instead', async () => {
    const { handlers } = oauthHandlers('none');
    expect(await dispatch(handlers, 'oauth:import-client', { text: JSON.stringify({ web: { client_id: 'a', client_secret: 'b' } }) })).toEqual({ ok: true, value: { ok: false, problem: 'web-client' } });
    expect(await dispatch(handlers, 'oauth:import-client', { text: google.clientJson() })).toMatchObject({ ok: true, value: { ok: true, clientId: google.clientId } });
    expect(await dispatch(handlers, 'oauth:connect', { clientJson: '{"web":{}}', sendMethod: 'gmail-api' })).toEqual({ ok: true, value: { status: 'invalid-client', problem: 'web-client' } });
  });

  it('reports a Cancel pressed on Google’s page, a cancel in the app, and a second consent replacing the first', async () => {
    const denied = oauthHandlers('Cancel');
    expect(await dispatch(denied.handlers, 'oauth:connect', { clientJson: google.clientJson(), sendMethod: 'smtp-xoauth2' })).toMatchObject({ ok: true, value: { status: 'denied', error: 'access_denied' } });

    const idle = oauthHandlers('none');
    const first = dispatch(idle.handlers, 'oauth:connect', { clientJson: google.clientJson(), sendMethod: 'smtp-xoauth2' });
    await waitFor(() => idle.events.some((e) => e.event === 'oauth:consent'));
    const second = dispatch(idle.handlers, 'oauth:connect', { clientJson: google.clientJson(), sendMethod: 'smtp-xoauth2' });
    expect(await first).toEqual({ ok: true, value: { status: 'cancelled' } });
    await waitFor(() => idle.events.filter((e) => e.event === 'oauth:consent').length === 2);
    expect(await dispatch(idle.handlers, 'oauth:cancel', undefined)).toEqual({ ok: true, value: { cancelled: true } });
    expect(await second).toEqual({ ok: true, value: { status: 'cancelled' } });
  });

  it('reconnects an account with its stored client, replacing the grant', async () => {
    const { handlers } = oauthHandlers('Allow');
    const first = (await dispatch(handlers, 'oauth:connect', { clientJson: google.clientJson(), sendMethod: 'gmail-api' })) as { ok: true; value: { account: { id: string } } };
    const id = first.value.account.id;
    google.revokeAll();
    const again = await dispatch(handlers, 'oauth:connect', { accountId: id, sendMethod: 'gmail-api' });
    expect(again).toMatchObject({ ok: true, value: { status: 'connected', account: { id } } });
    expect(((await dispatch(handlers, 'accounts:list', undefined)) as { ok: true; value: unknown[] }).value).toHaveLength(1);
    const check = await dispatch(handlers, 'accounts:check', { id });
    expect(check).toMatchObject({ ok: true, value: { status: 'passed' } });
  });
});

describe('access tokens', () => {
  it('are refreshed a minute before they expire, not on every use', async () => {
    let now = Date.now();
    const clock = { now: () => now };
    const rotated: string[] = [];
    const sessions = createOAuthSessions({ clock, onRotated: async (_id, token) => void rotated.push(token) });
    const refreshToken = await grantFor('smtp-xoauth2');
    const source = sessions.source({ accountId: 'a', user: google.email, endpoint: endpoint(), refreshToken });
    const refreshes = () => google.tokenRequests.filter((r) => r.grantType === 'refresh_token').length;
    const before = refreshes();
    const first = await source.get();
    expect(refreshes()).toBe(before + 1);
    expect(await source.get()).toEqual(first);
    now = first.expiresAt - REFRESH_SKEW_MS - 1_000;
    expect(await source.get()).toEqual(first);
    expect(refreshes()).toBe(before + 1);
    now = first.expiresAt - REFRESH_SKEW_MS + 1_000;
    const second = await source.get();
    expect(second.token).not.toBe(first.token);
    expect(refreshes()).toBe(before + 2);
    // Parallel users share one refresh.
    const [x, y] = await Promise.all([source.get({ renew: true }), source.get({ renew: true })]);
    expect(x).toEqual(y);
    expect(refreshes()).toBe(before + 3);
    expect(rotated).toEqual([]);
  });

  it('a refresh token rotated by the server is saved encrypted and used from then on', async () => {
    const { handlers, stores } = oauthHandlers('Allow');
    const connected = (await dispatch(handlers, 'oauth:connect', { clientJson: google.clientJson(), sendMethod: 'gmail-api' })) as { ok: true; value: { account: { id: string } } };
    const id = connected.value.account.id;
    const original = google.issuedRefreshTokens.at(-1);
    google.rotateOnNextRefresh();
    expect(await dispatch(handlers, 'accounts:check', { id })).toMatchObject({ ok: true, value: { status: 'passed' } });
    const rotated = google.issuedRefreshTokens.at(-1);
    expect(rotated).not.toBe(original);
    const grants = stores.get('secrets')?.dump().oauthGrants as Record<string, { cipherText: string }>;
    const saved = JSON.parse(await createTestCipher().decrypt(grants[id]?.cipherText ?? '')) as { refreshToken: string };
    expect(saved.refreshToken).toBe(rotated);
    // The old token is dead at the fake; the next refresh works only because the new one is used.
    expect(await dispatch(handlers, 'accounts:check', { id })).toMatchObject({ ok: true, value: { status: 'passed' } });
  });

  it('invalid_grant at refresh fails Check at the token step with the 7-day diagnosis', async () => {
    const { handlers } = oauthHandlers('Allow');
    const connected = (await dispatch(handlers, 'oauth:connect', { clientJson: google.clientJson(), sendMethod: 'gmail-api' })) as { ok: true; value: { account: { id: string } } };
    google.failRefresh({ error: 'invalid_grant', description: 'Token has been expired or revoked.' });
    try {
      const check = (await dispatch(handlers, 'accounts:check', { id: connected.value.account.id })) as { ok: true; value: { status: string; steps: { step: string; status: string }[]; failure: { diagnosis: string; response: string } } };
      expect(check.value.status).toBe('failed');
      expect(check.value.steps).toEqual([expect.objectContaining({ step: 'token', status: 'failed' })]);
      expect(check.value.failure).toMatchObject({ diagnosis: 'oauth-invalid-grant', response: 'HTTP 400 invalid_grant: Token has been expired or revoked.' });
      // The account remembers it (the Accounts screen offers Reconnect after a campaign paused on it).
      const listed = (await dispatch(handlers, 'accounts:list', undefined)) as { ok: true; value: { auth?: { grantProblem?: string } }[] };
      expect(listed.value[0]?.auth?.grantProblem).toBe('invalid_grant');
      google.failRefresh({ error: 'invalid_grant', description: 'reauth related error (invalid_rapt)', subtype: 'invalid_rapt' });
      const rapt = (await dispatch(handlers, 'accounts:check', { id: connected.value.account.id })) as { ok: true; value: { failure: { diagnosis: string } } };
      expect(rapt.value.failure.diagnosis).toBe('oauth-reauth-required');
      google.failRefresh({ error: 'admin_policy_enforced', description: 'Access blocked by admin policy' });
      const admin = (await dispatch(handlers, 'accounts:check', { id: connected.value.account.id })) as { ok: true; value: { failure: { diagnosis: string } } };
      expect(admin.value.failure.diagnosis).toBe('oauth-admin-blocked');
      google.failRefresh(undefined);
      expect(await dispatch(handlers, 'accounts:check', { id: connected.value.account.id })).toMatchObject({ ok: true, value: { status: 'passed' } });
      const healed = (await dispatch(handlers, 'accounts:list', undefined)) as { ok: true; value: { auth?: { grantProblem?: string } }[] };
      expect(healed.value[0]?.auth?.grantProblem).toBeUndefined();
    } finally {
      google.failRefresh(undefined);
    }
  });
});

describe('sending', () => {
  it('through the Gmail API: the MIME nodemailer builds, posted as raw, the API id returned', async () => {
    const credentials = await credentialsFor('gmail-api');
    const transport = createAccountTransport(record('gmail-api'), credentials);
    const info = await transport.sendMail({ from: { name: '행정실', address: google.email }, to: 'member@club.test', subject: '공지 안내', text: '안녕하세요' });
    const sent = google.apiMessages.at(-1);
    expect(info.messageId).toBe(sent?.id);
    expect(info.response).toContain(`id ${sent?.id}`);
    expect(sent?.parsed.subject).toBe('공지 안내');
    expect(sent?.parsed.to).toMatchObject({ value: [{ address: 'member@club.test' }] });
    expect(sent?.raw).toMatch(/^Message-ID: <.+>$/m);
  });

  it('through the Gmail API: 401 renews the token once; 403/429 become diagnosed failures', async () => {
    const credentials = await credentialsFor('gmail-api');
    const transport = createAccountTransport(record('gmail-api'), credentials);
    const mail = { from: google.email, to: 'member@club.test', subject: 's', text: 't' };
    google.expireAccessTokens();
    await expect(transport.sendMail(mail)).resolves.toMatchObject({ messageId: expect.stringMatching(/^18c/) });
    const cases: [number, unknown, string, string | undefined][] = [
      [403, { error: { code: 403, message: 'Gmail API has not been used in project 1 before or it is disabled.', errors: [{ reason: 'accessNotConfigured' }], status: 'PERMISSION_DENIED', details: [{ reason: 'SERVICE_DISABLED' }] } }, 'gmail-api-disabled', 'EAUTH'],
      [403, { error: { code: 403, message: 'Request had insufficient authentication scopes.', errors: [{ reason: 'insufficientPermissions' }], status: 'PERMISSION_DENIED' } }, 'oauth-scope-missing', 'EAUTH'],
      [429, { error: { code: 429, message: 'User-rate limit exceeded.', errors: [{ reason: 'userRateLimitExceeded' }], status: 'RESOURCE_EXHAUSTED' } }, 'api-rate-limited', 'EGMAILAPI'],
      [403, { error: { code: 403, message: 'Daily user sending limit exceeded.', errors: [{ reason: 'dailyLimitExceeded' }] } }, 'daily-limit', 'EGMAILAPI'],
      [400, { error: { code: 400, message: 'Invalid To header', errors: [{ reason: 'invalidArgument' }] } }, 'recipient-rejected', 'EMESSAGE'],
      [503, { error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' } }, 'server-busy', 'ECONNECTION'],
    ];
    for (const [status, body, diagnosis, code] of cases) {
      google.scriptApi({ status, body });
      const error = await transport.sendMail(mail).then(
        () => undefined,
        (e: unknown) => e,
      );
      const failure = toSmtpFailure(error);
      expect({ diagnosis: failure.diagnosis, code: failure.code }, JSON.stringify(body)).toEqual({ diagnosis, code });
    }
  });

  it('its failures take the campaign policy’s paths: token and permission failures pause, rate limits retry, the daily limit waits', async () => {
    const policy = (status: number, body: unknown) => {
      google.scriptApi({ status, body });
      return createAccountTransport(record('gmail-api'), credentialsP)
        .sendMail({ from: google.email, to: 'member@club.test', subject: 's', text: 't' })
        .then(
          () => 'sent',
          (e: unknown) => classifyFailure(toSmtpFailure(e), 1, 5),
        );
    };
    const credentialsP = await credentialsFor('gmail-api');
    expect(await policy(403, { error: { code: 403, message: 'Request had insufficient authentication scopes.', errors: [{ reason: 'insufficientPermissions' }] } })).toBe('pause-campaign');
    expect(await policy(403, { error: { code: 403, message: 'Gmail API has not been used in project 1', errors: [{ reason: 'accessNotConfigured' }] } })).toBe('pause-campaign');
    expect(await policy(429, { error: { code: 429, message: 'Too many concurrent requests for user', errors: [{ reason: 'rateLimitExceeded' }] } })).toBe('retry');
    expect(await policy(403, { error: { code: 403, message: 'Daily user sending limit exceeded.', errors: [{ reason: 'dailyLimitExceeded' }] } })).toBe('pause-account');
    expect(await policy(400, { error: { code: 400, message: 'Invalid To header', errors: [{ reason: 'invalidArgument' }] } })).toBe('fail-recipient');
    expect(await policy(503, { error: { code: 503, message: 'Backend Error', errors: [{ reason: 'backendError' }] } })).toBe('retry');
    google.failRefresh({ error: 'invalid_grant', description: 'Token has been expired or revoked.' });
    try {
      if (credentialsP.kind !== 'oauth') throw new Error('oauth credentials expected');
      const refused = await credentialsP.tokens.get({ renew: true }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(toSmtpFailure(refused).diagnosis).toBe('oauth-invalid-grant');
      expect(classifyFailure(toSmtpFailure(refused), 1, 5)).toBe('pause-campaign');
    } finally {
      google.failRefresh(undefined);
    }
  });

  it('through SMTP with XOAUTH2: a server that takes only live tokens accepts the refreshed one', async () => {
    const smtp = await startXoauth2Smtp(google, cert);
    try {
      const credentials = await credentialsFor('smtp-xoauth2');
      const rec = { ...record('smtp-xoauth2'), host: '127.0.0.1', port: smtp.port, caCertificate: cert.cert };
      const first = createAccountTransport(rec, credentials);
      await first.sendMail({ from: google.email, to: 'member@club.test', subject: 'XOAUTH2', text: 't' });
      first.close();
      // The cached token dies at the server (revoked, or its hour is up early): the next login is refused
      // once, nodemailer asks our source to renew, and the second try goes through.
      google.expireAccessTokens();
      const second = createAccountTransport(rec, credentials);
      await second.sendMail({ from: google.email, to: 'member@club.test', subject: 'again', text: 't' });
      second.close();
      expect(smtp.messages.map((m) => m.subject)).toEqual(['XOAUTH2', 'again']);
      expect(smtp.logins.map((l) => l.ok)).toEqual([true, false, true]);
      const check = await runAccountCheck(rec, credentials, { now: () => Date.now() });
      expect(check.steps.map((s) => `${s.step}:${s.status}`)).toEqual(['token:ok', 'dns:skipped', 'connect:ok', 'tls:ok', 'auth:ok', 'mail-from:ok']);
    } finally {
      await smtp.close();
    }
  });

  it('Check of a Gmail API account: token, then the API (a gmail.send token cannot read the profile, which still proves the API is on)', async () => {
    const credentials = await credentialsFor('gmail-api');
    const check = await runAccountCheck(record('gmail-api'), credentials, { now: () => Date.now() });
    expect(check.status).toBe('passed');
    expect(check.steps.map((s) => `${s.step}:${s.status}`)).toEqual(['token:ok', 'api:ok']);
    expect(check.steps[1]?.detail).toContain('insufficientPermissions');
  });
});

// ── helpers ──

function endpoint() {
  return { tokenUri: `${google.origin}/token`, clientId: google.clientId, clientSecret: google.clientSecret };
}

/** A refresh token of the fake, obtained through a real consent. */
async function grantFor(method: 'gmail-api' | 'smtp-xoauth2'): Promise<string> {
  const { handlers } = oauthHandlers('Allow');
  const result = (await dispatch(handlers, 'oauth:connect', { clientJson: google.clientJson(), sendMethod: method })) as { ok: boolean };
  expect(result.ok).toBe(true);
  const token = google.issuedRefreshTokens.at(-1);
  if (!token) throw new Error('no refresh token');
  return token;
}

async function credentialsFor(method: 'gmail-api' | 'smtp-xoauth2'): Promise<AccountCredentials> {
  const refreshToken = await grantFor(method);
  const sessions = createOAuthSessions({ clock: { now: () => Date.now() }, onRotated: async () => undefined });
  const tokens = sessions.source({ accountId: `acc-${method}`, user: google.email, endpoint: endpoint(), refreshToken });
  return { kind: 'oauth', sendMethod: method, tokenUri: endpoint().tokenUri, tokens, gmailApiBase: google.apiBase };
}

function record(method: 'gmail-api' | 'smtp-xoauth2'): AccountRecord {
  return {
    id: `acc-${method}`,
    presetId: 'gmail',
    label: 'Office',
    host: method === 'gmail-api' ? 'gmail.googleapis.com' : 'smtp.gmail.com',
    port: method === 'gmail-api' ? 443 : 465,
    security: 'tls',
    username: google.email,
    fromAddress: google.email,
    fromName: 'Office',
    replyTo: '',
    ehloName: '',
    tlsServername: '',
    caCertificate: '',
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    auth: { kind: 'oauth', sendMethod: method, clientId: google.clientId, authUri: `${google.origin}/o/oauth2/v2/auth`, tokenUri: `${google.origin}/token`, projectId: '', googleAddress: google.email, scope: '', connectedAt: '' },
  };
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
