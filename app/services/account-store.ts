/**
 * Account records and their secrets, kept apart: records (no secrets) in one store, each account's
 * password encrypted through the SecretCipher in another, keyed by account id. Only `secretOf` ever
 * returns a password, and only the transport code calls it.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../core/app-error';
import type { AccountDraft, AccountView, Security } from '../core/contract';
import type { Clock, KeyValueStore, SecretCipher } from './ports';

/** An account as stored: everything but the password. */
export interface AccountRecord {
  /** Stable id. */
  readonly id: string;
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
  /** Extra CA to trust (PEM), or empty. */
  readonly caCertificate: string;
  /** ISO creation time. */
  readonly createdAt: string;
  /** ISO time of the last edit. */
  readonly updatedAt: string;
}

const RECORDS_KEY = 'accounts';
const SECRETS_KEY = 'passwords';

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
  /** The decrypted password, or undefined when none is stored. For transports only. */
  secretOf(id: string): Promise<string | undefined>;
}

/** Creates the account store over two key-value stores and a cipher. */
export function createAccountStore(deps: {
  readonly records: KeyValueStore;
  readonly secrets: KeyValueStore;
  readonly cipher: SecretCipher;
  readonly clock: Clock;
}): AccountStore {
  const { records, secrets, cipher, clock } = deps;

  const readRecords = (): AccountRecord[] => {
    const value = records.get(RECORDS_KEY);
    return Array.isArray(value) ? (value as AccountRecord[]) : [];
  };
  const readSecrets = (): Record<string, string> => {
    const value = secrets.get(SECRETS_KEY);
    return value && typeof value === 'object' ? (value as Record<string, string>) : {};
  };
  const toView = (record: AccountRecord, stored: Record<string, string>): AccountView => ({
    id: record.id,
    label: record.label,
    host: record.host,
    port: record.port,
    security: record.security,
    username: record.username,
    hasPassword: record.id in stored,
    fromAddress: record.fromAddress,
    fromName: record.fromName,
    hasCaCertificate: record.caCertificate !== '',
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  });

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
      const willHavePassword = (draft.password !== undefined && draft.password !== '') || id in stored;
      if (draft.username !== '' && !willHavePassword) {
        throw new AppError('invalid-input', 'password: Enter the password for this login.');
      }
      const record: AccountRecord = {
        id,
        label: draft.label,
        host: draft.host,
        port: draft.port,
        security: draft.security,
        username: draft.username,
        fromAddress: draft.fromAddress,
        fromName: draft.fromName,
        caCertificate: draft.caCertificate ?? existing?.caCertificate ?? '',
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      if (draft.password !== undefined && draft.password !== '') {
        secrets.set(SECRETS_KEY, { ...stored, [id]: await cipher.encrypt(draft.password) });
      }
      records.set(RECORDS_KEY, existing ? all.map((r) => (r.id === id ? record : r)) : [...all, record]);
      return toView(record, readSecrets());
    },

    remove(id) {
      const all = readRecords();
      if (!all.some((r) => r.id === id)) throw new AppError('not-found', 'That account no longer exists.');
      records.set(
        RECORDS_KEY,
        all.filter((r) => r.id !== id),
      );
      const { [id]: _removed, ...rest } = readSecrets();
      secrets.set(SECRETS_KEY, rest);
    },

    record(id) {
      const found = readRecords().find((r) => r.id === id);
      if (!found) throw new AppError('not-found', 'That account no longer exists.', 'Reload the accounts list.');
      return found;
    },

    async secretOf(id) {
      const cipherText = readSecrets()[id];
      if (cipherText === undefined) return undefined;
      try {
        return await cipher.decrypt(cipherText);
      } catch {
        throw new AppError(
          'secret-unavailable',
          'The saved password of this account can no longer be decrypted.',
          'Enter the password again and save the account.',
        );
      }
    },
  };
}
