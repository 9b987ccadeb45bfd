/**
 * The engine against a real smtp-server on loopback that answers like a provider in trouble
 * (DESIGN.md §3 failure policy; providers.md §2): refusals at each stage, dropped connections, a
 * server that stalls past the socket timeout (before the hand-over: retried; after the final dot:
 * `unknown`), and TLS that does not match the account (the campaign pauses, nothing goes out).
 * Each case sends to 200 members and checks every row's final state against what the server
 * actually received.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpFaultProxy, type SmtpFaultProxy } from '../../../e2e/fakes/smtp-faults';
import { startSmtpSink, type ScriptedReply, type SmtpScript, type SmtpSink, type SmtpSinkOptions } from '../../../e2e/fakes/smtp-sink';
import { createTestCertificate, type TestCertificate } from '../../../e2e/fakes/test-certificate';
import type { SmtpFailure } from '../../ipc/common/contract';
import type { DeliveryState } from '../common/delivery-state';
import type { AccountRecord } from '../../accounts/node/account-store';
import { runCampaign, type CampaignOutcome, type EngineOptions } from './campaign-engine';
import { journalFileFor, openCampaignJournal, replay } from './campaign-journal';
import type { CampaignSnapshot } from './campaign-store';
import { systemClock, type Clock } from '../../storage/node/ports';
import { createMemoryLedger } from '../../test-support/memory-ledger';
import { testAccount, testCampaign } from '../../test-support/fixtures';

const USER = 'office@school.test';
const PASSWORD = 'pw-SECRET-4242';
const N = 200;
const FAST: Partial<EngineOptions> = {
  maxConnections: 2,
  backoff: { baseMs: 1, maxMs: 4, maxAttempts: 3 },
  progressIntervalMs: 10,
  timeouts: { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 5_000 },
};

const email = (i: number) => `m${i}@club.test`;
const indexOf = (address: string) => Number(/^m(\d+)@/.exec(address)?.[1] ?? -1);

const account = (port: number): AccountRecord => testAccount(port, USER);

const campaign = (n: number): CampaignSnapshot => testCampaign(n);

let dir: string;
let sink: SmtpSink | undefined;
let proxy: SmtpFaultProxy | undefined;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mailroom-faults-'));
});
afterEach(async () => {
  await proxy?.close();
  await sink?.close();
  proxy = undefined;
  sink = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function startSink(script: SmtpScript, users: Record<string, string> = { [USER]: PASSWORD }, options: Partial<SmtpSinkOptions> = {}): Promise<SmtpSink> {
  sink = await startSmtpSink({ security: 'none', users, script, ...options });
  return sink;
}

/** Each test's own ledger: a daily-limit reply one test provokes is that login's state, and must not hold the next test back. */
let ledger = createMemoryLedger(systemClock);
beforeEach(() => {
  ledger = createMemoryLedger(systemClock);
});

/** One run over the campaign's journal (opened, replayed, closed again as the app would). */
async function run(
  snapshot: CampaignSnapshot,
  port: number,
  password = PASSWORD,
  options: Partial<EngineOptions> = {},
  record: Partial<AccountRecord> = {},
  clock: Clock = systemClock,
): Promise<CampaignOutcome> {
  const { journal, recovered } = await openCampaignJournal(journalFileFor(dir, snapshot.id), snapshot.recipients.length, Date.now());
  try {
    return await runCampaign({
      snapshot,
      record: { ...account(port), ...record },
      credentials: password,
      journal,
      states: recovered.states,
      ledger,
      clock,
      dailyLimit: null,
      options: { ...FAST, ...options },
    });
  } finally {
    await journal.close();
  }
}

/** Counts of messages received per member. */
function receivedCounts(server: SmtpSink): Map<number, number> {
  const counts = new Map<number, number>();
  for (const m of server.messages) for (const to of m.rcptTo) counts.set(indexOf(to), (counts.get(indexOf(to)) ?? 0) + 1);
  return counts;
}

/**
 * The invariants of every case: no row is left `sending`; each `sent` row was received exactly once,
 * with the Message-ID the row shows; no member was received twice; rows neither sent nor unknown
 * were not received at all. The journal replays to the same states.
 */
