/** Bounces and unsubscribe replies become row states: journaled, indexed, pushed, idempotent, reviewable. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BounceOutcome, UnsubscribeOutcome } from '../../mailbox/common/match-report';
import { openDatabase, type MailroomDatabase } from '../../storage/node/database';
import { createSuppressionStore } from '../../lists/node/suppression-store';
import { testCampaign } from '../../test-support/fixtures';
import type { DeliveryState } from '../common/delivery-state';
import { journalFileFor, replay } from './campaign-journal';
import { createCampaignStore, type CampaignStore } from './campaign-store';
import { createMailboxOutcomes, diagnoseBounce, type MailboxOutcomes } from './mailbox-outcomes';
import { DEFAULT_MAILBOX_OPTIONS, type MailboxOptions } from '../../ipc/common/contract';
import { rowOf } from './campaign-runner';

const SENT_AT = Date.parse('2026-11-30T01:00:00Z');
const clock = { now: () => SENT_AT + 3600_000 };

let dir: string;
let database: MailroomDatabase;
let campaigns: CampaignStore;
let outcomes: MailboxOutcomes;
let events: Array<{ id: string; changes: Array<{ index: number; status: string }>; counts: Record<string, number> }>;
let campaignId: string;
/** The automatic suppression settings the recorder reads as each report is recorded. */
let options: MailboxOptions;

