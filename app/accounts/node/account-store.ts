/**
 * Account records and their secrets, kept apart: records (no secrets) in one store, each account's
 * password — or, for a Google OAuth account, its client secret and refresh token — encrypted through
 * the SecretCipher in another, keyed by account id. Only `secretOf` and `credentialsOf` ever return a
 * secret (the latter as an access-token source for OAuth), and only the transport code calls them.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../ipc/common/app-error';
import type { AccountDraft, AccountView, CheckResult } from '../../ipc/common/contract';
import type { GoogleClient, SendMethod } from '../../oauth/common/google-oauth';
import { isGooglePreset, normalizeAppPassword, PRESETS } from '../common/presets';
import type { AccountCredentials, AccountRecord } from './account-record';
import { createOAuthSessions, type AccessToken, type OAuthSessions } from '../../oauth/node/oauth-sessions';
import type { Clock, KeyValueStore, SecretCipher } from '../../storage/node/ports';
import type { SendLedger } from './send-ledger';

export type { AccountAuth, AccountRecord } from './account-record';

/** The Gmail API's real address; tests hand the store a loopback fake instead. */
export const GMAIL_API_BASE = 'https://gmail.googleapis.com';


/** One stored secret: which protection encrypted it, and the cipher text. */
interface StoredSecret {
  /** The cipher's `protection` at the time of writing (e.g. `keychain:gnome_libsecret`). */
  readonly protection: string;
  /** Opaque cipher text. */
  readonly cipherText: string;
}

const RECORDS_KEY = 'accounts';
const VERSION_KEY = 'accountsVersion';
const SECRETS_KEY = 'passwords';
/** OAuth grants, apart from passwords: each an encrypted JSON of client secret and refresh token. */
const OAUTH_SECRETS_KEY = 'oauthGrants';
/** The schema version of stored records; `migrateRecords` brings older ones up to it. */
export const ACCOUNTS_VERSION = 3;

/** The secret half of an OAuth account, encrypted as one JSON text. */
interface OAuthSecret {
  /** The client secret from the client JSON. */
  readonly clientSecret: string;
  /** The refresh token (rotated ones replace it). */
  readonly refreshToken: string;
}

/** What a completed consent hands to the store. */
export interface OAuthGrantInput {
  /** The account to reconnect; absent for a new account. */
  readonly accountId?: string | undefined;
  /** Display name (a new account; a reconnect keeps its own). */
  readonly label: string;
  /** From display name (a new account). */
  readonly fromName: string;
  /** How it sends. */
  readonly sendMethod: SendMethod;
  /** The client, secret included. */
  readonly client: GoogleClient;
  /** The Google address from the ID token. */
  readonly googleAddress: string;
  /** The refresh token from the exchange (absent: keep the stored one, on a reconnect). */
  readonly refreshToken: string | undefined;
  /** Granted scopes. */
  readonly scope: string;
  /** The access token from the exchange, cached in memory. */
  readonly accessToken?: AccessToken;
}

/** Brings stored records of any earlier version up to ACCOUNTS_VERSION. */
export function migrateRecords(version: number, records: readonly Record<string, unknown>[]): AccountRecord[] {
  let current = records;
  if (version < 2) {
    // v1 (the first build) had no preset and no advanced fields.
    current = current.map((r) => ({ presetId: 'custom', replyTo: '', ehloName: '', tlsServername: '', ...r }));
  }
  if (version < 3) {
    // v3 adds OAuth accounts: every earlier account logs in with a password (or none).
    current = current.map((r) => ({ auth: { kind: 'password' }, ...r }));
  }
  return current as unknown as AccountRecord[];
}

/** Whether a draft sends to the same place as the record: server, port, security, login, TLS name and trusted CA. */
function sameDestination(record: AccountRecord, draft: AccountDraft): boolean {
  return (
    record.host === draft.host &&
    record.port === draft.port &&
    record.security === draft.security &&
    record.username === draft.username &&
    record.tlsServername === draft.tlsServername &&
    (draft.caCertificate === undefined || draft.caCertificate === record.caCertificate)
  );
}