function expectConsistent(snapshot: CampaignSnapshot, outcome: CampaignOutcome, server: SmtpSink): void {
  const counts = receivedCounts(server);
  const byId = new Map(server.messages.map((m) => [m.parsed.messageId, indexOf(m.rcptTo[0] ?? '')]));
  outcome.states.forEach((state, i) => {
    expect(state.status, `row ${i}`).not.toBe('sending');
    const received = counts.get(i) ?? 0;
    expect(received, `row ${i} received`).toBeLessThanOrEqual(1);
    if (state.status === 'sent') {
      expect(received, `row ${i} sent`).toBe(1);
      expect(byId.get(state.messageId), `row ${i} message id`).toBe(i);
      expect(state.response).toMatch(/^250 /);
    } else if (state.status !== 'unknown') {
      expect(received, `row ${i} ${state.status}`).toBe(0);
    }
  });
  const replayed = replay(journalFileFor(dir, snapshot.id), snapshot.recipients.length, Date.now());
  expect(replayed.states).toEqual(outcome.states);
  expect(readFileSync(journalFileFor(dir, snapshot.id), 'utf8')).not.toContain(PASSWORD);
  expect(JSON.stringify(outcome)).not.toContain(PASSWORD);
}

const statusOf = (states: readonly DeliveryState[]) => states.map((s) => s.status);
const onceEach = (predicate: (i: number) => boolean) => {
  const seen = new Set<number>();
  return (address: string) => {
    const i = indexOf(address);
    if (!predicate(i) || seen.has(i)) return false;
    seen.add(i);
    return true;
  };
};
const reply = (code: number, text: string): ScriptedReply => ({ code, text });