const sent = (i: number): DeliveryState => ({ status: 'sent', response: '250 OK', messageId: `<m${i}@mailroom.test>`, at: SENT_AT + i, attempt: 1 });
const bounce = (reportId: string, cls: BounceOutcome['bounce'], status = '5.1.1'): BounceOutcome => ({
  reportId,
  bounce: cls,
  status,
  diagnostic: `smtp; 550 ${status} The email account that you tried to reach does not exist.`,
  addressGone: cls === 'hard',
  reportedAt: '2026-11-30T01:30:00Z',
  recipient: 'm1@club.test',
  matchedBy: 'message-id',
  shape: 'rfc3464',
});
const unsubscribe = (reportId: string): UnsubscribeOutcome => ({
  reportId,
  from: 'm2@club.test',
  fromIsMember: true,
  subject: '수신거부',
  excerpt: '더 이상 메일을 받지 않겠습니다.',
  receivedAt: '2026-11-30T02:00:00Z',
  matchedBy: 'unsubscribe-token',
});
const stateOf = (i: number) => campaigns.recipients(campaignId, i, 1)[0]!.state;
const journalStates = () => replay(journalFileFor(dir, campaignId), 5, clock.now()).states;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mailroom-outcomes-'));
  database = openDatabase(':memory:');
  campaigns = createCampaignStore(database, clock);
  events = [];
  options = DEFAULT_MAILBOX_OPTIONS;
  const { id: _id, createdAt: _c, status: _s, ...snapshot } = testCampaign(5);
  campaignId = campaigns.create(snapshot).id;
  campaigns.saveStates(campaignId, [0, 1, 2, 3].map((index) => ({ index, state: sent(index) })));
  outcomes = createMailboxOutcomes({
    database,
    campaigns,
    suppression: createSuppressionStore(database, clock),
    journalDir: dir,
    clock,
    options: () => options,
    emit: (channel, payload) => {
      if (channel === 'campaigns:progress') events.push(payload as (typeof events)[number]);
    },
  });
});
afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('mailbox outcomes', () => {
  it('a bounce turns a sent row bounced: journal, index, counts and one pushed change', async () => {
    await outcomes.recordBounce(campaignId, 1, bounce('dsn-1', 'hard'));
    const state = stateOf(1);
    expect(state).toMatchObject({ status: 'bounced', bounce: 'hard', dsnStatus: '5.1.1', diagnosis: 'recipient-rejected', addressGone: true, messageId: '<m1@mailroom.test>', reportId: 'dsn-1' });
    expect(journalStates()[1]).toEqual(state);
    expect(campaigns.summary(campaignId)!.counts).toMatchObject({ sent: 3, bounced: 1 });
    expect(events).toHaveLength(1);
    expect(events[0]!.changes).toMatchObject([{ index: 1, status: 'bounced' }]);
    expect(events[0]!.counts).toMatchObject({ bounced: 1, unsubscribed: 0 });
  });

  it('is idempotent on the report id: a repeated call writes nothing more', async () => {
    await outcomes.recordBounce(campaignId, 1, bounce('dsn-1', 'hard'));
    const journal = readFileSync(journalFileFor(dir, campaignId), 'utf8');
    await outcomes.recordBounce(campaignId, 1, bounce('dsn-1', 'hard'));
    expect(readFileSync(journalFileFor(dir, campaignId), 'utf8')).toBe(journal);
    expect(events).toHaveLength(1);
  });

  it('rows never handed over ignore a report; an unknown member is refused', async () => {
    await outcomes.recordBounce(campaignId, 4, bounce('dsn-q', 'hard'));
    expect(stateOf(4).status).toBe('queued');
    await expect(outcomes.recordBounce(campaignId, 9, bounce('dsn-x', 'hard'))).rejects.toThrow(/No member 9/);
  });

  it('hard beats soft beats policy, whatever order reports arrive in, repeats included (property, seed 1313)', async () => {
    const strength = { policy: 1, soft: 2, hard: 3 } as const;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('hard', 'soft', 'policy') as fc.Arbitrary<BounceOutcome['bounce']>, fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 8 }), async (reports) => {
        campaigns.saveStates(campaignId, [{ index: 0, state: sent(0) }]);
        database.db.prepare('DELETE FROM mailbox_reports').run();
        const run = Math.random().toString(36).slice(2);
        for (const [cls, id] of reports) await outcomes.recordBounce(campaignId, 0, { ...bounce(`${run}-${cls}-${id}`, cls), recipient: 'm0@club.test' });
        const strongest = reports.map(([c]) => c).reduce((a, b) => (strength[b] > strength[a] ? b : a));
        const state = stateOf(0);
        expect(state.status === 'bounced' && state.bounce).toBe(strongest);
        expect(journalStates()[0]).toEqual(state);
      }),
      { numRuns: 40, seed: 1313 },
    );
  });

  it('an unsubscribe reply marks the row and waits for review; confirming suppresses the address', async () => {
    await outcomes.recordUnsubscribe(campaignId, 2, unsubscribe('<reply-1@naver.test>'));
    await outcomes.recordUnsubscribe(campaignId, 2, unsubscribe('<reply-1@naver.test>'));
    expect(stateOf(2)).toMatchObject({ status: 'unsubscribed', reportId: '<reply-1@naver.test>', messageId: '<m2@mailroom.test>' });
    const queue = outcomes.pendingUnsubscribes();
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ email: 'm2@club.test', excerpt: '더 이상 메일을 받지 않겠습니다.', subject: 'Notice for {{name}}' });
    expect(outcomes.review(queue[0]!.reportId, 'suppress')).toEqual({ email: 'm2@club.test', suppressed: true });
    expect(createSuppressionStore(database, clock).list().map((e) => e.email)).toContain('m2@club.test');
    expect(outcomes.pendingUnsubscribes()).toEqual([]);
    expect(() => outcomes.review('nope', 'dismiss')).toThrow(/no longer waiting/);
  });

  it('gives the watcher the rows sent since a time, with their Message-IDs', async () => {
    const rows = await outcomes.rowsFor('acc-1').sentRowsSince(new Date(SENT_AT + 2));
    expect(rows.map((r) => [r.memberIndex, r.messageId])).toEqual([
      [2, '<m2@mailroom.test>'],
      [3, '<m3@mailroom.test>'],
    ]);
    expect(await outcomes.rowsFor('other').sentRowsSince(new Date(0))).toEqual([]);
    expect(outcomes.lastSentAt('acc-1')).toBe(SENT_AT + 3);
  });

  it('keeps the watcher state per account', () => {
    expect(outcomes.loadState('acc-1')).toBeNull();
    const state = { positions: { INBOX: { uidValidity: '1700', lastUid: 42 } }, handled: ['<a@x>|m1@club.test', '<b@x>|m2@club.test'] };
    outcomes.saveState('acc-1', state);
    expect(outcomes.loadState('acc-1')).toEqual(state);
    outcomes.saveState('acc-1', { positions: {}, handled: ['k'] });
    expect(outcomes.loadState('acc-1')).toEqual({ positions: {}, handled: ['k'] });
    expect(outcomes.loadState('acc-2')).toBeNull();
  });

  it('diagnoses a bounce with the one SMTP catalogue', () => {
    expect(diagnoseBounce('5.1.1', 'smtp; 550-5.1.1 The email account that you tried to reach does not exist.')).toBe('recipient-rejected');
    expect(diagnoseBounce('5.2.2', 'smtp; 552 5.2.2 mailbox full')).toBe(diagnoseBounce('5.2.2', '552 5.2.2 mailbox full'));
    expect(typeof diagnoseBounce(null, null)).toBe('string');
  });
});

