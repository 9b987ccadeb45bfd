import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchWindowMs, WATCH_EXTENSION_MS, WATCH_WINDOW_MS, watchChoiceAfter, watchEnd } from './watch-window';

const HOUR = 60 * 60 * 1000;
const sent = Date.UTC(2026, 10, 30, 9, 0);

describe('watch window', () => {
  it('is 72 hours after the last send, nothing without a send', () => {
    expect(watchEnd(sent, {})).toBe(sent + WATCH_WINDOW_MS);
    expect(watchEnd(null, {})).toBeNull();
  });

  it('a stop ends watching at once and holds until the account sends again', () => {
    const stopped = watchChoiceAfter('stop', sent, {}, sent + HOUR);
    expect(watchEnd(sent, stopped)).toBe(sent + HOUR);
    const laterSend = sent + 2 * HOUR;
    expect(watchEnd(laterSend, stopped)).toBe(laterSend + WATCH_WINDOW_MS);
  });

  it('one more day is added to the current end, or to now once watching has ended or was stopped', () => {
    const now = sent + HOUR;
    expect(watchEnd(sent, watchChoiceAfter('extend', sent, {}, now))).toBe(sent + WATCH_WINDOW_MS + WATCH_EXTENSION_MS);
    const twice = watchChoiceAfter('extend', sent, watchChoiceAfter('extend', sent, {}, now), now);
    expect(watchEnd(sent, twice)).toBe(sent + WATCH_WINDOW_MS + 2 * WATCH_EXTENSION_MS);
    // After a stop, "one more day" watches again: the send's own window if it is still open, at least a day from now.
    const afterStop = watchChoiceAfter('extend', sent, watchChoiceAfter('stop', sent, {}, now), now + HOUR);
    expect(watchEnd(sent, afterStop)).toBe(sent + WATCH_WINDOW_MS);
    const lateStop = sent + 70 * HOUR;
    expect(watchEnd(sent, watchChoiceAfter('extend', sent, watchChoiceAfter('stop', sent, {}, lateStop), lateStop))).toBe(lateStop + WATCH_EXTENSION_MS);
    const late = sent + 5 * 24 * HOUR;
    expect(watchEnd(sent, watchChoiceAfter('extend', sent, {}, late))).toBe(late + WATCH_EXTENSION_MS);
  });

  it('property: after "extend" watching goes on for at least a day from now; after "stop" it has ended; a later send always restarts the window', () => {
    const time = fc.integer({ min: 0, max: 10 * 24 * HOUR });
    const action = fc.constantFrom('stop' as const, 'extend' as const);
    fc.assert(
      fc.property(fc.option(time, { nil: null }), fc.array(fc.tuple(action, time), { maxLength: 6 }), time, (lastSentAt, actions, gap) => {
        let choice = {};
        let now = lastSentAt ?? 0;
        for (const [act, step] of actions) {
          now += step;
          choice = watchChoiceAfter(act, lastSentAt, choice, now);
          const end = watchEnd(lastSentAt, choice);
          if (act === 'extend') expect(end).toBeGreaterThanOrEqual(now + WATCH_EXTENSION_MS);
          else expect(end).toBe(now);
        }
        const nextSend = Math.max(now, lastSentAt ?? 0) + gap + 1;
        expect(watchEnd(nextSend, choice)).toBeGreaterThanOrEqual(nextSend + WATCH_WINDOW_MS);
      }),
    );
  });

  it('the matching window covers the last send for as long as it is watched: 72 hours, and every day the admin added', () => {
    expect(matchWindowMs(sent, {})).toBe(WATCH_WINDOW_MS);
    expect(matchWindowMs(null, {})).toBe(WATCH_WINDOW_MS);
    expect(matchWindowMs(sent, watchChoiceAfter('extend', sent, {}, sent + HOUR))).toBe(WATCH_WINDOW_MS + WATCH_EXTENSION_MS);
    // Extended on the fifth day: a report read then still finds the send of five days ago.
    const late = sent + 5 * 24 * HOUR;
    expect(matchWindowMs(sent, watchChoiceAfter('extend', sent, {}, late))).toBe(late + WATCH_EXTENSION_MS - sent);
  });

  it('property: at any moment the mailbox is watched, the last send lies inside the matching window; it is never under 72 hours', () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
    console.log(`matching window property seed: ${seed}`);
    const time = fc.integer({ min: 0, max: 10 * 24 * HOUR });
    const action = fc.constantFrom('stop' as const, 'extend' as const);
    fc.assert(
      fc.property(fc.option(time, { nil: null }), fc.array(fc.tuple(action, time), { maxLength: 6 }), fc.double({ min: 0, max: 1, noNaN: true }), (lastSentAt, actions, where) => {
        let choice = {};
        let now = lastSentAt ?? 0;
        for (const [act, step] of actions) {
          now += step;
          choice = watchChoiceAfter(act, lastSentAt, choice, now);
        }
        const window = matchWindowMs(lastSentAt, choice);
        expect(window).toBeGreaterThanOrEqual(WATCH_WINDOW_MS);
        const end = watchEnd(lastSentAt, choice);
        if (lastSentAt === null || end === null || end < lastSentAt) return;
        const checkAt = lastSentAt + Math.floor(where * (end - lastSentAt));
        expect(checkAt - window).toBeLessThanOrEqual(lastSentAt);
      }),
      { seed },
    );
  });
});