describe('campaign engine against a scripted SMTP server (200 members each)', () => {
  it('550 5.1.1 at RCPT fails exactly those members, the rest are sent', async () => {
    const bad = (i: number) => i % 10 === 3;
    const server = await startSink({ rcptTo: (a) => (bad(indexOf(a)) ? reply(550, '5.1.1 The email account that you tried to reach does not exist. - gsmtp') : undefined) });
    const snapshot = campaign(N);
    const outcome = await run(snapshot, server.port);
    expect(outcome.status).toBe('completed');
    outcome.states.forEach((s, i) => {
      expect(s.status).toBe(bad(i) ? 'failed' : 'sent');
      if (s.status === 'failed') expect(s.failure).toMatchObject({ diagnosis: 'recipient-rejected', responseCode: 550, enhancedStatus: '5.1.1', command: 'RCPT TO' });
    });
    expect(outcome.summary).toMatchObject({ total: N, sent: 180, failed: 20 });
    expectConsistent(snapshot, outcome, server);
  });

  it('421 at the greeting and at RCPT, then success: retried and sent once', async () => {
    let refusedConnections = 0;
    const busy = onceEach((i) => i % 25 === 7);
    const server = await startSink({
      connect: () => (refusedConnections++ < 2 ? reply(421, '4.7.0 Try again later, closing connection. - gsmtp') : undefined),
      rcptTo: (a) => (busy(a) ? reply(421, '4.3.0 Temporary System Problem. Try again later - gsmtp') : undefined),
    });
    const snapshot = campaign(N);
    const outcome = await run(snapshot, server.port);
    expect(outcome.status).toBe('completed');
    expect(statusOf(outcome.states).every((s) => s === 'sent')).toBe(true);
    // The two refused greetings cost their messages one attempt each. A 421 at RCPT closes the
    // connection before a byte of the message was read, so nodemailer's pool re-queues that message
    // itself (pool-resource `send`): the member still sees one attempt, and the server two RCPTs.
    expect(outcome.states.filter((s) => s.status === 'sent' && s.attempt === 2).length).toBeGreaterThanOrEqual(2);
    for (let i = 7; i < N; i += 25) expect(server.transcript.filter((t) => t === `RCPT TO ${email(i)}`)).toHaveLength(2);
    expectConsistent(snapshot, outcome, server);
  });

  it('451 after DATA, then success: retried and sent once', async () => {
    const refuse = onceEach((i) => i % 20 === 5);
    const server = await startSink({ data: (rcpt) => (refuse(rcpt[0] ?? '') ? reply(451, '4.3.0 Mail server temporarily rejected message. - gsmtp') : undefined) });
    const snapshot = campaign(N);
    const outcome = await run(snapshot, server.port);
    expect(outcome.status).toBe('completed');
    outcome.states.forEach((s, i) => expect(s).toMatchObject({ status: 'sent', attempt: i % 20 === 5 ? 2 : 1 }));
    expectConsistent(snapshot, outcome, server);
  });

  it('452 4.5.3 is retried a bounded number of times: once → sent, always → failed', async () => {
    const once = onceEach((i) => i % 40 === 1);
    const always = (i: number) => i === 100;
    const tooMany = reply(452, '4.5.3 Domain policy size per transaction exceeded, please try this recipient in a separate transaction. - gsmtp');
    const server = await startSink({ rcptTo: (a) => (always(indexOf(a)) || once(a) ? tooMany : undefined) });
    const snapshot = campaign(N);
    const outcome = await run(snapshot, server.port);
    expect(outcome.status).toBe('completed');
    outcome.states.forEach((s, i) => {
      if (always(i)) expect(s).toMatchObject({ status: 'failed', failure: { diagnosis: 'too-many-recipients', responseCode: 452 } });
      else expect(s).toMatchObject({ status: 'sent', attempt: i % 40 === 1 ? 2 : 1 });
    });
    expect(server.transcript.filter((t) => t === `RCPT TO ${email(100)}`)).toHaveLength(3);
    expectConsistent(snapshot, outcome, server);
  });

  it('454 4.7.0 at AUTH pauses the campaign with its diagnosis, without a login storm', async () => {
    const server = await startSink({ auth: () => reply(454, '4.7.0 Too many login attempts, please try again later. https://support.google.com/mail/answer/7126229 - gsmtp') });
    const snapshot = campaign(N);
    const outcome = await run(snapshot, server.port);
    expect(outcome).toMatchObject({ status: 'paused', reason: 'failure', failure: { diagnosis: 'auth-throttled', code: 'EAUTH', responseCode: 454 } });
    expect(server.logins.length).toBeLessThanOrEqual(2);
    expect(statusOf(outcome.states).every((s) => s === 'queued')).toBe(true);
    expect(server.messages).toHaveLength(0);
    expectConsistent(snapshot, outcome, server);
  });

  it('a password that stops working mid-run pauses the campaign; no login storm; resuming sends only the rest', async () => {
    let revoked = false;
    let revokeAt50 = true;
    const server = await startSink({
      auth: (_user, password) => (revoked || password !== PASSWORD ? reply(535, '5.7.8 Username and Password not accepted. Learn more at https://support.google.com/mail/?p=BadCredentials - gsmtp') : undefined),
      data: () => {
        // The password is revoked after 50 messages; the pool logs in again every 20 messages.
        if (revokeAt50 && server.messages.length >= 49) revoked = true;
        return undefined;
      },
    });
    const snapshot = campaign(N);
    const first = await run(snapshot, server.port, PASSWORD, { maxMessages: 20 });
    expect(first).toMatchObject({ status: 'paused', reason: 'failure', failure: { diagnosis: 'auth-rejected', code: 'EAUTH', responseCode: 535 } });
    const failedLogins = server.logins.filter((l) => !l.ok).length;
    expect(failedLogins).toBeGreaterThanOrEqual(1);
    expect(failedLogins).toBeLessThanOrEqual(2);
    expect(first.summary.sent).toBe(server.messages.length);
    expect(first.summary.queued).toBe(N - first.summary.sent);
    expectConsistent(snapshot, first, server);

    // The admin fixed the password: no revocation during the resumed run.
    revoked = false;
    revokeAt50 = false;
    const second = await run(snapshot, server.port, PASSWORD, { maxMessages: 1000 });
    expect(second.status).toBe('completed');
    expect(second.summary.sent).toBe(N);
    expect(server.messages).toHaveLength(N);
    expectConsistent(snapshot, second, server);
  });

  it('550 5.4.5 after 50 messages waits for quota with a next-try time; nothing lost, nothing twice', async () => {
    let limitReached = true;
    const server = await startSink({
      data: () => (limitReached && server.messages.length >= 50 ? reply(550, '5.4.5 Daily user sending limit exceeded. For more information on Gmail sending limits go to https://support.google.com/a/answer/166852 - gsmtp') : undefined),
    });
    const snapshot = campaign(N);
    const before = Date.now();
    const first = await run(snapshot, server.port);
    expect(first).toMatchObject({ status: 'waiting-for-quota', failure: { diagnosis: 'daily-limit', responseCode: 550, enhancedStatus: '5.4.5' } });
    if (first.status === 'waiting-for-quota') expect(first.resumeAt).toBeGreaterThan(before);
    // Two connections can both pass the fake's "fewer than 50" check before either message is stored.
    expect(first.summary.sent).toBeGreaterThanOrEqual(50);
    expect(first.summary.sent).toBe(server.messages.length);
    expect(first.summary.queued).toBe(N - first.summary.sent);
    expectConsistent(snapshot, first, server);

    // Before the time the provider's word gives, a run waits again without handing anything over.
    const early = await run(snapshot, server.port);
    expect(early.status).toBe('waiting-for-quota');
    expect(server.messages).toHaveLength(first.summary.sent);

    limitReached = false;
    const resumeAt = first.status === 'waiting-for-quota' ? first.resumeAt : Date.now();
    const later: Clock = { now: () => Date.now() - before + resumeAt + 1000 };
    const second = await run(snapshot, server.port, PASSWORD, {}, {}, later);
    expect(second.status).toBe('completed');
    expect(server.messages).toHaveLength(N);
    expectConsistent(snapshot, second, server);
  });

  it('a connection dropped before RCPT is retried and the member sent once', async () => {
    const server = await startSink({});
    const drop = onceEach((i) => i % 40 === 11);
    proxy = await startSmtpFaultProxy({ upstreamPort: server.port, dropBeforeRcpt: drop });
    const snapshot = campaign(N);
    const outcome = await run(snapshot, proxy.port);
    expect(proxy.dropped.beforeRcpt).toHaveLength(5);
    expect(outcome.status).toBe('completed');
    expect(statusOf(outcome.states).every((s) => s === 'sent')).toBe(true);
    expect(server.messages).toHaveLength(N);
    expectConsistent(snapshot, outcome, server);
  });

  it('a connection dropped after the final dot makes exactly those rows unknown, never re-sent', async () => {
    const server = await startSink({});
    const lost = (i: number) => i % 40 === 13;
    proxy = await startSmtpFaultProxy({ upstreamPort: server.port, dropAfterDot: (a) => lost(indexOf(a)) });
    const snapshot = campaign(N);
    const outcome = await run(snapshot, proxy.port);
    expect(outcome.status).toBe('completed');
    outcome.states.forEach((s, i) => {
      if (lost(i)) expect(s).toMatchObject({ status: 'unknown', reason: 'connection-lost-after-data' });
      else expect(s.status).toBe('sent');
    });
    expect(proxy.dropped.afterDot.map(indexOf).sort((a, b) => a - b)).toEqual(outcome.states.flatMap((s, i) => (s.status === 'unknown' ? [i] : [])));
    // Delivered (the server answered 250 into the void) exactly once, and never tried again.
    const counts = receivedCounts(server);
    outcome.states.forEach((s, i) => {
      if (s.status === 'unknown') expect(counts.get(i)).toBe(1);
    });
    expectConsistent(snapshot, outcome, server);

    const again = await run(snapshot, proxy.port);
    expect(again.status).toBe('completed');
    expect(server.messages).toHaveLength(N);
  });
});

