/**
 * The watcher against a real IMAP server: Debian's Dovecot on 127.0.0.1 (e2e/fakes/dovecot.ts),
 * fixtures appended with IMAP APPEND as real reports would arrive.
 */
import { readFileSync } from 'node:fs';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dovecotMissing, startDovecot, type DovecotServer } from '../../../e2e/fakes/dovecot';
import { startImapProxy } from '../../../e2e/fakes/imap-proxy';
import { startSmtpSink } from '../../../e2e/fakes/smtp-sink';
import type { BounceOutcome, MailboxOutcomeSink, SentRow, UnsubscribeOutcome } from '../common/match-report';
import { createMemoryWatcherStateStore, MailboxError, MailboxWatcher, type ImapSecurity, type MailboxWatcherOptions } from './mailbox-watcher';

const missing = dovecotMissing();
if (missing) console.log(`Skipping the Dovecot watcher tests: ${missing}`);

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const USERS = ['shapes', 'uidv', 'drop', 'big', 'wrong', 'idle', 'move'].map((user) => ({ user, pass: `pw-${user}-Zq81` }));
const passOf = (user: string) => USERS.find((u) => u.user === user)!.pass;

/** One row per fixture the tests send "from" a campaign (email and Message-ID as the server accepted them). */
const ROWS: readonly SentRow[] = [
  ['userunknown@bouncehammer.jp', '<E1C50F1B-1C83-4820-BC36-AC6FBFBE8568@example.org>'],
  ['userunknown@example.jp', '<D992C2C3-F175-4C4D-97E2-53A90E4E5BF5@gmail.com>'],
  ['kijitora@example.com', '<FFFFFFFF.EEEEEEEE@example.ed.jp>'],
  ['kijitora@example.org', null, '2013-04-29T14:40:00Z'],
  ['kijitora@example.ne.jp', '<000000000.9999999999999.JavaMail.postmaster@mailhub>'],
  ['kijitora@example.ed.jp', '<E1P1ce6-000Egt-GZ@e1.example.org>'],
  ['ghost.naver@example.com', null],
  ['full.daum@daum.net', null],
  ['blocked.kim@hanmail.net', '<mailroom-daum-original@example.kr>'],
  ['kijitora-nyaan@example.org', '<C1pWn3N6plzJkRdc.8Jk4dSCdB2zwXWqM@cat3.example.com>'],
  ['member.kim@example.com', '<mailroom-original-kim@example.kr>'],
  ['member.park@example.com', '<mailroom-original-park@example.kr>'],
  ['kijitora@example.net', '<000000000000000@list.example.jp>'],
  ['kijitora@example.jp', '<A4D6026C-0699-460F-9F86-C2A5CB4BE6CE@gmail.com>'],
].map(([email, messageId, sentAt], memberIndex) => ({ campaignId: 'camp-1', memberIndex, email: email!, messageId: messageId ?? null, sentAt: sentAt ?? '2026-11-30T01:00:00Z' }));

/** The bounce each fixture must produce, by member index. */
const EXPECTED_BOUNCES: ReadonlyArray<[file: string, memberIndex: number, bounce: string, matchedBy: string]> = [
  ['sisimai-rfc3464-01.eml', 0, 'hard', 'message-id'],
  ['sisimai-lhost-gmail-01.eml', 1, 'hard', 'message-id'],
  ['sisimai-lhost-office365-01.eml', 2, 'hard', 'message-id'],
  ['sisimai-lhost-postfix-01.eml', 3, 'hard', 'recipient-time'],
  ['sisimai-lhost-qmail-01.eml', 4, 'hard', 'message-id'],
  ['sisimai-lhost-exim-01.eml', 5, 'policy', 'message-id'],
  ['naver-failure-notice.eml', 6, 'hard', 'recipient-time'],
  ['naver-failure-notice-quoted.eml', 7, 'soft', 'recipient-time'],
  ['daum-antispam-sendmail.eml', 8, 'policy', 'message-id'],
  ['sisimai-rhost-google-08.eml', 9, 'policy', 'message-id'],
];
const NOT_BOUNCES = ['reply-unsubscribe-ko.eml', 'reply-out-of-office-ko.eml', 'sisimai-rfc3464-07.eml', 'sisimai-lhost-gmail-06.eml', 'sisimai-rfc3834-01.eml'];
/** A DSN for an address no campaign sent to. */
const STRANGER_DSN = fixture('sisimai-rfc3464-01.eml').replaceAll('userunknown@bouncehammer.jp', 'nobody@elsewhere.example').replace('<E1C50F1B-1C83-4820-BC36-AC6FBFBE8568@example.org>', '<not-ours@elsewhere.example>');

