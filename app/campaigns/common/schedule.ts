/**
 * Scheduled send, the pure part: whether a chosen time can be a campaign's start, and what a scheduled
 * campaign needs at a given moment (start now, start late with a note, or wait).
 */

/** The furthest ahead a campaign can be scheduled (a year). */
export const MAX_SCHEDULE_AHEAD_MS = 366 * 24 * 60 * 60 * 1000;

/** A time that must be at least this far ahead, so the admin has not set a time that passes while saving. */
export const MIN_SCHEDULE_AHEAD_MS = 30 * 1000;

/** A scheduled campaign found this long after its time started late: the admin is told. */
export const LATE_AFTER_MS = 60 * 1000;

/** Why a time cannot be a campaign's start, or `ok`. */
export type ScheduleCheck = 'ok' | 'past' | 'too-far';

/** Checks a start time (ms since the epoch) against now. */
export function checkScheduleTime(at: number, now: number): ScheduleCheck {
  if (!Number.isFinite(at) || at < now + MIN_SCHEDULE_AHEAD_MS) return 'past';
  if (at > now + MAX_SCHEDULE_AHEAD_MS) return 'too-far';
  return 'ok';
}

/** What a scheduled campaign needs now: wait (and how long), start on time, or start late (the time passed while the app was closed or asleep). */
export type ScheduleStep = { readonly kind: 'wait'; readonly ms: number } | { readonly kind: 'start' } | { readonly kind: 'start-late'; readonly lateByMs: number };

/** Decides a scheduled campaign's step; `recheckMs` caps a wait so a clock that jumps (sleep, a changed time) is noticed. */
export function scheduleStep(at: number, now: number, recheckMs: number): ScheduleStep {
  if (now < at) return { kind: 'wait', ms: Math.max(1, Math.min(at - now, recheckMs)) };
  const lateByMs = now - at;
  return lateByMs >= LATE_AFTER_MS ? { kind: 'start-late', lateByMs } : { kind: 'start' };
}
