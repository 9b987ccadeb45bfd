/**
 * Access tokens for OAuth accounts, kept in memory only: one cache entry per account, refreshed a
 * minute before it expires, one refresh at a time, and a rotated refresh token handed back to the
 * account store to be encrypted and saved. The same `AccessTokenSource` feeds both send paths:
 * nodemailer's XOAUTH2 (through `provisionCallback`) and the Gmail API transport. Tokens are never
 * logged and never leave the main process.
 */
import type { Clock } from '../../storage/node/ports';
import { OAuthError, refreshAccessToken, type TokenEndpoint } from './oauth-token-client';

/** Refresh this long before the access token's stated expiry. */
export const REFRESH_SKEW_MS = 60_000;

/** An access token and its expiry. */
export interface AccessToken {
  /** The bearer token. */
  readonly token: string;
  /** Expiry, ms since epoch. */
  readonly expiresAt: number;
}

/** Gives out access tokens for one account. */
export interface AccessTokenSource {
  /** The Google address the grant belongs to (the XOAUTH2 `user`). */
  readonly user: string;
  /**
   * A live access token: the cached one unless it is within REFRESH_SKEW_MS of expiry, or `renew`
   * asks for a new one (after the server refused the cached one). Throws `OAuthError`.
   */
  get(options?: { readonly renew?: boolean }): Promise<AccessToken>;
  /** Every secret this source holds, to blank out of any failure text. */
  secrets(): string[];
}

/** What a session needs to refresh. */
export interface SessionGrant {
  /** The account. */
  readonly accountId: string;
  /** The Google address. */
  readonly user: string;
  /** Token endpoint and client. */
  readonly endpoint: TokenEndpoint;
  /** The stored (decrypted) refresh token. */
  readonly refreshToken: string;
}

/** The in-memory registry. */
export interface OAuthSessions {
  /** The source for an account; the cache survives between calls while the refresh token is the same. */
  source(grant: SessionGrant): AccessTokenSource;
  /** Puts tokens just obtained (at consent) in the cache. */
  prime(accountId: string, refreshToken: string, token: AccessToken): void;
  /** Forgets an account's cached token (removed, reconnected). */
  forget(accountId: string): void;
}

interface Entry {
  /** The refresh token the cached access token came from (a new consent starts afresh). */
  refreshToken: string;
  /** The refresh token this one replaced, still named by sources created before the rotation was saved. */
  previous?: string;
  /** The cached access token. */
  token?: AccessToken;
  /** The refresh under way, shared by every caller. */
  inFlight?: Promise<AccessToken>;
}

/**
 * Creates the registry. `onRotated` saves a refresh token the endpoint replaced (before it is used);
 * `onGrantState` hears whether the grant still works after each refresh (the `error` Google gave when
 * only a new consent can help, e.g. `invalid_grant`; undefined after a refresh that worked).
 */
export function createOAuthSessions(deps: {
  readonly clock: Clock;
  readonly onRotated: (accountId: string, refreshToken: string) => Promise<void>;
  readonly onGrantState?: (accountId: string, problem: string | undefined) => void;
}): OAuthSessions {
  const entries = new Map<string, Entry>();

  const entryFor = (accountId: string, refreshToken: string): Entry => {
    const existing = entries.get(accountId);
    // A rotated token replaces the stored one; an entry whose token rotated stays valid for the old value too.
    if (existing && (existing.refreshToken === refreshToken || existing.previous === refreshToken)) return existing;
    const fresh: Entry = { refreshToken };
    entries.set(accountId, fresh);
    return fresh;
  };

  return {
    source(grant) {
      const entry = entryFor(grant.accountId, grant.refreshToken);
      const refresh = (): Promise<AccessToken> => {
        entry.inFlight ??= (async () => {
          try {
            const set = await refreshAccessToken(grant.endpoint, entry.refreshToken, deps.clock.now);
            if (set.refreshToken !== undefined && set.refreshToken !== entry.refreshToken) {
              // Saved before the new access token is used: a crash now must not lose the new grant.
              await deps.onRotated(grant.accountId, set.refreshToken);
              entry.previous = entry.refreshToken;
              entry.refreshToken = set.refreshToken;
            }
            entry.token = { token: set.accessToken, expiresAt: set.expiresAt };
            deps.onGrantState?.(grant.accountId, undefined);
            return entry.token;
          } catch (error) {
            if (error instanceof OAuthError && error.needsReconnect) deps.onGrantState?.(grant.accountId, error.subtype || error.oauthError);
            throw error;
          } finally {
            entry.inFlight = undefined;
          }
        })();
        return entry.inFlight;
      };
      return {
        user: grant.user,
        async get(options) {
          const cached = entry.token;
          if (!options?.renew && cached && cached.expiresAt - REFRESH_SKEW_MS > deps.clock.now()) return cached;
          if (options?.renew && cached && entry.inFlight === undefined) entry.token = undefined;
          return refresh();
        },
        secrets: () => [grant.endpoint.clientSecret, grant.refreshToken, entry.refreshToken, entry.token?.token ?? ''].filter((s) => s !== ''),
      };
    },
    prime(accountId, refreshToken, token) {
      entries.set(accountId, { refreshToken, token });
    },
    forget(accountId) {
      entries.delete(accountId);
    },
  };
}
