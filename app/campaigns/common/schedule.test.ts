/** Scheduled send's decisions over every time, with fast-check. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkScheduleTime, LATE_AFTER_MS, MAX_SCHEDULE_AHEAD_MS, MIN_SCHEDULE_AHEAD_MS, scheduleStep } from './schedule';

const time = fc.integer({ min: 0, max: 4_000_000_000_000 });

describe('schedule', () => {
  it('accepts exactly the times between the minimum lead and a year ahead', () => {
    fc.assert(
      fc.property(time, fc.integer({ min: -MAX_SCHEDULE_AHEAD_MS, max: 2 * MAX_SCHEDULE_AHEAD_MS }), (now, delta) => {
        const check = checkScheduleTime(now + delta, now);
        if (delta < MIN_SCHEDULE_AHEAD_MS) expect(check).toBe('past');
        else if (delta > MAX_SCHEDULE_AHEAD_MS) expect(check).toBe('too-far');
        else expect(check).toBe('ok');
      }),
    );
    expect(checkScheduleTime(Number.NaN, 0)).toBe('past');
  });

  it('waits never past the time nor longer than the recheck, and starts (late past a minute) once the time has come', () => {
    fc.assert(
      fc.property(time, fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.integer({ min: 1, max: 600_000 }), (at, delta, recheck) => {
        const step = scheduleStep(at, at + delta, recheck);
        if (delta < 0) {
          expect(step.kind).toBe('wait');
          if (step.kind === 'wait') {
            expect(step.ms).toBeGreaterThan(0);
            expect(step.ms).toBeLessThanOrEqual(Math.min(-delta, recheck));
          }
        } else if (delta < LATE_AFTER_MS) expect(step).toEqual({ kind: 'start' });
        else expect(step).toEqual({ kind: 'start-late', lateByMs: delta });
      }),
    );
  });
});
