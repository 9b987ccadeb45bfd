/**
 * "Connect Google account": one consent at a time, from the client JSON to a saved account. Starts
 * the loopback listener, hands the authorization URL to the host (system browser in Electron, a link
 * on the page in the browser host), waits for the redirect, exchanges the code with the PKCE verifier,
 * reads the Google address from the ID token, checks the granted scope, and stores the grant encrypted.
 * A second consent cancels the first: only one listener is ever open.
 */
import { parseGoogleClientJson, grantsSendScope, scopesFor, sendScopeOf, type GoogleClient, type SendMethod } from '../common/google-oauth';
import type { OAuthConnectResult } from '../../ipc/common/contract';
import type { AccountStore } from '../../accounts/node/account-store';
import { authorizationUrl, createPkce, createState, startLoopbackListener, type LoopbackListener } from './oauth-consent';
import { exchangeCode, identityFromIdToken, OAuthError } from './oauth-token-client';
import type { Clock } from '../../storage/node/ports';
import { toSmtpFailure } from '../../accounts/node/smtp-transport';

/** What a consent needs from the host. */
export interface OAuthConnectDeps {
  /** The account store. */
  readonly accounts: AccountStore;
  /** Time source. */
  readonly clock: Clock;
  /** Tells the renderer the URL (it shows it as a link while waiting). */
  readonly announce: (url: string, opened: boolean) => void;
  /** Opens the URL in the system browser; resolves false when the host will not (not https, not allowed). */
  readonly openExternal: (url: string) => Promise<boolean>;
  /** How long to wait for the browser, in ms. */
  readonly timeoutMs?: number;
}

/** One consent request. */
export interface ConnectRequest {
  /** Reconnect this account; absent: a new account. */
  readonly accountId?: string | undefined;
  /** The client JSON text; absent on a reconnect that keeps the stored client. */
  readonly clientJson?: string | undefined;
  /** How the account will send. */
  readonly sendMethod: SendMethod;
  /** Display name of a new account. */
  readonly label: string;
  /** From name of a new account. */
  readonly fromName: string;
}

/** The consent runner. */
export interface OAuthConnector {
  /** Runs one consent to its end. Never throws for OAuth failures: they come back as results. */
  connect(request: ConnectRequest): Promise<OAuthConnectResult>;
  /** Cancels the consent under way; false when there was none. */
  cancel(): boolean;
}

/** Creates the consent runner. */
export function createOAuthConnector(deps: OAuthConnectDeps): OAuthConnector {
  let active: LoopbackListener | undefined;

  return {
    async connect(request) {
      let client: GoogleClient;
      let loginHint = '';
      if (request.clientJson !== undefined && request.clientJson.trim() !== '') {
        const parsed = parseGoogleClientJson(request.clientJson);
        if (!parsed.ok) return { status: 'invalid-client', problem: parsed.problem, ...(parsed.field ? { field: parsed.field } : {}) };
        client = parsed.client;
      } else if (request.accountId !== undefined) {
        const stored = await deps.accounts.oauthClientOf(request.accountId);
        client = stored.client;
        loginHint = stored.googleAddress;
      } else {
        return { status: 'invalid-client', problem: 'not-json' };
      }

      // A second consent replaces the first cleanly: its listener closes, its wait ends as cancelled.
      active?.cancel();
      const state = createState();
      const pkce = createPkce();
      const listener = await startLoopbackListener({ state, ...(deps.timeoutMs === undefined ? {} : { timeoutMs: deps.timeoutMs }) });
      active = listener;
      try {
        const url = authorizationUrl({
          authUri: client.authUri,
          clientId: client.clientId,
          redirectUri: listener.redirectUri,
          scopes: scopesFor(request.sendMethod),
          pkce,
          state,
          loginHint,
        });
        const opened = await deps.openExternal(url).catch(() => false);
        deps.announce(url, opened);
        const outcome = await listener.outcome;
        switch (outcome.kind) {
          case 'cancelled':
            return { status: 'cancelled' };
          case 'timed-out':
            return { status: 'timed-out' };
          case 'error':
            return { status: 'denied', error: outcome.error, description: outcome.description };
          case 'code':
            break;
        }
        const endpoint = { tokenUri: client.tokenUri, clientId: client.clientId, clientSecret: client.clientSecret };
        const secrets = [client.clientSecret, outcome.code, pkce.verifier];
        try {
          const tokens = await exchangeCode(endpoint, { code: outcome.code, verifier: pkce.verifier, redirectUri: listener.redirectUri }, deps.clock.now);
          secrets.push(tokens.accessToken, tokens.refreshToken ?? '');
          if (!grantsSendScope(tokens.scope, request.sendMethod)) {
            throw new OAuthError({ code: 'EAUTH', oauthError: 'insufficient_scope', description: `the permission ${sendScopeOf(request.sendMethod)} was not granted (granted: ${tokens.scope ?? ''})`, status: 200 });
          }
          if (tokens.idToken === undefined) throw new OAuthError({ code: 'EAUTH', oauthError: 'invalid_id_token', description: 'no ID token came back (the "openid email" scopes)', status: 200 });
          const identity = identityFromIdToken(tokens.idToken, client.clientId);
          const account = await deps.accounts.saveOAuth({
            accountId: request.accountId,
            label: request.label || identity.email,
            fromName: request.fromName,
            sendMethod: request.sendMethod,
            client,
            googleAddress: identity.email,
            refreshToken: tokens.refreshToken,
            scope: tokens.scope ?? scopesFor(request.sendMethod).join(' '),
            accessToken: { token: tokens.accessToken, expiresAt: tokens.expiresAt },
          });
          return { status: 'connected', account };
        } catch (error) {
          if (!(error instanceof OAuthError)) throw error;
          return { status: 'failed', failure: toSmtpFailure(error, secrets.filter((s) => s !== '')) };
        }
      } finally {
        if (active === listener) active = undefined;
        listener.cancel();
      }
    },

    cancel() {
      if (!active) return false;
      active.cancel();
      active = undefined;
      return true;
    },
  };
}
