/**
 * Scheduled send through the handler table, against a fake clock the test moves and a real SMTP sink:
 * waits as `scheduled`, starts at its time, can be changed or taken back, survives a restart (on time,
 * or at once with a note when the time passed while the app was closed), and meets the daily limit.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- the test reads fields of many channels' outputs */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../../e2e/fakes/smtp-sink';
import { dispatch } from '../../ipc/common/dispatch';
import { callerOf, saveRelayAccount, until, type HandlerCall } from '../../test-support/handler-calls';
import { handlersWithMemoryStores } from '../../test-support/testing-handlers';

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink({ security: 'none' });
});
afterAll(() => sink.close());

const MINUTE = 60_000;
const START = Date.UTC(2026, 10, 30, 9, 0, 0);

/**
 * A clock the test moves: it runs at real speed (the engine's pace needs time to pass) from a moment the
 * test sets; it counts its reads so a test can wait until the scheduler has looked at it.
 */
function fakeClock() {
  let offset = START - performance.now();
  let reads = 0;
  return {
    now: () => {
      reads += 1;
      return Math.floor(performance.now() + offset);
    },
    set: (ms: number) => void (offset = ms - performance.now()),
    reads: () => reads,
  };
}

/** An account, a list of `count` members starting with `prefix`, and a ready campaign to them. */
async function readyCampaign(call: HandlerCall, prefix: string, count: number, dailyLimit?: number) {
  const account = await saveRelayAccount(call, sink.port, dailyLimit === undefined ? {} : { dailyLimit });
  const list = await call('lists:paste', { name: prefix, text: Array.from({ length: count }, (_, i) => `${prefix}${i}@club.test`).join('\n') });
  const created = await call('campaigns:create', {
    accountId: account.id,
    listId: list.list.id,
    template: { inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject: 'Hi', content: 'Hi' } },
    perMinute: 6000,
  });
  return created.id as string;
}

const received = (prefix: string) => sink.messages.filter((m) => m.rcptTo[0]?.startsWith(prefix)).length;

/** Waits until the scheduler has read the clock a few more times (it has looked, and decided). */
const schedulerLooked = (clock: ReturnType<typeof fakeClock>) => {
  const before = clock.reads();
  return until(() => clock.reads(), (n) => n >= before + 6);
};