/** The account store used by the handlers. */
export interface AccountStore {
  /** Every account, as the renderer may see it. */
  list(): AccountView[];
  /** Creates or updates an account; a draft without a password keeps the stored one, unless it changes where the password goes. */
  save(draft: AccountDraft): Promise<AccountView>;
  /** Removes an account and its secret. */
  remove(id: string): void;
  /** One record, or a `not-found` error. */
  record(id: string): AccountRecord;
  /** Keeps the result of the latest "Check". */
  setLastCheck(id: string, check: CheckResult): AccountView;
  /** The decrypted password, or undefined when none is stored (always for OAuth accounts). For transports only. */
  secretOf(id: string): Promise<string | undefined>;
  /** What a transport needs to log in: the password, or an access-token source. For transports only. */
  credentialsOf(id: string): Promise<AccountCredentials>;
  /** Creates or reconnects an OAuth account after a consent; the grant replaces any earlier one. */
  saveOAuth(input: OAuthGrantInput): Promise<AccountView>;
  /** The client of an OAuth account, secret included, for a reconnect. */
  oauthClientOf(id: string): Promise<{ readonly client: GoogleClient; readonly sendMethod: SendMethod; readonly googleAddress: string }>;
}

/** Creates the account store over two key-value stores and a cipher. */
export function createAccountStore(deps: {
  readonly records: KeyValueStore;
  readonly secrets: KeyValueStore;
  readonly cipher: SecretCipher;
  readonly clock: Clock;
  readonly ledger: SendLedger;
  /** The Gmail API base URL (default: Google's). */
  readonly gmailApiBase?: string;
}): AccountStore {
  const { records, secrets, cipher, clock, ledger } = deps;
  const gmailApiBase = deps.gmailApiBase ?? GMAIL_API_BASE;

  const readRecords = (): AccountRecord[] => {
    const value = records.get(RECORDS_KEY);
    if (!Array.isArray(value)) return [];
    const version = Number(records.get(VERSION_KEY) ?? 1);
    if (version === ACCOUNTS_VERSION) return value as AccountRecord[];
    const migrated = migrateRecords(version, value as Record<string, unknown>[]);
    writeRecords(migrated);
    return migrated;
  };
  const writeRecords = (all: readonly AccountRecord[]) => {
    records.set(RECORDS_KEY, all);
    records.set(VERSION_KEY, ACCOUNTS_VERSION);
  };
  const readSecrets = (): Record<string, StoredSecret> => {
    const value = secrets.get(SECRETS_KEY);
    return value && typeof value === 'object' ? (value as Record<string, StoredSecret>) : {};
  };
  const readGrants = (): Record<string, StoredSecret> => {
    const value = secrets.get(OAUTH_SECRETS_KEY);
    return value && typeof value === 'object' ? (value as Record<string, StoredSecret>) : {};
  };
  const decryptStored = async (stored: StoredSecret, what: string): Promise<string> => {
    const unavailable = new AppError(
      'secret-unavailable',
      stored.protection === cipher.protection
        ? `The saved ${what} of this account can no longer be decrypted.`
        : `The saved ${what} was encrypted with "${stored.protection}", but this computer now uses "${cipher.protection}".`,
      what === 'password' ? 'Enter the password again and save the account.' : 'Connect the Google account again (Reconnect).',
    );
    if (stored.protection !== cipher.protection) throw unavailable;
    try {
      return await cipher.decrypt(stored.cipherText);
    } catch {
      throw unavailable;
    }
  };
  const readGrant = async (id: string): Promise<OAuthSecret> => {
    const stored = readGrants()[id];
    if (stored === undefined) throw new AppError('secret-unavailable', 'This Google account has no saved sign-in.', 'Connect the Google account again (Reconnect).');
    const parsed = JSON.parse(await decryptStored(stored, 'Google sign-in')) as OAuthSecret;
    return parsed;
  };
  const writeGrant = async (id: string, grant: OAuthSecret) => {
    // Encrypt before writing anything, so a cipher that refuses leaves the stores untouched.
    const cipherText = await cipher.encrypt(JSON.stringify(grant));
    secrets.set(OAUTH_SECRETS_KEY, { ...readGrants(), [id]: { protection: cipher.protection, cipherText } });
  };
  const sessions: OAuthSessions = createOAuthSessions({
    clock,
    onRotated: async (id, refreshToken) => {
      const current = await readGrant(id);
      await writeGrant(id, { ...current, refreshToken });
    },
    // Remembered on the record so that the Accounts screen offers Reconnect after a campaign paused on it.
    onGrantState: (id, problem) => {
      const all = readRecords();
      const record = all.find((r) => r.id === id);
      if (record?.auth?.kind !== 'oauth' || record.auth.grantProblem === problem) return;
      const { grantProblem: _old, ...auth } = record.auth;
      writeRecords(all.map((r) => (r.id === id ? { ...record, auth: problem === undefined ? auth : { ...auth, grantProblem: problem } } : r)));
    },
  });
  /** The provider's word on the login's daily limit, while it stands. */
  const providerLimitOf = (id: string) => {
    const held = ledger.providerLimit(id);
    return held === undefined ? {} : { providerLimit: held };
  };
  const toView = (record: AccountRecord, stored: Record<string, StoredSecret>): AccountView => {
    const auth = record.auth ?? { kind: 'password' };
    const grant = auth.kind === 'oauth' ? readGrants()[record.id] : undefined;
    return {
    id: record.id,
    presetId: record.presetId,
    label: record.label,
    host: record.host,
    port: record.port,
    security: record.security,
    username: record.username,
    hasPassword: record.id in stored,
    fromAddress: record.fromAddress,
    fromName: record.fromName,
    replyTo: record.replyTo,
    ehloName: record.ehloName,
    tlsServername: record.tlsServername,
    ...(record.dailyLimit === undefined ? {} : { dailyLimit: record.dailyLimit }),
    ...(record.unsubscribeUrl ? { unsubscribeUrl: record.unsubscribeUrl } : {}),
    sentLast24h: ledger.sentInLastDay(record.id),
    effectiveDailyLimit: record.dailyLimit ?? PRESETS[record.presetId].dailyLimit,
    ...providerLimitOf(record.id),
    hasCaCertificate: record.caCertificate !== '',
    secretReadable:
      auth.kind === 'oauth' ? grant !== undefined && grant.protection === cipher.protection : !(record.id in stored) || stored[record.id]?.protection === cipher.protection,
    ...(record.lastCheck === undefined ? {} : { lastCheck: record.lastCheck }),
    auth:
      auth.kind === 'password'
        ? { kind: 'password' }
        : {
            kind: 'oauth',
            sendMethod: auth.sendMethod,
            googleAddress: auth.googleAddress,
            clientId: auth.clientId,
            projectId: auth.projectId,
            connectedAt: auth.connectedAt,
            hasGrant: grant !== undefined,
            ...(auth.grantProblem === undefined ? {} : { grantProblem: auth.grantProblem }),
          },
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    };
  };
  const find = (id: string): AccountRecord => {
    const found = readRecords().find((r) => r.id === id);
    if (!found) throw new AppError('not-found', 'That account no longer exists.', 'Reload the accounts list.');
    return found;
  };

  return {
    list() {
      const stored = readSecrets();
      return readRecords().map((record) => toView(record, stored));
    },

    async save(draft) {
      const all = readRecords();
      const now = new Date(clock.now()).toISOString();
      const existing = draft.id === undefined ? undefined : all.find((r) => r.id === draft.id);
      if (draft.id !== undefined && !existing) {
        throw new AppError('not-found', 'That account no longer exists.', 'Reload the accounts list.');
      }
      if (existing?.auth?.kind === 'oauth') {
        throw new AppError('invalid-input', 'This account signs in with Google (OAuth); its server settings cannot be edited.', 'Use Reconnect to sign in again.');
      }
      const stored = readSecrets();
      const id = existing?.id ?? randomUUID();
      const typed = draft.password !== undefined && draft.password !== '' ? draft.password : undefined;
      // Google shows app passwords as four groups of four letters; whether Gmail accepts the spaces is
      // not confirmed (providers.md §4, UNCONFIRMED), so they are removed.
      const newPassword = typed !== undefined && isGooglePreset(draft.presetId) ? normalizeAppPassword(typed) : typed;
      const presetLimit = PRESETS[draft.presetId].dailyLimit;
      if (draft.dailyLimit !== undefined && presetLimit !== null && draft.dailyLimit > presetLimit) {
        throw new AppError('invalid-input', `dailyLimit: This provider allows at most ${presetLimit} messages a day.`);
      }
      // A saved password stays bound to where it was saved for, as a password manager binds it to a site.
      const rebound = existing !== undefined && !sameDestination(existing, draft);
      let keptSecrets = stored;
      if (rebound && newPassword === undefined && id in stored) {
        if (draft.username !== '') {
          throw new AppError(
            'invalid-input',
            'password: The server or login changed, so enter the password again. A saved password is only sent to the server it was saved for.',
          );
        }
        // No login any more: the old password is dropped rather than kept for a server it was not meant for.
        const { [id]: _dropped, ...rest } = stored;
        keptSecrets = rest;
      }
      if (draft.username !== '' && newPassword === undefined && !(id in stored)) {
        throw new AppError('invalid-input', 'password: Enter the password for this login.');
      }
      const sameServer = existing !== undefined && existing.host === draft.host && existing.port === draft.port && existing.username === draft.username;
      const record: AccountRecord = {
        id,
        presetId: draft.presetId,
        label: draft.label,
        host: draft.host,
        port: draft.port,
        security: draft.security,
        username: draft.username,
        fromAddress: draft.fromAddress,
        fromName: draft.fromName,
        replyTo: draft.replyTo,
        ehloName: draft.ehloName,
        tlsServername: draft.tlsServername,
        dailyLimit: draft.dailyLimit,
        ...(draft.unsubscribeUrl ? { unsubscribeUrl: draft.unsubscribeUrl } : {}),
        caCertificate: draft.caCertificate ?? existing?.caCertificate ?? '',
        // A check of other settings says nothing about these ones.
        lastCheck: sameServer && newPassword === undefined ? existing.lastCheck : undefined,
        auth: { kind: 'password' },
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      if (newPassword !== undefined) {
        // Encrypt before writing anything, so a cipher that refuses leaves the stores untouched.
        const cipherText = await cipher.encrypt(newPassword);
        secrets.set(SECRETS_KEY, { ...keptSecrets, [id]: { protection: cipher.protection, cipherText } });
      } else if (keptSecrets !== stored) {
        secrets.set(SECRETS_KEY, keptSecrets);
      }
      writeRecords(existing ? all.map((r) => (r.id === id ? record : r)) : [...all, record]);
      return toView(record, readSecrets());
    },

    remove(id) {
      const all = readRecords();
      if (!all.some((r) => r.id === id)) throw new AppError('not-found', 'That account no longer exists.');
      writeRecords(all.filter((r) => r.id !== id));
      const { [id]: _removed, ...rest } = readSecrets();
      secrets.set(SECRETS_KEY, rest);
      const { [id]: _grant, ...otherGrants } = readGrants();
      secrets.set(OAUTH_SECRETS_KEY, otherGrants);
      sessions.forget(id);
    },

    record: find,

    setLastCheck(id, check) {
      const all = readRecords();
      const record = { ...find(id), lastCheck: check };
      writeRecords(all.map((r) => (r.id === id ? record : r)));
      return toView(record, readSecrets());
    },

    async secretOf(id) {
      const stored = readSecrets()[id];
      if (stored === undefined) return undefined;
      return decryptStored(stored, 'password');
    },

    async credentialsOf(id) {
      const record = find(id);
      const auth = record.auth ?? { kind: 'password' };
      if (auth.kind === 'password') {
        const stored = readSecrets()[id];
        return { kind: 'password', password: stored === undefined ? undefined : await decryptStored(stored, 'password') };
      }
      const grant = await readGrant(id);
      const tokens = sessions.source({
        accountId: id,
        user: auth.googleAddress,
        endpoint: { tokenUri: auth.tokenUri, clientId: auth.clientId, clientSecret: grant.clientSecret },
        refreshToken: grant.refreshToken,
      });
      return { kind: 'oauth', sendMethod: auth.sendMethod, tokenUri: auth.tokenUri, tokens, gmailApiBase };
    },

    async saveOAuth(input) {
      const all = readRecords();
      const now = new Date(clock.now()).toISOString();
      const existing = input.accountId === undefined ? undefined : all.find((r) => r.id === input.accountId);
      if (input.accountId !== undefined && !existing) throw new AppError('not-found', 'That account no longer exists.', 'Reload the accounts list.');
      const id = existing?.id ?? randomUUID();
      let refreshToken = input.refreshToken;
      if (refreshToken === undefined && existing?.auth?.kind === 'oauth') {
        // The stored refresh token is kept only for the very client, token endpoint and Google address it was
        // granted to: a reconnect through another token_uri or secret must not carry it there.
        const grant = await readGrant(id);
        const auth = existing.auth;
        const sameGrant =
          auth.clientId === input.client.clientId &&
          auth.tokenUri === input.client.tokenUri &&
          grant.clientSecret === input.client.clientSecret &&
          auth.googleAddress.toLowerCase() === input.googleAddress.toLowerCase();
        if (!sameGrant) {
          throw new AppError(
            'invalid-input',
            'This sign-in is for another Google client or address than the one this account was connected with, and Google sent no new sign-in for it.',
            'Connect it as a new account, or remove Mailroom at myaccount.google.com/permissions and connect again.',
          );
        }
        refreshToken = grant.refreshToken;
      }
      if (refreshToken === undefined) {
        throw new AppError('invalid-input', 'Google did not return a refresh token, so Mailroom could not keep this account signed in.', 'Remove Mailroom at myaccount.google.com/permissions, then connect again.');
      }
      const address = input.googleAddress;
      const consumer = /@(gmail|googlemail)\.com$/i.test(address);
      const api = input.sendMethod === 'gmail-api';
      const record: AccountRecord = {
        id,
        presetId: existing?.presetId ?? (consumer ? 'gmail' : 'workspace'),
        label: existing?.label ?? input.label,
        host: api ? 'gmail.googleapis.com' : 'smtp.gmail.com',
        port: api ? 443 : 465,
        security: 'tls',
        username: address,
        fromAddress: address,
        fromName: existing?.fromName ?? input.fromName,
        replyTo: existing?.replyTo ?? '',
        ehloName: '',
        tlsServername: '',
        dailyLimit: existing?.dailyLimit,
        caCertificate: '',
        lastCheck: undefined,
        auth: {
          kind: 'oauth',
          sendMethod: input.sendMethod,
          clientId: input.client.clientId,
          authUri: input.client.authUri,
          tokenUri: input.client.tokenUri,
          projectId: input.client.projectId,
          googleAddress: address,
          scope: input.scope,
          connectedAt: now,
        },
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      await writeGrant(id, { clientSecret: input.client.clientSecret, refreshToken });
      // A password saved under this id before (an account switched to OAuth) is dropped.
      const { [id]: _oldPassword, ...passwords } = readSecrets();
      secrets.set(SECRETS_KEY, passwords);
      sessions.forget(id);
      if (input.accessToken) sessions.prime(id, refreshToken, input.accessToken);
      writeRecords(existing ? all.map((r) => (r.id === id ? record : r)) : [...all, record]);
      return toView(record, readSecrets());
    },

    async oauthClientOf(id) {
      const record = find(id);
      if (record.auth?.kind !== 'oauth') throw new AppError('invalid-input', 'This account does not sign in with Google.');
      const grant = await readGrant(id);
      const { auth } = record;
      return {
        client: { clientId: auth.clientId, clientSecret: grant.clientSecret, authUri: auth.authUri, tokenUri: auth.tokenUri, projectId: auth.projectId },
        sendMethod: auth.sendMethod,
        googleAddress: auth.googleAddress,
      };
    },
  };
}
