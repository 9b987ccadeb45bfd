/**
 * The provider's own word on its daily limit, through the handler table against a real SMTP server on
 * loopback that answers Gmail's `550 5.4.5` after three messages, and a clock the test moves: the campaign
 * waits with the reply and the time it can go on, another account on the same login shares the count and
 * the refusal (account list, pre-flight, a single send held back), and the campaign goes on by itself at
 * that time, everyone exactly once, the refusal cleared by the first send after it.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- the test reads fields of many channels' outputs */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dailyLimitAfter } from '../../../e2e/fakes/smtp-faults';
import { startSmtpSink, type SmtpSink } from '../../../e2e/fakes/smtp-sink';
import { dispatch, type Handlers } from '../../ipc/common/dispatch';
import { handlersWithMemoryStores } from '../../test-support/testing-handlers';
import { DAY_MS } from '../../accounts/node/send-ledger';

const LOGIN = 'office@school.test';
const PASSWORD = 'sink-password';
const limit = dailyLimitAfter(3, (recipient) => recipient.endsWith('@capped.test'));
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink({ security: 'none', users: { [LOGIN]: PASSWORD }, script: { data: limit.data } });
});
afterAll(() => sink.close());

const START = Date.UTC(2026, 10, 30, 5, 0, 30);

/** A clock that runs at real speed from a moment the test sets. */
function movableClock() {
  let offset = START - performance.now();
  return { now: () => Math.floor(performance.now() + offset), set: (ms: number) => void (offset = ms - performance.now()) };
}

/** Waits on state, generously (a loaded machine), never on a fixed time. */
async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 6000; i += 1) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const caller = (handlers: Handlers) => async (channel: string, input?: unknown): Promise<any> => {
  const result = await dispatch(handlers, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
};

describe("the provider's daily-limit reply", () => {
  it('waits with the reply and its time, is shared by the login, and goes on at that time', async () => {
    const clock = movableClock();
    const { handlers } = handlersWithMemoryStores({ clock, scheduleCheckMs: 20 });
    const call = caller(handlers);
    const account = (label: string) => call('accounts:save', { label, host: '127.0.0.1', port: sink.port, security: 'none', username: LOGIN, password: PASSWORD, fromAddress: LOGIN, fromName: label });
    const home = await account('Home');
    // The same login typed another way: one provider account, one ledger.
    const office = await call('accounts:save', { label: 'Office', host: '127.0.0.1', port: sink.port, security: 'none', username: ' Office@School.test ', password: PASSWORD, fromAddress: LOGIN, fromName: 'Office' });
    const list = await call('lists:paste', { name: 'capped', text: Array.from({ length: 6 }, (_, i) => `m${i}@capped.test`).join('\n') });
    const template = { inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject: 'Notice', content: 'Hello' } };
    const created = await call('campaigns:create', { accountId: home.id, listId: list.list.id, template, perMinute: 6000 });
    await call('campaigns:start', { id: created.id });

    const waiting = await until(() => call('campaigns:get', { id: created.id }), (d) => d.campaign.status === 'waiting-for-quota', 'the campaign to wait');
    expect(waiting.counts.sent).toBe(3);
    expect(waiting.counts.failed).toBe(0);
    expect(limit.refused()).toBeGreaterThanOrEqual(1); // those already in flight on other connections are refused too, and released
    expect(waiting.providerLimit.reply).toContain('5.4.5 Daily user sending limit exceeded');
    // Three sends known: the window frees when the first minute's sends age out (basis: the ledger).
    const firstMinuteEnd = START - (START % 60_000) + 60_000;
    expect(waiting.providerLimit).toMatchObject({ basis: 'ledger', resumeAt: new Date(firstMinuteEnd + DAY_MS).toISOString() });
    expect(waiting.resumeAt).toBe(waiting.providerLimit.resumeAt);

    // The other account on the login: the same count and the same refusal, in the list and in pre-flight.
    const accounts = await call('accounts:list');
    for (const a of accounts) {
      expect(a.sentLast24h).toBe(3);
      expect(a.providerLimit).toEqual(waiting.providerLimit);
    }
    const preflight = await call('compose:preflight', { accountId: office.id, listId: list.list.id, template, perMinute: 6000 });
    expect(preflight.providerLimit).toEqual(waiting.providerLimit);
    expect(preflight.quota.fitsToday).toBe(false);
    expect(Date.parse(preflight.quota.estimatedFinish)).toBeGreaterThanOrEqual(Date.parse(waiting.providerLimit.resumeAt));
    // A single send through the other account is held back with the provider's words, not sent.
    const before = sink.messages.length;
    const held = await call('messages:send', { accountId: office.id, to: ['one@capped.test'], subject: 'One', text: 'One', vars: {}, attachments: [] });
    expect(held.status).toBe('failed');
    expect(held.failure).toMatchObject({ diagnosis: 'daily-limit', response: waiting.providerLimit.reply });
    expect(held.failure.message).toContain(waiting.providerLimit.resumeAt);
    expect(sink.messages.length).toBe(before);

    // A minute before the time nothing moves; at the time the campaign goes on by itself.
    clock.set(Date.parse(waiting.providerLimit.resumeAt) - 60_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await call('campaigns:get', { id: created.id })).campaign.status).toBe('waiting-for-quota');
    limit.lift();
    clock.set(Date.parse(waiting.providerLimit.resumeAt) + 1000);
    const done = await until(() => call('campaigns:get', { id: created.id }), (d) => d.campaign.status === 'completed', 'the campaign to go on and finish');
    expect(done.counts.sent).toBe(6);
    const perAddress = new Map<string, number>();
    for (const m of sink.messages.filter((m) => m.rcptTo[0]?.endsWith('@capped.test'))) perAddress.set(m.rcptTo[0]!, (perAddress.get(m.rcptTo[0]!) ?? 0) + 1);
    expect([...perAddress.values()]).toEqual([1, 1, 1, 1, 1, 1]);
    // The first send after the time cleared the refusal for both accounts.
    expect(done.providerLimit).toBeUndefined();
    for (const a of await call('accounts:list')) expect(a.providerLimit).toBeUndefined();
  }, 240_000);
});
