/**
 * A persisted ledger of what each account sent, to count a rolling 24-hour window the way providers
 * do ("Limits per day are applied over a rolling 24-hour period, not a set time of day", providers.md
 * §3.1). The campaign engine records every hand-over here; "Send test" does too.
 */
import type { Clock, KeyValueStore } from './ports';

const KEY = 'sent';
/** The window providers count their daily limits over. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** The ledger. */
export interface SendLedger {
  /** Records `count` messages handed over by an account now. */
  record(accountId: string, count?: number): void;
  /** How many messages the account handed over in the last 24 hours. */
  sentInLastDay(accountId: string): number;
  /** When the oldest send of the window ages out (ms since epoch), or undefined when nothing was sent. */
  nextFreeAt(accountId: string): number | undefined;
  /** Forgets an account (when it is removed). */
  forget(accountId: string): void;
}

/** Creates the ledger over a key-value store. */
export function createSendLedger(store: KeyValueStore, clock: Clock): SendLedger {
  const read = (): Record<string, number[]> => {
    const value = store.get(KEY);
    return value && typeof value === 'object' ? (value as Record<string, number[]>) : {};
  };
  const recent = (accountId: string): number[] => {
    const since = clock.now() - DAY_MS;
    return (read()[accountId] ?? []).filter((at) => at > since);
  };
  return {
    record(accountId, count = 1) {
      const all = read();
      const kept = recent(accountId);
      const now = clock.now();
      for (let i = 0; i < count; i += 1) kept.push(now);
      store.set(KEY, { ...all, [accountId]: kept });
    },
    sentInLastDay: (accountId) => recent(accountId).length,
    nextFreeAt(accountId) {
      const oldest = recent(accountId)[0];
      return oldest === undefined ? undefined : oldest + DAY_MS;
    },
    forget(accountId) {
      const { [accountId]: _gone, ...rest } = read();
      store.set(KEY, rest);
    },
  };
}
