import { describe, expect, it } from 'vitest';
import type { SmtpFailure } from '../../ipc/common/contract';
import {
  attemptsOf,
  backoffMs,
  cancelState,
  classifyFailure,
  DEFAULT_BACKOFF,
  DELIVERY_STATUSES,
  finishAttempt,
  IllegalTransition,
  isDue,
  isPermanentFailure,
  QUEUED,
  recoverState,
  reportedState,
  requeueState,
  startAttempt,
  summarize,
  type DeliveryState,
  type DeliveryStatus,
} from './delivery-state';

const failure = (f: Partial<SmtpFailure>): SmtpFailure => ({ diagnosis: 'unknown', message: 'x', ...f });

describe('delivery state transitions', () => {
  it('queued → sending → sent keeps the message id and the attempt', () => {
    const sending = startAttempt(QUEUED, '<a@b>', 10);
    expect(sending).toEqual({ status: 'sending', attempt: 1, messageId: '<a@b>', at: 10 });
    expect(finishAttempt(sending, { kind: 'accepted', response: '250 OK', at: 11 })).toEqual({ status: 'sent', response: '250 OK', messageId: '<a@b>', at: 11, attempt: 1 });
  });

  it('deferred → sending counts attempts; released goes back to queued', () => {
    const reason = failure({ diagnosis: 'temporary', responseCode: 451 });
    const deferred = finishAttempt(startAttempt(QUEUED, '<a@b>', 1), { kind: 'deferred', reason, nextTryAt: 50 });
    expect(deferred).toEqual({ status: 'deferred', attempt: 1, nextTryAt: 50, reason });
    expect(isDue(deferred, 49)).toBe(false);
    expect(isDue(deferred, 50)).toBe(true);
    const second = startAttempt(deferred, '<c@d>', 60);
    expect(second).toMatchObject({ status: 'sending', attempt: 2 });
    expect(finishAttempt(second, { kind: 'released' })).toEqual(QUEUED);
  });

  it('unknown keeps the message id; recovery turns only sending into unknown', () => {
    const sending = startAttempt(QUEUED, '<a@b>', 1);
    expect(finishAttempt(sending, { kind: 'unknown', reason: 'connection-lost-after-data', at: 2 })).toEqual({ status: 'unknown', reason: 'connection-lost-after-data', messageId: '<a@b>', at: 2, attempt: 1 });
    expect(recoverState(sending, 9)).toEqual({ status: 'unknown', reason: 'interrupted', messageId: '<a@b>', at: 9 });
    expect(recoverState(QUEUED, 9)).toBe(QUEUED);
  });

  it('cancel touches only rows not handed over, and never a row in flight', () => {
    expect(cancelState(QUEUED)).toEqual({ status: 'cancelled' });
    const sent: DeliveryState = { status: 'sent', response: '250', messageId: '<a@b>', at: 1, attempt: 1 };
    expect(cancelState(sent)).toBe(sent);
    expect(() => cancelState(startAttempt(QUEUED, '<a@b>', 1))).toThrow(IllegalTransition);
  });

  it('refuses illegal moves', () => {
    const sent: DeliveryState = { status: 'sent', response: '250', messageId: '<a@b>', at: 1, attempt: 1 };
    expect(() => startAttempt(sent, '<x@y>', 1)).toThrow(IllegalTransition);
    expect(() => finishAttempt(QUEUED, { kind: 'accepted', response: '250', at: 1 })).toThrow(IllegalTransition);
  });

  it('requeues only the state the user asked for', () => {
    const unknown: DeliveryState = { status: 'unknown', reason: 'interrupted', at: 1 };
    expect(requeueState(unknown, 'unknown')).toEqual({ status: 'queued', earlier: 1 });
    expect(requeueState(unknown, 'failed')).toBe(unknown);
  });

  it('counts every try of a member across runs: a retry adds to the tries before it, the retry policy counts only its run', () => {
    const failure = { message: '550', response: '550 5.1.1 no such user', responseCode: 550, enhancedStatus: '5.1.1', command: 'RCPT TO', diagnosis: 'recipient-rejected' } as const;
    const temporary = { ...failure, response: '451 4.7.1 try later', responseCode: 451, enhancedStatus: '4.7.1', diagnosis: 'temporary' } as never;
    let state: DeliveryState = startAttempt(QUEUED, '<a@b>', 1);
    state = finishAttempt(state, { kind: 'deferred', reason: temporary, nextTryAt: 2 });
    state = startAttempt(state, '<a@b>', 2);
    state = finishAttempt(state, { kind: 'failed', failure: failure as never, at: 3 });
    expect(attemptsOf(state)).toBe(2);
    state = requeueState(state, 'failed');
    expect(attemptsOf(state)).toBe(2);
    state = startAttempt(state, '<c@d>', 4);
    expect(state).toMatchObject({ status: 'sending', attempt: 1, earlier: 2 });
    state = finishAttempt(state, { kind: 'accepted', response: '250', at: 5 });
    expect(attemptsOf(state)).toBe(3);
    // A failure from a journal written before tries were kept counts as one.
    expect(attemptsOf({ status: 'failed', failure: failure as never, at: 1 })).toBe(1);
  });

  it('a permanent failure is an address that is gone or wrong (5.1.x), nothing else', () => {
    const base = { message: 'x', responseCode: 550, command: 'RCPT TO' };
    expect(isPermanentFailure({ ...base, diagnosis: 'recipient-rejected' } as never)).toBe(true);
    expect(isPermanentFailure({ ...base, enhancedStatus: '5.1.10', diagnosis: 'unknown' } as never)).toBe(true);
    expect(isPermanentFailure({ ...base, enhancedStatus: '5.7.1', diagnosis: 'unknown' } as never)).toBe(false);
    expect(isPermanentFailure({ ...base, enhancedStatus: '5.1', diagnosis: 'unknown' } as never)).toBe(false);
  });

  it('summarizes counts and settled rows', () => {
    const states: DeliveryState[] = [QUEUED, { status: 'cancelled' }, { status: 'skipped', reason: 'template-error' }, { status: 'unknown', reason: 'interrupted', at: 1 }, startAttempt(QUEUED, '<a@b>', 1)];
    expect(summarize(states)).toEqual({ queued: 1, sending: 1, sent: 0, deferred: 0, failed: 0, skipped: 1, unknown: 1, cancelled: 1, bounced: 0, unsubscribed: 0, total: 5, settled: 3 });
  });
});

