// Test support: the JSON store of the versions before the database, verbatim (writes fixtures for the one-time move).
/**
 * The suppression list: addresses that are never mailed, each with why and since when. Shared by every
 * list of this installation. The campaign engine adds addresses that fail permanently (5.1.1).
 */
import { addressKey } from '../../lists/common/member-list';
import type { Clock, KeyValueStore } from '../../storage/node/ports';

/** One suppressed address. */
export interface SuppressionEntry {
  /** The address as `addressKey` gives it (trimmed, NFC, lower-cased). */
  readonly email: string;
  /** Why: typed by the user, or the server's reply for automatic entries. */
  readonly reason: string;
  /** ISO time it was added. */
  readonly addedAt: string;
}

const KEY = 'suppressed';

/** The suppression list. */
export interface SuppressionStore {
  /** Every entry, newest first. */
  list(): SuppressionEntry[];
  /** The suppressed addresses as `addressKey` gives them, for validation. */
  addresses(): ReadonlySet<string>;
  /** Adds addresses (already present ones keep their first reason); returns how many were new. */
  add(emails: readonly string[], reason: string): number;
  /** Removes one address. */
  remove(email: string): void;
}

/** Creates the suppression store over a key-value store. */
export function createSuppressionStore(store: KeyValueStore, clock: Clock): SuppressionStore {
  const read = (): SuppressionEntry[] => {
    const value = store.get(KEY);
    return Array.isArray(value) ? (value as SuppressionEntry[]) : [];
  };
  return {
    list: () => [...read()].sort((a, b) => b.addedAt.localeCompare(a.addedAt)),
    addresses: () => new Set(read().map((e) => e.email)),
    add(emails, reason) {
      const all = read();
      const known = new Set(all.map((e) => e.email));
      const addedAt = new Date(clock.now()).toISOString();
      const fresh = [...new Set(emails.map(addressKey).filter((e) => e !== '' && !known.has(e)))];
      store.set(KEY, [...all, ...fresh.map((email) => ({ email, reason, addedAt }))]);
      return fresh.length;
    },
    remove(email) {
      const target = addressKey(email);
      store.set(
        KEY,
        read().filter((e) => e.email !== target),
      );
    },
  };
}