async function statusOf(client: ImapFlow, mailbox: string) {
  const status = await client.status(mailbox, { messages: true, uidValidity: true });
  if (status === false) throw new Error(`STATUS ${mailbox} failed`);
  return status;
}

/** A sink that records every call (no deduplication: a repeat shows up as a second call). */
function recordingSink() {
  const bounces: Array<{ campaignId: string; memberIndex: number; outcome: BounceOutcome }> = [];
  const unsubscribes: Array<{ campaignId: string; memberIndex: number; outcome: UnsubscribeOutcome }> = [];
  const sink: MailboxOutcomeSink = {
    recordBounce: async (campaignId, memberIndex, outcome) => void bounces.push({ campaignId, memberIndex, outcome }),
    recordUnsubscribe: async (campaignId, memberIndex, outcome) => void unsubscribes.push({ campaignId, memberIndex, outcome }),
  };
  return { sink, bounces, unsubscribes };
}

describe.skipIf(missing !== null)('MailboxWatcher against Dovecot', () => {
  let server: DovecotServer;
  beforeAll(async () => {
    server = await startDovecot(USERS);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  const admin = async (user: string): Promise<ImapFlow> => {
    const client = new ImapFlow({ host: server.host, port: server.port, secure: false, doSTARTTLS: true, tls: { ca: [server.ca] }, auth: { user, pass: passOf(user) }, logger: false });
    await client.connect();
    return client;
  };
  const append = async (client: ImapFlow, raw: string, mailbox = 'INBOX') => {
    await client.append(mailbox, raw.replace(/\r?\n/g, '\r\n'));
  };
  const options = (user: string, extra: Partial<MailboxWatcherOptions> & { port?: number; security?: ImapSecurity } = {}): MailboxWatcherOptions => ({
    host: server.host,
    port: server.port,
    security: 'starttls',
    ca: server.ca,
    auth: { kind: 'password', user, pass: passOf(user) },
    since: new Date(Date.now() - 24 * 3600_000),
    ...extra,
  });
  const rows = { sentRowsSince: async () => ROWS };

  it('reads every DSN shape, matches by Message-ID then recipient+time, ignores delays, auto-replies and strangers, queues the Korean unsubscribe, changes no flags', async () => {
    const client = await admin('shapes');
    for (const [file] of EXPECTED_BOUNCES) await append(client, fixture(file));
    for (const file of NOT_BOUNCES) await append(client, fixture(file));
    await append(client, STRANGER_DSN);
    const { sink, bounces, unsubscribes } = recordingSink();
    const watcher = new MailboxWatcher(options('shapes'), { sink, rows, state: createMemoryWatcherStateStore(), now: () => new Date('2026-11-30T05:00:00Z') });

    const summary = await watcher.checkNow();
    expect(bounces.map((b) => [b.memberIndex, b.outcome.bounce, b.outcome.matchedBy]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(EXPECTED_BOUNCES.map(([, i, bounce, by]) => [i, bounce, by]));
    expect(bounces.find((b) => b.memberIndex === 0)?.outcome).toMatchObject({ status: '5.1.1', addressGone: true, shape: 'rfc3464' });
    expect(unsubscribes).toHaveLength(1);
    expect(unsubscribes[0]).toMatchObject({ campaignId: 'camp-1', memberIndex: 10, outcome: { from: 'member.kim@example.com', fromIsMember: true, matchedBy: 'message-id' } });
    expect(summary).toMatchObject({ bounces: 10, unsubscribes: 1, delayed: 2, autoReplies: 1, unmatched: 1 });

    const again = await watcher.checkNow();
    expect(again).toMatchObject({ sourcesFetched: 0, bounces: 0, unsubscribes: 0 });
    expect(bounces).toHaveLength(10);

    await client.mailboxOpen('INBOX', { readOnly: true });
    const flags: string[] = [];
    for await (const message of client.fetch('1:*', { flags: true })) flags.push(...(message.flags ?? []));
    expect(flags).not.toContain('\\Seen');
    await client.logout();
  });

  it('after a UIDVALIDITY change it rescans by date and counts nothing twice', async () => {
    const client = await admin('uidv');
    await client.mailboxCreate('Reports');
    await append(client, fixture('sisimai-rfc3464-01.eml'), 'Reports');
    await append(client, fixture('sisimai-lhost-gmail-01.eml'), 'Reports');
    const { sink, bounces } = recordingSink();
    const state = createMemoryWatcherStateStore();
    const watcher = new MailboxWatcher(options('uidv', { mailboxes: ['Reports'] }), { sink, rows, state });
    expect(await watcher.checkNow()).toMatchObject({ bounces: 2, uidValidityChanged: [] });
    const before = state.current()!.positions['Reports']!.uidValidity;

    let after = before;
    while (after === before) {
      await client.mailboxDelete('Reports');
      await client.mailboxCreate('Reports');
      after = String((await statusOf(client, 'Reports')).uidValidity);
    }
    await append(client, fixture('sisimai-rfc3464-01.eml'), 'Reports');
    await append(client, fixture('sisimai-lhost-gmail-01.eml'), 'Reports');
    await append(client, fixture('sisimai-lhost-qmail-01.eml'), 'Reports');
    const summary = await watcher.checkNow();
    expect(summary.uidValidityChanged).toEqual(['Reports']);
    expect(summary.bounces).toBe(1);
    expect(bounces.map((b) => b.memberIndex).sort()).toEqual([0, 1, 4]);
    expect(state.current()!.positions['Reports']!.uidValidity).toBe(after);
    await client.logout();
  });

  it('a connection dropped mid-fetch fails the check with connection words; the next check resumes and counts each report once', async () => {
    const client = await admin('drop');
    const files = EXPECTED_BOUNCES.slice(0, 6).map(([file]) => file);
    for (const file of files) await append(client, fixture(file));
    await client.logout();
    const proxy = await startImapProxy(server.port);
    try {
      const { sink, bounces } = recordingSink();
      const state = createMemoryWatcherStateStore();
      const watcher = new MailboxWatcher(options('drop', { port: proxy.port, security: 'none', fetchBatch: 2 }), { sink, rows, state });
      proxy.dropSourceFetch(0);
      const first = await watcher.checkNow().then(
        () => null,
        (error: unknown) => error,
      );
      expect(first).toBeInstanceOf(MailboxError);
      expect((first as MailboxError).problem).toBe('connection');
      expect(proxy.dropped()).toBe(1);
      expect(bounces).toHaveLength(0);

      // Second check: the first batch of two is read and recorded, the second batch drops 100 bytes in.
      proxy.dropSourceFetch(100, 2);
      await expect(watcher.checkNow()).rejects.toBeInstanceOf(MailboxError);
      expect(proxy.dropped()).toBe(2);
      expect(bounces).toHaveLength(2);
      const firstBatch = new Set(bounces.map((b) => b.memberIndex));

      proxy.fetches.length = 0;
      const summary = await watcher.checkNow();
      expect(summary.bounces).toBe(files.length - 2);
      expect(bounces).toHaveLength(files.length);
      expect(new Set(bounces.map((b) => b.memberIndex)).size).toBe(files.length);
      const refetched = proxy.fetches.filter((line) => /BODY\.PEEK\[\]/i.test(line)).flatMap((line) => (/FETCH ([\d,]+)/.exec(line)?.[1] ?? '').split(',').map(Number));
      expect(refetched.every((uid) => uid > 2)).toBe(true);
      expect(firstBatch.size).toBe(2);
    } finally {
      await proxy.close();
    }
  });

  it('a wrong IMAP password is diagnosed in Korean and English without the password, and sending still works', async () => {
    const secret = 'Wr0ng-Secret-Value-99';
    const watcher = new MailboxWatcher(
      { ...options('wrong'), auth: { kind: 'password', user: 'wrong', pass: secret } },
      { sink: recordingSink().sink, rows, state: createMemoryWatcherStateStore() },
    );
    const error = await watcher.checkNow().then(
      () => null,
      (e: unknown) => e as MailboxError,
    );
    expect(error).toBeInstanceOf(MailboxError);
    expect(error!.problem).toBe('auth');
    expect(error!.ko).toContain('로그인이 거부');
    expect(error!.en).toContain('login was refused');
    expect(`${error!.message} ${error!.ko} ${error!.en} ${JSON.stringify(error)}`).not.toContain(secret);

    const smtp = await startSmtpSink({ security: 'none', users: { 'wrong@example.kr': 'smtp-pass' } });
    try {
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true, auth: { user: 'wrong@example.kr', pass: 'smtp-pass' } });
      await transport.sendMail({ from: 'wrong@example.kr', to: 'member@example.com', subject: 'notice', text: 'still sent' });
      expect(smtp.messages).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });

  it('in a 10,000-message mailbox it fetches only candidates, and on the next check only new messages', async () => {
    const filler = (i: number) => `From: friend${i}@example.com\nTo: big@example.kr\nSubject: hello ${i}\nMessage-ID: <filler-${i}@example.com>\nDate: Mon, 30 Nov 2026 00:00:00 +0000\n\nhi ${i}\n`;
    server.seedMaildir('big', Array.from({ length: 10_000 }, (_, i) => filler(i)), new Date());
    const client = await admin('big');
    await append(client, fixture('sisimai-rfc3464-01.eml'));
    await append(client, fixture('naver-failure-notice.eml'));
    const proxy = await startImapProxy(server.port);
    try {
      const { sink, bounces } = recordingSink();
      const watcher = new MailboxWatcher(options('big', { port: proxy.port, security: 'none' }), { sink, rows, state: createMemoryWatcherStateStore() });
      const first = await watcher.checkNow();
      expect(first).toMatchObject({ sourcesFetched: 2, bounces: 2 });
      const sourceFetches = proxy.fetches.filter((line) => /BODY\.PEEK\[\]/i.test(line));
      expect(sourceFetches).toHaveLength(1);
      expect(sourceFetches[0]).toMatch(/UID FETCH 10001,10002 /);
      expect(proxy.fetches.every((line) => !/UID FETCH 1:\*|FETCH 1:10/i.test(line))).toBe(true);

      const firstFetches = [...proxy.fetches];
      proxy.fetches.length = 0;
      await append(client, filler(10_001));
      await append(client, fixture('sisimai-lhost-qmail-01.eml'));
      const second = await watcher.checkNow();
      expect(second).toMatchObject({ sourcesFetched: 1, bounces: 1 });
      for (const line of proxy.fetches) for (const uid of (/FETCH ([\d,:]+)/i.exec(line)?.[1] ?? '').split(/[,:]/)) expect(Number(uid)).toBeGreaterThan(10_002);
      expect(bounces.map((b) => b.memberIndex).sort()).toEqual([0, 4, 6]);
      console.log(`10,000-message mailbox: first check sent ${firstFetches.length} FETCH command(s): ${firstFetches.join(' | ')}; second check sent ${proxy.fetches.length} FETCH command(s): ${proxy.fetches.join(' | ')}`);
    } finally {
      await proxy.close();
      await client.logout();
    }
  }, 120_000);

  it('watching uses IDLE: a report appended while it waits is recorded without a new check call', async () => {
    const client = await admin('idle');
    const { sink, bounces } = recordingSink();
    const errors: MailboxError[] = [];
    let checks = 0;
    const watching = new MailboxWatcher(options('idle', { pollMs: 10 * 60_000 }), {
      sink,
      rows,
      state: createMemoryWatcherStateStore(),
      onError: (e) => errors.push(e),
      onCheck: () => (checks += 1),
    });
    watching.start();
    try {
      await vi.waitFor(() => expect(checks).toBeGreaterThanOrEqual(1), { timeout: 30_000, interval: 50 });
      await append(client, fixture('sisimai-lhost-gmail-01.eml'));
      await vi.waitFor(() => expect(bounces).toHaveLength(1), { timeout: 30_000, interval: 50 });
      expect(checks).toBeGreaterThanOrEqual(2);
      expect(errors).toEqual([]);
    } finally {
      await watching.stop();
      await client.logout();
    }
  });

  it('with moveHandledTo it moves handled reports to the folder and leaves other mail alone', async () => {
    const client = await admin('move');
    await append(client, fixture('sisimai-rfc3464-01.eml'));
    await append(client, 'From: friend@example.com\r\nSubject: hello\r\nMessage-ID: <keep@example.com>\r\n\r\nhi\r\n');
    const { sink, bounces } = recordingSink();
    const watcher = new MailboxWatcher(options('move', { moveHandledTo: 'Mailroom Reports' }), { sink, rows, state: createMemoryWatcherStateStore() });
    await watcher.checkNow();
    expect(bounces).toHaveLength(1);
    expect((await statusOf(client, 'INBOX')).messages).toBe(1);
    expect((await statusOf(client, 'Mailroom Reports')).messages).toBe(1);
    await client.logout();
  });
});