describe('reports from the mailbox', () => {
  const sentState: DeliveryState = { status: 'sent', response: '250 OK', messageId: '<a@b>', at: 5, attempt: 1 };
  const bounced = (bounce: 'hard' | 'soft' | 'policy', reportId = `r-${bounce}`) =>
    ({ status: 'bounced', bounce, dsnStatus: '5.1.1', diagnostic: null, diagnosis: 'recipient-rejected', addressGone: bounce === 'hard', at: 9, reportId }) as const;
  const unsubscribed = { status: 'unsubscribed', at: 9, reportId: 'u1' } as const;

  it('a bounce moves sent and unknown rows, keeps their Message-ID, and settles the row', () => {
    expect(reportedState(sentState, bounced('soft'))).toEqual({ ...bounced('soft'), messageId: '<a@b>' });
    expect(reportedState({ status: 'unknown', reason: 'interrupted', at: 1 }, bounced('hard'))).toEqual(bounced('hard'));
    const summary = summarize([reportedState(sentState, bounced('hard')), reportedState(sentState, unsubscribed)]);
    expect(summary).toMatchObject({ bounced: 1, unsubscribed: 1, settled: 2 });
  });

  it('a stronger class replaces a weaker one, never the other way; the same report changes nothing', () => {
    const soft = reportedState(sentState, bounced('soft'));
    expect(reportedState(soft, bounced('policy'))).toBe(soft);
    expect(reportedState(soft, bounced('soft', 'r-other'))).toBe(soft);
    expect(reportedState(soft, bounced('hard'))).toMatchObject({ bounce: 'hard', messageId: '<a@b>' });
  });

  it('rows never handed over, and unsubscribed rows, ignore a bounce; the engine never picks a reported row', () => {
    for (const state of [QUEUED, { status: 'cancelled' } as const, reportedState(sentState, unsubscribed)]) expect(reportedState(state, bounced('hard'))).toBe(state);
    const reported = reportedState(sentState, bounced('hard'));
    expect(isDue(reported, Infinity)).toBe(false);
    expect(cancelState(reported)).toBe(reported);
    expect(recoverState(reported, 1)).toBe(reported);
    expect(() => startAttempt(reported, '<x@y>', 1)).toThrow(IllegalTransition);
  });

  it('over every status: a hard bounce and an unsubscribe reply each move exactly sent, unknown and (weaker) bounced rows', () => {
    const every: Record<DeliveryStatus, DeliveryState> = {
      queued: QUEUED,
      sending: startAttempt(QUEUED, '<a@b>', 1),
      sent: sentState,
      deferred: { status: 'deferred', attempt: 1, nextTryAt: 5, reason: failure({}) },
      failed: { status: 'failed', failure: failure({}), at: 1, attempt: 1 },
      skipped: { status: 'skipped', reason: 'template-error' },
      unknown: { status: 'unknown', reason: 'interrupted', at: 1 },
      cancelled: { status: 'cancelled' },
      bounced: reportedState(sentState, bounced('soft')),
      unsubscribed: reportedState(sentState, unsubscribed),
    };
    for (const report of [bounced('hard'), unsubscribed]) {
      const moved = DELIVERY_STATUSES.filter((status) => reportedState(every[status], report) !== every[status]);
      expect(moved, report.status).toEqual(['sent', 'unknown', 'bounced']);
    }
  });

  it('an unsubscribe reply moves sent, unknown and bounced rows only', () => {
    expect(reportedState(sentState, unsubscribed)).toEqual({ status: 'unsubscribed', at: 9, reportId: 'u1', messageId: '<a@b>' });
    expect(reportedState(reportedState(sentState, bounced('hard')), unsubscribed).status).toBe('unsubscribed');
    expect(reportedState(QUEUED, unsubscribed)).toBe(QUEUED);
  });
});