describe('scheduled send', () => {
  it('waits as scheduled until its time, then sends; the history shows when', async () => {
    const clock = fakeClock();
    const events: any[] = [];
    const { handlers } = handlersWithMemoryStores({ clock, scheduleCheckMs: 5, emit: (event, payload) => event === 'campaigns:progress' && events.push(payload) });
    const call = callerOf(handlers);
    const id = await readyCampaign(call, 'ontime', 4);
    const at = new Date(START + 10 * MINUTE).toISOString();
    const scheduled = await call('campaigns:schedule', { id, at });
    expect(scheduled).toMatchObject({ status: 'scheduled', scheduledAt: at });
    expect((await call('campaigns:list'))[0]).toMatchObject({ id, status: 'scheduled', scheduledAt: at });
    // Electron's background keeper learns of it from the event stream.
    expect(events.at(-1)).toMatchObject({ id, status: 'scheduled' });

    clock.set(START + 10 * MINUTE - 1000);
    await schedulerLooked(clock);
    expect((await call('campaigns:get', { id })).campaign.status).toBe('scheduled');
    expect(received('ontime')).toBe(0);

    clock.set(START + 10 * MINUTE);
    const done = await until(() => call('campaigns:get', { id }), (d: any) => d.campaign.status === 'completed');
    expect(done.counts).toMatchObject({ sent: 4 });
    expect(done.lateStart).toBeUndefined();
    expect(done.campaign.scheduledAt).toBeUndefined();
    expect(received('ontime')).toBe(4);
  });

  it('can be moved, taken back to ready, and refuses a past time or a campaign that has started', async () => {
    const clock = fakeClock();
    const { handlers } = handlersWithMemoryStores({ clock, scheduleCheckMs: 5 });
    const call = callerOf(handlers);
    const id = await readyCampaign(call, 'moved', 3);
    await call('campaigns:schedule', { id, at: new Date(START + 10 * MINUTE).toISOString() });
    const later = new Date(START + 20 * MINUTE).toISOString();
    expect(await call('campaigns:schedule', { id, at: later })).toMatchObject({ status: 'scheduled', scheduledAt: later });

    // Past the first time, before the second: still waiting.
    clock.set(START + 15 * MINUTE);
    await schedulerLooked(clock);
    expect((await call('campaigns:get', { id })).campaign.status).toBe('scheduled');
    expect(received('moved')).toBe(0);

    const past = await dispatch(handlers, 'campaigns:schedule', { id, at: new Date(START + 14 * MINUTE).toISOString() });
    expect(past.ok).toBe(false);
    if (!past.ok) expect(past.error.message).toContain('passed');
    const far = await dispatch(handlers, 'campaigns:schedule', { id, at: new Date(START + 400 * 24 * 60 * MINUTE).toISOString() });
    expect(far.ok).toBe(false);
    const garbage = await dispatch(handlers, 'campaigns:schedule', { id, at: 'tomorrow at nine' });
    expect(garbage.ok).toBe(false);

    // Taken back: ready, and its old time passing starts nothing (a witness scheduled later has sent by then).
    expect(await call('campaigns:schedule', { id, at: null })).toMatchObject({ status: 'ready' });
    const witness = await readyCampaign(call, 'witness', 1);
    await call('campaigns:schedule', { id: witness, at: new Date(START + 22 * MINUTE).toISOString() });
    clock.set(START + 25 * MINUTE);
    await until(() => call('campaigns:get', { id: witness }), (d: any) => d.campaign.status === 'completed');
    expect((await call('campaigns:get', { id })).campaign.status).toBe('ready');
    expect(received('moved')).toBe(0);

    // Cancelled while scheduled: nothing is sent when the time comes.
    await call('campaigns:schedule', { id, at: new Date(START + 30 * MINUTE).toISOString() });
    expect((await call('campaigns:cancel', { id })).status).toBe('cancelled');
    const second = await readyCampaign(call, 'witness-two', 1);
    await call('campaigns:schedule', { id: second, at: new Date(START + 31 * MINUTE).toISOString() });
    clock.set(START + 32 * MINUTE);
    await until(() => call('campaigns:get', { id: second }), (d: any) => d.campaign.status === 'completed');
    expect((await call('campaigns:get', { id })).counts).toMatchObject({ cancelled: 3, sent: 0 });
    expect(received('moved')).toBe(0);
    expect((await dispatch(handlers, 'campaigns:schedule', { id, at: new Date(START + 40 * MINUTE).toISOString() })).ok).toBe(false);
  });

  it('survives a restart: on time when the app is open again before it, at once with a note when its time passed while closed', async () => {
    const clock = fakeClock();
    const first = handlersWithMemoryStores({ clock, scheduleCheckMs: 5 });
    const before = callerOf(first.handlers);
    const onTime = await readyCampaign(before, 'restart-on', 2);
    const late = await readyCampaign(before, 'restart-late', 2);
    await before('campaigns:schedule', { id: onTime, at: new Date(START + 60 * MINUTE).toISOString() });
    await before('campaigns:schedule', { id: late, at: new Date(START + 5 * MINUTE).toISOString() });

    // "Closed" for a while: the new instance starts at +30 minutes.
    clock.set(START + 30 * MINUTE);
    const restarted = handlersWithMemoryStores({ clock, scheduleCheckMs: 5, restartOf: { stores: first.stores, journalDir: first.journalDir, dataDir: first.dataDir } });
    const after = callerOf(restarted.handlers);
    const lateDone = await until(() => after('campaigns:get', { id: late }), (d: any) => d.campaign.status === 'completed');
    expect(lateDone.lateStart.scheduledAt).toBe(new Date(START + 5 * MINUTE).toISOString());
    expect(Date.parse(lateDone.lateStart.startedAt)).toBeGreaterThanOrEqual(START + 30 * MINUTE);
    expect(received('restart-late')).toBe(2);
    expect((await after('campaigns:get', { id: onTime })).campaign).toMatchObject({ status: 'scheduled', scheduledAt: new Date(START + 60 * MINUTE).toISOString() });
    expect(received('restart-on')).toBe(0);

    clock.set(START + 60 * MINUTE);
    const onTimeDone = await until(() => after('campaigns:get', { id: onTime }), (d: any) => d.campaign.status === 'completed');
    expect(onTimeDone.lateStart).toBeUndefined();
    expect(received('restart-on')).toBe(2);
  });

  it('meets the daily limit: at its time it sends what the limit allows and waits for the rest', async () => {
    const clock = fakeClock();
    const { handlers } = handlersWithMemoryStores({ clock, scheduleCheckMs: 5 });
    const call = callerOf(handlers);
    const id = await readyCampaign(call, 'quota', 5, 3);
    await call('campaigns:schedule', { id, at: new Date(START + 10 * MINUTE).toISOString() });
    clock.set(START + 10 * MINUTE);
    const waiting = await until(() => call('campaigns:get', { id }), (d: any) => d.campaign.status === 'waiting-for-quota');
    expect(waiting.counts).toMatchObject({ sent: 3, queued: 2 });
    expect(Date.parse(waiting.resumeAt)).toBeGreaterThan(START + 10 * MINUTE);
    expect(received('quota')).toBe(3);
  });
});