describe('a server that stalls past the socket timeout (200 members each)', () => {
  // Shrunk so that a stall costs a second, not a minute; every other exchange is on loopback.
  const STALLING: Partial<EngineOptions> = { timeouts: { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 1_500 } };
  const sortedIndexes = (addresses: readonly string[]) => addresses.map(indexOf).sort((a, b) => a - b);

  it('no answer to RCPT TO: nothing was handed over, so the member is retried and sent once', async () => {
    const stall = onceEach((i) => i % 80 === 9);
    const stalled: string[] = [];
    const server = await startSink({
      rcptToDelay: (a) => {
        if (!stall(a)) return undefined;
        stalled.push(a);
        return 'never';
      },
    });
    const snapshot = campaign(N);
    const outcome = await run(snapshot, server.port, PASSWORD, STALLING);
    expect(sortedIndexes(stalled)).toEqual([9, 89, 169]);
    expect(outcome.status).toBe('completed');
    // Tried again either by nodemailer's pool (a reused connection that had not read a byte of the
    // message re-queues it: attempt 1) or by the engine (a fresh connection: attempt 2).
    expect(statusOf(outcome.states).every((s) => s === 'sent')).toBe(true);
    for (const a of stalled) expect(server.transcript.filter((t) => t === `RCPT TO ${a}`)).toHaveLength(2);
    expect(server.messages).toHaveLength(N);
    expectConsistent(snapshot, outcome, server);
  });

  it('no 354 to DATA: the body was never sent, so the member is retried and sent once', async () => {
    const server = await startSink({});
    const stall = onceEach((i) => i % 80 === 21);
    proxy = await startSmtpFaultProxy({ upstreamPort: server.port, stallAtData: stall });
    const snapshot = campaign(N);
    const outcome = await run(snapshot, proxy.port, PASSWORD, STALLING);
    expect(sortedIndexes(proxy.stalled.atData)).toEqual([21, 101, 181]);
    expect(outcome.status).toBe('completed');
    expect(statusOf(outcome.states).every((s) => s === 'sent')).toBe(true);
    for (const a of proxy.stalled.atData) expect(server.transcript.filter((t) => t === `RCPT TO ${a}`)).toHaveLength(2);
    expect(server.messages).toHaveLength(N);
    expectConsistent(snapshot, outcome, server);
  });

  it('no answer after the final dot: the server has the message, the row is unknown and never sent again', async () => {
    // Stalls every time for these members: a retry would stall again and be received twice.
    const lost = (i: number) => i % 80 === 13;
    const server = await startSink({ dataDelay: (rcpt) => (lost(indexOf(rcpt[0] ?? '')) ? 'never' : undefined) });
    const snapshot = campaign(N);
    const outcome = await run(snapshot, server.port, PASSWORD, STALLING);
    expect(outcome.status).toBe('completed');
    const byId = new Map(server.messages.map((m) => [m.parsed.messageId, indexOf(m.rcptTo[0] ?? '')]));
    outcome.states.forEach((s, i) => {
      if (!lost(i)) return expect(s.status, `row ${i}`).toBe('sent');
      expect(s, `row ${i}`).toMatchObject({ status: 'unknown', reason: 'connection-lost-after-data' });
      // The Message-ID the row shows is the one the server kept: the user can look it up.
      if (s.status === 'unknown') expect(byId.get(s.messageId)).toBe(i);
    });
    const counts = receivedCounts(server);
    for (let i = 13; i < N; i += 80) expect(counts.get(i)).toBe(1);
    expect(server.messages).toHaveLength(N);
    expectConsistent(snapshot, outcome, server);

    const again = await run(snapshot, server.port, PASSWORD, STALLING);
    expect(again.status).toBe('completed');
    expect(statusOf(again.states)).toEqual(statusOf(outcome.states));
    expect(server.messages).toHaveLength(N);
  });

  it('a member at whose RCPT TO the server always stalls is tried a bounded number of times, then the campaign pauses', async () => {
    const stuck = email(100);
    const server = await startSink({ rcptToDelay: (a) => (a === stuck ? 'never' : undefined) });
    const snapshot = campaign(N);
    const outcome = await run(snapshot, server.port, PASSWORD, STALLING);
    // A timeout before the hand-over is the network's fault, not the member's: after maxAttempts
    // (3 here) the campaign pauses with the diagnosis instead of failing the member (delivery-state.ts).
    expect(outcome).toMatchObject({ status: 'paused', reason: 'failure', failure: { diagnosis: 'timeout', code: 'ETIMEDOUT' } });
    // The engine's 3 tries, each of which nodemailer's pool may itself repeat on a reused connection
    // (at most maxRequeues = 5 times): bounded either way.
    const tries = server.transcript.filter((t) => t === `RCPT TO ${stuck}`).length;
    expect(tries).toBeGreaterThanOrEqual(3);
    expect(tries).toBeLessThanOrEqual(3 * 6);
    expect(outcome.states[100]?.status).toBe('queued');
    expect(outcome.summary.sent).toBe(server.messages.length);
    expect(outcome.summary.sent + outcome.summary.queued + outcome.summary.deferred).toBe(N);
    expectConsistent(snapshot, outcome, server);
  });
});

