/**
 * The suppression list: addresses that are never mailed, each with why and since when. Shared by every
 * list of this installation. The campaign engine adds addresses that fail permanently (5.1.1).
 */
import { addressKey } from '../common/member-list';
import type { MailroomDatabase } from '../../storage/node/database';
import type { Clock } from '../../storage/node/ports';

/** One suppressed address. */
export interface SuppressionEntry {
  /** The address as `addressKey` gives it (trimmed, NFC, lower-cased). */
  readonly email: string;
  /** Why: typed by the user, or the server's reply for automatic entries. */
  readonly reason: string;
  /** ISO time it was added. */
  readonly addedAt: string;
}

/** The suppression list. */
export interface SuppressionStore {
  /** Every entry, newest first. */
  list(): SuppressionEntry[];
  /** The suppressed addresses as `addressKey` gives them, for validation. */
  addresses(): ReadonlySet<string>;
  /** The entry of one address (any spelling `addressKey` folds to it), or undefined when it is not suppressed. */
  entryOf(email: string): SuppressionEntry | undefined;
  /** Adds addresses (already present ones keep their first reason); returns how many were new. */
  add(emails: readonly string[], reason: string): number;
  /** Removes one address. */
  remove(email: string): void;
}

/** Creates the suppression store over the database. */
export function createSuppressionStore(database: MailroomDatabase, clock: Clock): SuppressionStore {
  const { db } = database;
  const list = db.prepare<[], { email: string; reason: string; added_at: string }>('SELECT email, reason, added_at FROM suppression ORDER BY added_at DESC, rowid');
  const addresses = db.prepare<[], string>('SELECT email FROM suppression').pluck();
  const insert = db.prepare('INSERT INTO suppression (email, reason, added_at) VALUES (?, ?, ?) ON CONFLICT (email) DO NOTHING');
  const remove = db.prepare('DELETE FROM suppression WHERE email = ?');
  const one = db.prepare<[string], { email: string; reason: string; added_at: string }>('SELECT email, reason, added_at FROM suppression WHERE email = ?');
  return {
    list: () => list.all().map((r) => ({ email: r.email, reason: r.reason, addedAt: r.added_at })),
    addresses: () => new Set(addresses.all()),
    entryOf(email) {
      const row = one.get(addressKey(email));
      return row ? { email: row.email, reason: row.reason, addedAt: row.added_at } : undefined;
    },
    add(emails, reason) {
      const addedAt = new Date(clock.now()).toISOString();
      const fresh = [...new Set(emails.map(addressKey).filter((e) => e !== ''))];
      return database.write(() => fresh.reduce((added, email) => added + insert.run(email, reason, addedAt).changes, 0));
    },
    remove(email) {
      database.write(() => remove.run(addressKey(email)));
    },
  };
}