describe('suppressing bounced addresses', () => {
  const suppression = () => createSuppressionStore(database, clock);
  const rowsOf = () => campaigns.recipients(campaignId).map((r) => rowOf(r.member, r.index, r.state));
  const policy = (reportId: string): BounceOutcome => ({ ...bounce(reportId, 'policy', '5.7.1'), addressGone: false });

  it('counts and suppresses the hard bounces of the campaign from the database, not from rows on screen', async () => {
    await outcomes.recordBounce(campaignId, 1, bounce('dsn-1', 'hard'));
    await outcomes.recordBounce(campaignId, 2, { ...bounce('dsn-2', 'soft', '4.2.2'), addressGone: false });
    await outcomes.recordBounce(campaignId, 3, policy('dsn-3'));
    expect(outcomes.hardBounced(campaignId)).toEqual(['m1@club.test']);
    expect(suppression().list()).toEqual([]);
    events.length = 0;
    expect(outcomes.suppressBounced(campaignId)).toEqual({ added: 1, emails: ['m1@club.test'] });
    expect(suppression().entryOf('M1@club.test')).toMatchObject({ email: 'm1@club.test', reason: 'hard bounce 5.1.1' });
    expect(outcomes.hardBounced(campaignId)).toEqual([]);
    // The view is told: the row comes back with `suppressed` said.
    expect(events.flatMap((e) => e.changes)).toMatchObject([{ index: 1, status: 'bounced', suppressed: true }]);
    expect(outcomes.withSuppression(rowsOf()).map((r) => r.suppressed)).toEqual([undefined, true, false, false, undefined]);
    // Again: nothing new, nothing twice.
    expect(outcomes.suppressBounced(campaignId)).toEqual({ added: 0, emails: ['m1@club.test'] });
  });

  it('suppresses one bounced row of any class; refuses a row that is not bounced', async () => {
    await outcomes.recordBounce(campaignId, 2, { ...bounce('dsn-2', 'soft', '4.2.2'), addressGone: false });
    expect(outcomes.suppressBounced(campaignId, 2)).toEqual({ added: 1, emails: ['m2@club.test'] });
    expect(suppression().entryOf('m2@club.test')?.reason).toBe('bounce (soft) 4.2.2');
    expect(() => outcomes.suppressBounced(campaignId, 0)).toThrow(/Only a bounced row/);
    expect(() => outcomes.suppressBounced('no-such-campaign')).toThrow(/no longer exists/);
  });

  it('with "Suppress hard bounces automatically" on, a hard bounce is suppressed as it is recorded and the row says so; soft and policy wait', async () => {
    options = { ...DEFAULT_MAILBOX_OPTIONS, autoSuppressHardBounces: true };
    await outcomes.recordBounce(campaignId, 1, bounce('dsn-1', 'hard'));
    await outcomes.recordBounce(campaignId, 2, { ...bounce('dsn-2', 'soft', '4.2.2'), addressGone: false });
    await outcomes.recordBounce(campaignId, 3, policy('dsn-3'));
    expect(stateOf(1)).toMatchObject({ status: 'bounced', autoSuppressed: true });
    expect(journalStates()[1]).toEqual(stateOf(1));
    expect(suppression().list().map((e) => [e.email, e.reason])).toEqual([['m1@club.test', 'hard bounce 5.1.1 (automatic)']]);
    expect(events.at(0)!.changes).toMatchObject([{ index: 1, autoSuppressed: true, suppressed: true }]);
    expect(stateOf(2)).not.toHaveProperty('autoSuppressed');
    expect(stateOf(3)).not.toHaveProperty('autoSuppressed');
    // Off again: the next hard bounce only offers suppression.
    options = DEFAULT_MAILBOX_OPTIONS;
    campaigns.saveStates(campaignId, [{ index: 0, state: sent(0) }]);
    await outcomes.recordBounce(campaignId, 0, { ...bounce('dsn-0', 'hard'), recipient: 'm0@club.test' });
    expect(suppression().entryOf('m0@club.test')).toBeUndefined();
    expect(outcomes.hardBounced(campaignId)).toEqual(['m0@club.test']);
  });

  it('a hard bounce that changes nothing (the row is unsubscribed) suppresses nothing automatically', async () => {
    options = { ...DEFAULT_MAILBOX_OPTIONS, autoSuppressHardBounces: true };
    await outcomes.recordUnsubscribe(campaignId, 2, unsubscribe('<reply-2@naver.test>'));
    await outcomes.recordBounce(campaignId, 2, { ...bounce('dsn-2', 'hard'), recipient: 'm2@club.test' });
    expect(stateOf(2).status).toBe('unsubscribed');
    expect(suppression().list()).toEqual([]);
  });

  it('with automatic unsubscribes on, a reply from the member\'s own address skips review; one from another address still waits', async () => {
    options = { ...DEFAULT_MAILBOX_OPTIONS, autoSuppressUnsubscribes: true };
    await outcomes.recordUnsubscribe(campaignId, 2, unsubscribe('<reply-2@naver.test>'));
    await outcomes.recordUnsubscribe(campaignId, 3, { ...unsubscribe('<reply-3@naver.test>'), from: 'secretary@other.test', fromIsMember: false });
    expect(stateOf(2)).toMatchObject({ status: 'unsubscribed', autoSuppressed: true });
    expect(suppression().entryOf('m2@club.test')?.reason).toBe('unsubscribe reply (automatic)');
    expect(stateOf(3)).not.toHaveProperty('autoSuppressed');
    expect(suppression().entryOf('m3@club.test')).toBeUndefined();
    expect(outcomes.pendingUnsubscribes().map((r) => r.email)).toEqual(['m3@club.test']);
  });
});
