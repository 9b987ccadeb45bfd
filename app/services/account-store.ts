/**
 * Account records and their secrets, kept apart: records (no secrets) in one store, each account's
 * password encrypted through the SecretCipher in another, keyed by account id. Only `secretOf` ever
 * returns a password, and only the transport code calls it.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../core/app-error';
import type { AccountDraft, AccountView, CheckResult, Security } from '../core/contract';
import { isGooglePreset, normalizeAppPassword, PRESETS, type PresetId } from '../core/presets';
import type { Clock, KeyValueStore, SecretCipher } from './ports';
import type { SendLedger } from './send-ledger';

/** An account as stored: everything but the password. */
export interface AccountRecord {
  /** Stable id. */
  readonly id: string;
  /** The preset it was made from. */
  readonly presetId: PresetId;
  /** Display name. */
  readonly label: string;
  /** SMTP host. */
  readonly host: string;
  /** SMTP port. */
  readonly port: number;
  /** Connection security. */
  readonly security: Security;
  /** Login name. */
  readonly username: string;
  /** From address. */
  readonly fromAddress: string;
  /** From display name. */
  readonly fromName: string;
  /** Reply-To, or empty. */
  readonly replyTo: string;
  /** EHLO name, or empty. */
  readonly ehloName: string;
  /** TLS server name, or empty. */
  readonly tlsServername: string;
  /** The user's daily limit, if set. */
  readonly dailyLimit?: number | undefined;
  /** Extra CA to trust (PEM), or empty. */
  readonly caCertificate: string;
  /** The last "Check", if any. */
  readonly lastCheck?: CheckResult | undefined;
  /** ISO creation time. */
  readonly createdAt: string;
  /** ISO time of the last edit. */
  readonly updatedAt: string;
}

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
/** The schema version of stored records; `migrateRecords` brings older ones up to it. */
export const ACCOUNTS_VERSION = 2;

/** Brings stored records of any earlier version up to ACCOUNTS_VERSION. */
export function migrateRecords(version: number, records: readonly Record<string, unknown>[]): AccountRecord[] {
  let current = records;
  if (version < 2) {
    // v1 (the first build) had no preset and no advanced fields.
    current = current.map((r) => ({ presetId: 'custom', replyTo: '', ehloName: '', tlsServername: '', ...r }));
  }
  return current as unknown as AccountRecord[];
}

/** The account store used by the handlers. */
export interface AccountStore {
  /** Every account, as the renderer may see it. */
  list(): AccountView[];
  /** Creates or updates an account; a draft without a password keeps the stored one. */
  save(draft: AccountDraft): Promise<AccountView>;
  /** Removes an account and its secret. */
  remove(id: string): void;
  /** One record, or a `not-found` error. */
  record(id: string): AccountRecord;
  /** Keeps the result of the latest "Check". */
  setLastCheck(id: string, check: CheckResult): AccountView;
  /** The decrypted password, or undefined when none is stored. For transports only. */
  secretOf(id: string): Promise<string | undefined>;
}

/** Creates the account store over two key-value stores and a cipher. */
export function createAccountStore(deps: {
  readonly records: KeyValueStore;
  readonly secrets: KeyValueStore;
  readonly cipher: SecretCipher;
  readonly clock: Clock;
  readonly ledger: SendLedger;
}): AccountStore {
  const { records, secrets, cipher, clock, ledger } = deps;

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
  const toView = (record: AccountRecord, stored: Record<string, StoredSecret>): AccountView => ({
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
    sentLast24h: ledger.sentInLastDay(record.id),
    effectiveDailyLimit: record.dailyLimit ?? PRESETS[record.presetId].dailyLimit,
    hasCaCertificate: record.caCertificate !== '',
    secretReadable: !(record.id in stored) || stored[record.id]?.protection === cipher.protection,
    ...(record.lastCheck === undefined ? {} : { lastCheck: record.lastCheck }),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  });
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
        caCertificate: draft.caCertificate ?? existing?.caCertificate ?? '',
        // A check of other settings says nothing about these ones.
        lastCheck: sameServer && newPassword === undefined ? existing.lastCheck : undefined,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      if (newPassword !== undefined) {
        // Encrypt before writing anything, so a cipher that refuses leaves the stores untouched.
        const cipherText = await cipher.encrypt(newPassword);
        secrets.set(SECRETS_KEY, { ...stored, [id]: { protection: cipher.protection, cipherText } });
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
      ledger.forget(id);
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
      const unavailable = new AppError(
        'secret-unavailable',
        stored.protection === cipher.protection
          ? 'The saved password of this account can no longer be decrypted.'
          : `The saved password was encrypted with "${stored.protection}", but this computer now uses "${cipher.protection}".`,
        'Enter the password again and save the account.',
      );
      if (stored.protection !== cipher.protection) throw unavailable;
      try {
        return await cipher.decrypt(stored.cipherText);
      } catch {
        throw unavailable;
      }
    },
  };
}
