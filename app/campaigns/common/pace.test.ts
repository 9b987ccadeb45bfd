/**
 * The pace against a fake clock: a simulated pool of connections whose hand-overs start late by a
 * random amount (timers and busy connections), at every rate the UI allows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPace } from './pace';

/**
 * Runs `count` hand-overs through a pool of `connections`, each taking `busyMs` and starting up to
 * `lateMs` after it may; returns the start times.
 */
function simulate(perMinute: number, connections: number, count: number, late: () => number, busyMs: number): number[] {
  const pace = createPace(perMinute, connections);
  const freeAt = Array.from({ length: connections }, () => 0);
  const starts: number[] = [];
  let now = 1_000_000;
  for (let k = 0; k < count; k += 1) {
    const c = freeAt.indexOf(Math.min(...freeAt));
    now = Math.max(now, freeAt[c]!, pace.nextAt) + late();
    pace.take(now);
    starts.push(now);
    freeAt[c] = now + busyMs;
  }
  return starts;
}

/** Messages per minute over a run, counted the way a user reads it: n messages over the time n slots take. */
const achieved = (starts: readonly number[]) => ((starts.length - 1) * 60_000) / (starts.at(-1)! - starts[0]!);

describe('createPace', () => {
  it('keeps every rate from 1 to 6,000 a minute within ±1 % although each start is late', () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
    console.log(`pace property seed: ${seed}`);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6000 }), fc.integer({ min: 1, max: 5 }), fc.double({ min: 0, max: 1, noNaN: true }), (perMinute, connections, lateness) => {
        const interval = 60_000 / perMinute;
        // Late by up to 40 % of a slot (and at least a few ms at high rates), the connection busy for half a slot.
        let state = 7;
        const random = () => ((state = (state * 48271) % 2147483647) / 2147483647);
        const late = () => random() * Math.min(interval * 0.4, 3 + lateness * 10);
        const count = 400;
        const starts = simulate(perMinute, connections, count, late, interval / 2);
        expect(Math.abs(achieved(starts) / perMinute - 1)).toBeLessThanOrEqual(0.01);
      }),
      { seed, numRuns: 200 },
    );
  });

  it('makes up lateness (the old pace from `now` lost 3.6 % at 6,000 a minute with ~0.4 ms late per start)', () => {
    const starts = simulate(6000, 5, 2000, () => 0.4, 5);
    expect(achieved(starts)).toBeCloseTo(6000, -1);
    let old = 1_000_000;
    const oldStarts = Array.from({ length: 2000 }, () => (old = old + 10 + 0.4));
    expect(achieved(oldStarts)).toBeLessThan(5800);
  });

  it('after a long stall owes no more slots than the pool has connections', () => {
    const pace = createPace(600, 3);
    pace.take(0);
    pace.take(100);
    // Ten seconds of nothing (a stall): 98 slots have passed.
    let now = 10_100;
    let immediate = 0;
    while (pace.nextAt <= now) {
      pace.take(now);
      immediate += 1;
    }
    expect(immediate).toBe(3);
    now = pace.nextAt;
    expect(now).toBeGreaterThan(10_100);
    expect(now - 10_100).toBeLessThanOrEqual(100);
  });

  it('does not pace when the rate is 0', () => {
    const pace = createPace(0, 2);
    pace.take(5);
    expect(pace.nextAt).toBe(-Infinity);
  });

  it('starts the schedule at the first hand-over, whenever that is', () => {
    const pace = createPace(60, 1);
    expect(pace.nextAt).toBe(-Infinity);
    pace.take(123_456);
    expect(pace.nextAt).toBe(124_456);
  });
});