describe('TLS that does not match the account (200 members each)', () => {
  let cert: TestCertificate;
  beforeAll(async () => {
    cert = await createTestCertificate();
  });
  const QUICK_GREETING: Partial<EngineOptions> = { timeouts: { connectionTimeout: 5_000, greetingTimeout: 1_000, socketTimeout: 5_000 } };

  /**
   * The first run pauses on the account's TLS `failure`: nothing was delivered, no login or envelope
   * went out in clear text, and every row is still open. Once the account is corrected, the
   * campaign resumes and every member is received exactly once.
   */
  async function expectPausedThenFixed(
    server: SmtpSink,
    wrong: Partial<AccountRecord>,
    failure: Partial<SmtpFailure>,
    fixed: Partial<AccountRecord>,
    options: Partial<EngineOptions> = {},
  ): Promise<void> {
    const snapshot = campaign(N);
    const first = await run(snapshot, server.port, PASSWORD, options, wrong);
    expect(first).toMatchObject({ status: 'paused', reason: 'failure', failure });
    expect(server.messages).toHaveLength(0);
    expect(server.logins).toHaveLength(0);
    expect(first.states.every((s) => s.status === 'queued' || s.status === 'deferred')).toBe(true);
    // Nothing in clear text past the point of failure: no login, no envelope.
    expect(server.transcript.filter((t) => /^(AUTH|MAIL FROM|RCPT TO|DATA)/.test(t))).toEqual([]);
    // Bounded: a few connections (the engine's tries × nodemailer's own re-queues), not one per member.
    expect(server.connections).toBeLessThanOrEqual(20);
    expectConsistent(snapshot, first, server);

    const second = await run(snapshot, server.port, PASSWORD, options, fixed);
    expect(second.status).toBe('completed');
    expect(statusOf(second.states).every((s) => s === 'sent')).toBe(true);
    expect(server.messages).toHaveLength(N);
    expectConsistent(snapshot, second, server);
  }

  it('implicit TLS against a plain server pauses with "tls-mismatch"', async () => {
    const server = await startSink({});
    await expectPausedThenFixed(server, { security: 'tls' }, { diagnosis: 'tls-mismatch', code: 'ESOCKET' }, { security: 'none' });
  });

  it('STARTTLS required by the account but not offered by the server pauses; nothing goes out in clear text', async () => {
    const server = await startSink({});
    // nodemailer sends STARTTLS anyway; the server answers `500 … command not recognized` (ETLS).
    await expectPausedThenFixed(server, { security: 'starttls' }, { code: 'ETLS', command: 'STARTTLS', responseCode: 500 }, { security: 'none' });
  });

  // An ETLS failure at STARTTLS carries a server reply (500); it must still read as a security mismatch.
  it('STARTTLS required but not offered is diagnosed as a TLS mismatch, not "unknown"', async () => {
    const server = await startSink({});
    const snapshot = campaign(N);
    const outcome = await run(snapshot, server.port, PASSWORD, {}, { security: 'starttls' });
    expect(outcome).toMatchObject({ status: 'paused', reason: 'failure', failure: { code: 'ETLS', diagnosis: 'tls-mismatch' } });
  });

  it('a certificate the account does not trust pauses with "certificate-untrusted", never bypassed', async () => {
    const server = await startSink({}, { [USER]: PASSWORD }, { security: 'starttls', certificate: cert });
    await expectPausedThenFixed(server, { security: 'starttls' }, { diagnosis: 'certificate-untrusted' }, { security: 'starttls', caCertificate: cert.cert });
  });

  it('a plain client against an implicit-TLS server waits for a greeting that never comes: bounded retries, then a pause', async () => {
    const server = await startSink({}, { [USER]: PASSWORD }, { security: 'implicit', certificate: cert });
    // On a port other than 465 the classifier cannot tell this from a firewall: a timeout, retried
    // (maxAttempts 3) before the campaign pauses; a row or two may wait as deferred.
    await expectPausedThenFixed(server, { security: 'none' }, { diagnosis: 'timeout', code: 'ETIMEDOUT' }, { security: 'tls', caCertificate: cert.cert }, QUICK_GREETING);
  });
});
