import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../test-support/memory-ports';
import { createSendLedger, DAY_MS } from './send-ledger';

const MINUTE = 60_000;

describe('send ledger', () => {
  it('counts a rolling 24-hour window, not a calendar day', () => {
    const first = Date.parse('2026-11-22T23:00:10Z');
    let now = first;
    const ledger = createSendLedger(createMemoryStore(), { now: () => now });
    ledger.record('a', 3);
    now += 2 * 3600_000; // past midnight: a calendar day would reset here
    ledger.record('a');
    expect(ledger.sentInLastDay('a')).toBe(4);
    // Counted at the end of the minute they were sent in: never freed before the provider frees them.
    const minuteEnd = Date.parse('2026-11-22T23:01:00Z');
    expect(ledger.nextFreeAt('a')).toBe(minuteEnd + DAY_MS);
    now = first + DAY_MS + 1;
    expect(ledger.sentInLastDay('a')).toBe(4);
    now = minuteEnd + DAY_MS;
    expect(ledger.sentInLastDay('a')).toBe(1);
    expect(ledger.sentInLastDay('b')).toBe(0);
  });

  it('survives a restart (persisted) and forgets a removed account', () => {
    const store = createMemoryStore();
    const clock = { now: () => 1_000_000 };
    createSendLedger(store, clock).record('a', 2);
    const reopened = createSendLedger(store, clock);
    expect(reopened.sentInLastDay('a')).toBe(2);
    reopened.forget('a');
    expect(createSendLedger(store, clock).sentInLastDay('a')).toBe(0);
  });

  it('keeps one entry per minute however many messages, and groups store writes', () => {
    const store = createMemoryStore();
    let writes = 0;
    const counting = { ...store, set: (key: string, value: unknown) => ((writes += 1), store.set(key, value)) };
    let now = Date.parse('2026-11-22T09:00:00Z');
    const ledger = createSendLedger(counting, { now: () => now });
    for (let i = 0; i < 3000; i += 1) {
      ledger.record('a');
      now += 20; // 3,000 sends over one minute
    }
    expect(ledger.sentInLastDay('a')).toBe(3000);
    expect(writes).toBe(1); // the first at once, the rest wait for the interval
    ledger.flush();
    const stored = store.get('sent') as Record<string, unknown[]>;
    expect(stored.a!.length).toBeLessThanOrEqual(2);
    expect(createSendLedger(store, { now: () => now }).sentInLastDay('a')).toBe(3000);
  });

  it('reads the first format (one timestamp per send)', () => {
    const store = createMemoryStore();
    const now = Date.parse('2026-11-22T09:30:00Z');
    store.set('sent', { a: [now - 3 * MINUTE, now - 3 * MINUTE + 5, now - MINUTE, now - DAY_MS - 2 * MINUTE] });
    const ledger = createSendLedger(store, { now: () => now });
    expect(ledger.sentInLastDay('a')).toBe(3);
  });
});
