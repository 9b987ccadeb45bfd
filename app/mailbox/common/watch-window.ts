/**
 * How long an account's mailbox is watched: 72 hours after its last send, unless the admin stopped
 * watching (until the next send) or extended it by a day at a time.
 */

/** How long after a send its bounces are watched for and matched. */
export const WATCH_WINDOW_MS = 72 * 60 * 60 * 1000;
/** What "watch one more day" adds. */
export const WATCH_EXTENSION_MS = 24 * 60 * 60 * 1000;

/** The admin's choice for one account, as stored (ms since epoch). */
export interface WatchChoice {
  /** When the admin stopped watching: holds until the account sends again. */
  readonly stoppedAt?: number;
  /** Watch at least until then (the admin extended it). */
  readonly extendedUntil?: number;
}

/** When watching ends (ms since epoch), or null when there is nothing to watch for. */
export function watchEnd(lastSentAt: number | null, choice: WatchChoice): number | null {
  if (choice.stoppedAt !== undefined && (lastSentAt === null || choice.stoppedAt >= lastSentAt)) return choice.stoppedAt;
  const natural = lastSentAt === null ? null : lastSentAt + WATCH_WINDOW_MS;
  if (choice.extendedUntil === undefined) return natural;
  return natural === null ? choice.extendedUntil : Math.max(natural, choice.extendedUntil);
}

/** The choice after the admin's action at `now`: stop watching, or watch one more day past the current end (or now). */
export function watchChoiceAfter(action: 'stop' | 'extend', lastSentAt: number | null, choice: WatchChoice, now: number): WatchChoice {
  if (action === 'stop') return { stoppedAt: now };
  const end = watchEnd(lastSentAt, choice);
  return { extendedUntil: Math.max(end ?? now, now) + WATCH_EXTENSION_MS };
}

/**
 * How far back sent rows are matched to the reports a check reads: the 72 hours after a send, plus as much
 * as the admin extended watching past that (a report read on an extended day still finds its send).
 */
export function matchWindowMs(lastSentAt: number | null, choice: WatchChoice): number {
  const end = watchEnd(lastSentAt, choice);
  if (end === null || lastSentAt === null) return WATCH_WINDOW_MS;
  return Math.max(WATCH_WINDOW_MS, end - lastSentAt);
}