describe('classifyFailure', () => {
  const cases: [string, Partial<SmtpFailure>, number, ReturnType<typeof classifyFailure>][] = [
    ['535 5.7.8 at AUTH', { diagnosis: 'auth-rejected', code: 'EAUTH', command: 'AUTH PLAIN', responseCode: 535 }, 1, 'pause-campaign'],
    ['454 4.7.0 login throttle', { diagnosis: 'auth-throttled', code: 'EAUTH', command: 'AUTH PLAIN', responseCode: 454 }, 1, 'pause-campaign'],
    ['534 5.7.9 app password', { diagnosis: 'auth-app-password-required', code: 'EAUTH', responseCode: 534 }, 1, 'pause-campaign'],
    ['550 5.4.5 daily limit at DATA', { diagnosis: 'daily-limit', code: 'EENVELOPE', command: 'DATA', responseCode: 550 }, 1, 'pause-account'],
    ['550 5.1.1 at RCPT', { diagnosis: 'recipient-rejected', code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550 }, 1, 'fail-recipient'],
    ['554 after the dot', { diagnosis: 'unknown', code: 'EMESSAGE', command: 'DATA', responseCode: 554 }, 1, 'fail-recipient'],
    ['553 at MAIL FROM', { diagnosis: 'sender-rejected', code: 'EENVELOPE', command: 'MAIL FROM', responseCode: 553 }, 1, 'pause-campaign'],
    ['451 at DATA, first try', { diagnosis: 'temporary', code: 'EMESSAGE', command: 'DATA', responseCode: 451 }, 1, 'retry'],
    ['452 4.5.3 at RCPT, last try', { diagnosis: 'too-many-recipients', code: 'EENVELOPE', command: 'RCPT TO', responseCode: 452 }, 5, 'fail-recipient'],
    ['421 at greeting, first try', { diagnosis: 'server-busy', code: 'ECONNECTION', command: 'CONN', responseCode: 421 }, 1, 'retry'],
    ['421 at greeting, last try', { diagnosis: 'server-busy', code: 'ECONNECTION', command: 'CONN', responseCode: 421 }, 5, 'pause-campaign'],
    ['connection reset', { diagnosis: 'unknown', code: 'ECONNECTION', command: 'CONN' }, 2, 'retry'],
    ['timeout, last try', { diagnosis: 'timeout', code: 'ETIMEDOUT' }, 5, 'pause-campaign'],
    ['TLS mismatch', { diagnosis: 'tls-mismatch', code: 'ESOCKET' }, 1, 'pause-campaign'],
    ['attachment unreadable', { diagnosis: 'unknown', code: 'ESTREAM' }, 1, 'fail-recipient'],
  ];
  it.each(cases)('%s', (_name, f, attempt, expected) => {
    expect(classifyFailure(failure(f), attempt, 5)).toBe(expected);
  });
});

describe('backoffMs', () => {
  it('doubles per attempt with half of it jittered, and is capped', () => {
    expect(backoffMs(1, 0)).toBe(15_000);
    expect(backoffMs(1, 0.999_999)).toBeCloseTo(30_000, -1);
    expect(backoffMs(3, 0)).toBe(60_000);
    expect(backoffMs(30, 1)).toBe(DEFAULT_BACKOFF.maxMs);
    for (let attempt = 1; attempt < 10; attempt += 1) {
      const d = backoffMs(attempt, 0.5);
      expect(d).toBeGreaterThan(0);
      expect(d).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxMs);
    }
  });
});
