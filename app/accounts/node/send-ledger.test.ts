import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../test-support/memory-ports';
import { openDatabase, type MailroomDatabase } from '../../storage/node/database';
import { createSendLedger, DAY_MS, limitResumeAt, moveConfLedger, PERSIST_INTERVAL_MS } from './send-ledger';

const MINUTE = 60_000;
const opened: MailroomDatabase[] = [];
const memory = () => {
  const database = openDatabase(':memory:');
  opened.push(database);
  return database;
};
afterEach(() => {
  for (const database of opened.splice(0)) if (database.db.open) database.close();
});

describe('send ledger over the database', () => {
  it('counts a rolling 24-hour window, not a calendar day', () => {
    const first = Date.parse('2026-11-22T23:00:10Z');
    let now = first;
    const ledger = createSendLedger(memory(), { now: () => now });
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

  it('survives a restart: counts are in the database once flushed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailroom-ledger-'));
    try {
      const clock = { now: () => 1_000_000_000 };
      const file = join(dir, 'db.sqlite3');
      const first = openDatabase(file);
      const ledger = createSendLedger(first, clock);
      ledger.record('a', 2);
      ledger.flush();
      first.close();
      const again = openDatabase(file);
      expect(createSendLedger(again, clock).sentInLastDay('a')).toBe(2);
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps one row per login and minute however many messages, and groups writes into transactions', () => {
    const database = memory();
    let transactions = 0;
    const counting: MailroomDatabase = { ...database, write: (work) => ((transactions += 1), database.write(work)) };
    let now = Date.parse('2026-11-22T09:00:00Z');
    const ledger = createSendLedger(counting, { now: () => now });
    for (let i = 0; i < 3000; i += 1) {
      ledger.record('a');
      now += 20; // 3,000 sends over one minute
    }
    expect(ledger.sentInLastDay('a')).toBe(3000);
    expect(transactions).toBe(1); // the first at once; the rest wait for the interval
    ledger.flush();
    expect(transactions).toBe(2);
    const rows = database.db.prepare('SELECT COUNT(*) AS n FROM send_ledger').get() as { n: number };
    expect(rows.n).toBeLessThanOrEqual(2);
    expect(createSendLedger(database, { now: () => now }).sentInLastDay('a')).toBe(3000);
  });

  it('counts another connection\'s sends (another process) on every read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailroom-ledger-'));
    try {
      let now = Date.parse('2026-11-22T09:00:00Z');
      const clock = { now: () => now };
      const file = join(dir, 'db.sqlite3');
      const app = openDatabase(file);
      const cli = openDatabase(file);
      const appLedger = createSendLedger(app, clock);
      const cliLedger = createSendLedger(cli, clock);
      appLedger.record('a', 5);
      appLedger.flush();
      cliLedger.record('a', 2);
      expect(cliLedger.sentInLastDay('a')).toBe(7); // its own pending two and the app's five
      now += PERSIST_INTERVAL_MS;
      cliLedger.flush();
      expect(appLedger.sentInLastDay('a')).toBe(7);
      app.close();
      cli.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('counts two accounts on one login together, and keeps other logins apart', () => {
    const logins: Record<string, string> = { home: 'google|kim@gmail.com', office: 'google|kim@gmail.com', other: 'smtp.naver.com|kim' };
    const ledger = createSendLedger(memory(), { now: () => 5_000_000_000 }, { loginOf: (id) => logins[id] });
    ledger.record('home', 3);
    ledger.record('office', 4);
    ledger.record('other', 1);
    expect(ledger.sentInLastDay('home')).toBe(7);
    expect(ledger.sentInLastDay('office')).toBe(7);
    expect(ledger.sentInLastDay('other')).toBe(1);
    expect(ledger.sentInLastDay('unknown')).toBe(0);
  });
});

describe("the provider's word on its daily limit", () => {
  it('resumes when the oldest known send ages out, or a day after the reply when no send is known', () => {
    const at = Date.parse('2026-11-30T05:00:00Z');
    expect(limitResumeAt(at, at + 3600_000)).toEqual({ resumeAt: at + 3600_000, basis: 'ledger' });
    expect(limitResumeAt(at, undefined)).toEqual({ resumeAt: at + DAY_MS, basis: 'reply-plus-day' });
  });

  it('is kept per login, read back by another account on the login, and cleared by a send after its time', () => {
    let now = Date.parse('2026-11-30T05:00:00Z');
    const database = memory();
    const logins: Record<string, string> = { home: 'google|kim@gmail.com', office: 'google|kim@gmail.com' };
    const ledger = createSendLedger(database, { now: () => now }, { loginOf: (id) => logins[id] });
    ledger.record('home', 8);
    now += 10 * MINUTE;
    const reply = '550-5.4.5 Daily user sending limit exceeded. For more information on Gmail sending limits go to https://support.google.com/a/answer/166852';
    const state = ledger.noteLimitReply('home', reply, now);
    expect(state.basis).toBe('ledger');
    expect(Date.parse(state.resumeAt)).toBe(Date.parse('2026-11-30T05:01:00Z') + DAY_MS);
    expect(ledger.providerLimit('office')).toEqual(state);
    // A send before the time (a test the provider took) does not clear it; one after does.
    ledger.record('office');
    ledger.flush();
    expect(ledger.providerLimit('home')).toEqual(state);
    now = Date.parse(state.resumeAt) + 1;
    ledger.record('office');
    expect(ledger.providerLimit('home')).toBeUndefined();
    ledger.flush();
    expect(createSendLedger(database, { now: () => now }, { loginOf: (id) => logins[id] }).providerLimit('home')).toBeUndefined();
  });

  it('says a day after the reply when the login sent nothing Mailroom knows of', () => {
    const now = Date.parse('2026-11-30T05:00:00Z');
    const ledger = createSendLedger(memory(), { now: () => now });
    const state = ledger.noteLimitReply('a', '550 5.4.5 Daily sending quota exceeded', now);
    expect(state).toMatchObject({ basis: 'reply-plus-day', resumeAt: new Date(now + DAY_MS).toISOString(), repliedAt: new Date(now).toISOString() });
  });
});

describe('the move from the conf file', () => {
  it('moves both old formats once, under each account\'s login, and keeps the old value aside', () => {
    const now = Date.parse('2026-11-22T09:30:00Z');
    const store = createMemoryStore();
    // Written the old way: one timestamp per send (first format) and [minute, count] pairs (second).
    const old = {
      home: [now - 3 * MINUTE, now - 3 * MINUTE + 5, now - MINUTE, now - DAY_MS - 2 * MINUTE],
      office: [[now - now % MINUTE - 10 * MINUTE, 40]],
      gone: [[now - 2 * MINUTE, 2]],
    };
    store.set('sent', old);
    const database = memory();
    const logins: Record<string, string> = { home: 'google|kim@gmail.com', office: 'google|kim@gmail.com' };
    const loginOf = (id: string) => logins[id];
    expect(moveConfLedger(database, store, loginOf, now)).toBe(45);
    expect(store.get('sent')).toBeUndefined();
    expect(store.get('sent-pre-sqlite')).toEqual(old);
    const ledger = createSendLedger(database, { now: () => now }, { loginOf });
    expect(ledger.sentInLastDay('home')).toBe(43);
    expect(ledger.sentInLastDay('gone')).toBe(2);
    // A second process (or a restart after a crash before the conf key was removed) moves nothing again.
    store.set('sent', old);
    expect(moveConfLedger(database, store, loginOf, now)).toBe(0);
    expect(ledger.sentInLastDay('home')).toBe(43);
  });
});
