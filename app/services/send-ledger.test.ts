import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory-ports';
import { createSendLedger, DAY_MS } from './send-ledger';

describe('send ledger', () => {
  it('counts a rolling 24-hour window, not a calendar day', () => {
    let now = Date.parse('2026-11-22T23:00:00Z');
    const ledger = createSendLedger(createMemoryStore(), { now: () => now });
    ledger.record('a', 3);
    now += 2 * 3600_000; // past midnight: a calendar day would reset here
    ledger.record('a');
    expect(ledger.sentInLastDay('a')).toBe(4);
    expect(ledger.nextFreeAt('a')).toBe(Date.parse('2026-11-22T23:00:00Z') + DAY_MS);
    now = Date.parse('2026-11-22T23:00:00Z') + DAY_MS + 1;
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
    expect(reopened.sentInLastDay('a')).toBe(0);
  });
});
