/**
 * The campaign's pace: message k may start at `origin + k × interval`, the origin being the first
 * hand-over. Each slot is counted from that origin, never from the moment the last message went, so a
 * late start (a busy connection, a slow timer) is made up by the next ones instead of being lost for
 * good. Making up is bounded: at most `burst` slots (the pool's connections) are ever owed, so after a
 * long stall the run resumes at the pool's width, not in a flood.
 */

/** The schedule of one run. */
export interface Pace {
  /** The earliest time (ms) the next message may start; `-Infinity` before the first. */
  readonly nextAt: number;
  /** Records a hand-over at `now` (which must not be before `nextAt`). */
  take(now: number): void;
}

/** A pace of `perMinute` messages a minute, owing at most `burst` slots; `perMinute` 0 = no pace. */
export function createPace(perMinute: number, burst: number): Pace {
  const interval = perMinute > 0 ? 60_000 / perMinute : 0;
  let origin: number | undefined;
  let slot = 0;
  return {
    get nextAt() {
      return origin === undefined || interval === 0 ? -Infinity : origin + slot * interval;
    },
    take(now) {
      if (interval === 0) return;
      if (origin === undefined) origin = now;
      // More than `burst` slots due at once (this one included): those beyond the pool's width are forgiven.
      const due = Math.floor((now - origin) / interval) - slot + 1;
      if (due > burst) slot += due - burst;
      slot += 1;
    },
  };
}
