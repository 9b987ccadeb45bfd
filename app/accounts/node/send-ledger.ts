/**
 * A persisted ledger of what each account sent, to count a rolling 24-hour window the way providers
 * do ("Limits per day are applied over a rolling 24-hour period, not a set time of day", providers.md
 * §3.1). The campaign engine records every hand-over here; "Send test" does too.
 *
 * Sends are counted per minute: one `[minute start, count]` pair per minute an account sent in, so the
 * ledger of a busy day is at most 1,440 pairs however many thousand messages went out, and recording
 * costs the same for the 10th message as for the 10,000th. A minute's sends count as made at its end,
 * so the window frees at most a minute later than the provider's own would — never earlier.
 *
 * Writes to the store are grouped: at most one per `PERSIST_INTERVAL_MS` (a store write under
 * electron-store/conf rewrites a whole file synchronously). `flush()` writes at once; the campaign
 * runner calls it when a run ends. A crash can lose the last second of counts; the campaign journals
 * still hold every member's fate.
 */
import type { Clock, KeyValueStore } from '../../storage/node/ports';

const KEY = 'sent';
/** The window providers count their daily limits over. */
export const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60_000;
/** The longest time a recorded send waits to be written to the store. */
export const PERSIST_INTERVAL_MS = 1000;

/** One minute of an account's sends: when the minute started (ms since epoch) and how many. */
type Bucket = [minuteStart: number, count: number];

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
  /** Writes pending counts to the store now. */
  flush(): void;
}

/** Reads the stored ledger; the first format (one timestamp per send) is folded into minutes. */
function load(value: unknown): Map<string, Bucket[]> {
  const accounts = new Map<string, Bucket[]>();
  if (!value || typeof value !== 'object') return accounts;
  for (const [accountId, entries] of Object.entries(value as Record<string, unknown>)) {
    if (!Array.isArray(entries)) continue;
    const buckets: Bucket[] = [];
    for (const entry of entries) {
      const [at, count] = typeof entry === 'number' ? [entry, 1] : Array.isArray(entry) ? [Number(entry[0]), Number(entry[1])] : [NaN, NaN];
      if (!Number.isFinite(at) || !Number.isFinite(count) || count <= 0) continue;
      const start = at - (at % MINUTE_MS);
      const last = buckets.at(-1);
      if (last && last[0] === start) last[1] += count;
      else buckets.push([start, count]);
    }
    buckets.sort((a, b) => a[0] - b[0]);
    accounts.set(accountId, buckets);
  }
  return accounts;
}

/** Creates the ledger over a key-value store. */
export function createSendLedger(store: KeyValueStore, clock: Clock): SendLedger {
  const accounts = load(store.get(KEY));
  let lastWrite = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const write = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    lastWrite = clock.now();
    store.set(KEY, Object.fromEntries(accounts));
  };
  const persistSoon = () => {
    if (timer) return;
    const wait = lastWrite + PERSIST_INTERVAL_MS - clock.now();
    if (wait <= 0) return write();
    timer = setTimeout(write, wait);
    (timer as { unref?: () => void }).unref?.();
  };
  /** The account's buckets still inside the window (older ones are dropped). */
  const recent = (accountId: string): Bucket[] => {
    const buckets = accounts.get(accountId) ?? [];
    const since = clock.now() - DAY_MS;
    let first = 0;
    while (first < buckets.length && buckets[first]![0] + MINUTE_MS <= since) first += 1;
    if (first > 0) buckets.splice(0, first);
    return buckets;
  };

  return {
    record(accountId, count = 1) {
      const now = clock.now();
      const start = now - (now % MINUTE_MS);
      const buckets = recent(accountId);
      const last = buckets.at(-1);
      if (last && last[0] === start) last[1] += count;
      else buckets.push([start, count]);
      accounts.set(accountId, buckets);
      persistSoon();
    },
    sentInLastDay: (accountId) => recent(accountId).reduce((sum, [, count]) => sum + count, 0),
    nextFreeAt(accountId) {
      const oldest = recent(accountId)[0];
      return oldest === undefined ? undefined : oldest[0] + MINUTE_MS + DAY_MS;
    },
    forget(accountId) {
      accounts.delete(accountId);
      write();
    },
    flush: write,
  };
}
