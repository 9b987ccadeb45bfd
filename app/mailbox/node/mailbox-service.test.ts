/* eslint-disable @typescript-eslint/no-explicit-any -- the test reads fields of many channels' outputs */
/**
 * The whole path through the handlers, as a user meets it: a 20-member campaign sent with nodemailer to
 * a real smtp-server on 127.0.0.1, three bounces and one Korean unsubscribe reply appended to a real
 * Dovecot mailbox, "Check for bounces now" → rows bounced/unsubscribed (pushed as progress), the review
 * queue → suppression, the CSV. Skipped, with the reason printed, where Dovecot is not installed.
 */
import { readFileSync } from 'node:fs';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dovecotMissing, startDovecot, type DovecotServer } from '../../../e2e/fakes/dovecot';
import { startSmtpSink, type SmtpSink } from '../../../e2e/fakes/smtp-sink';
import { handlersWithMemoryStores } from '../../test-support/testing-handlers';
import { callerOf } from '../../test-support/handler-calls';

const missing = dovecotMissing();
if (missing) console.log(`Skipping the mailbox service tests: ${missing}`);

const USER = 'office';
const PASSWORD = 'pw-office-Qm27';
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const rfc822Date = (ms: number) => new Date(ms).toUTCString().replace('GMT', '+0000');

/** A real RFC 3464 report (sisimai's) turned into one about our message to `email`. */
function bounceFor(email: string, messageId: string, n: number, status = '5.1.1'): string {
  return fixture('sisimai-rfc3464-01.eml')
    .replaceAll('userunknown@bouncehammer.jp', email)
    .replaceAll('<E1C50F1B-1C83-4820-BC36-AC6FBFBE8568@example.org>', messageId)
    .replace('<201310160515.r9G5FZh9018575@smtpgw.example.jp>', `<dsn-${n}@mx.club.test>`)
    .replaceAll('Wed, 16 Oct 2013 14:15:35 +0900', rfc822Date(Date.now()))
    .replaceAll('5.1.1', status);
}

/** The Korean unsubscribe reply, from `email`, answering our message. */
function unsubscribeReply(email: string, messageId: string): string {
  return fixture('reply-unsubscribe-ko.eml').replaceAll('member.kim@example.com', email).replaceAll('<mailroom-original-kim@example.kr>', messageId).replace(/^Date: .*$/m, `Date: ${rfc822Date(Date.now())}`);
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 1200; i += 1) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('timed out waiting');
}

describe.skipIf(missing !== null)('mailbox service through the handlers', () => {
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  beforeAll(async () => {
    dovecot = await startDovecot([{ user: USER, pass: PASSWORD }]);
    sink = await startSmtpSink({ security: 'none', users: { [USER]: PASSWORD } });
  }, 120_000);
  afterAll(async () => {
    await sink?.close();
    await dovecot?.stop();
  });

  it('sends 20, reads 3 bounces and a Korean unsubscribe reply, marks the rows, suppresses, exports', async () => {
    const events: Array<{ channel: string; payload: any }> = [];
    const { handlers } = handlersWithMemoryStores({ emit: (channel, payload) => void events.push({ channel, payload }) });
    const call = callerOf(handlers);
    const account = await call('accounts:save', { label: 'Office', host: '127.0.0.1', port: sink.port, security: 'none', username: USER, password: PASSWORD, fromAddress: 'office@school.test', fromName: '행정실' });
    const list = await call('lists:paste', { name: 'Club', text: Array.from({ length: 20 }, (_, i) => `회원 ${i} <m${i}@club.test>`).join('\n') });
    const created = await call('campaigns:create', {
      accountId: account.id,
      listId: list.list.id,
      template: { inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject: '12월 모임 안내', content: '{{name}}님, 안녕하세요.' } },
      perMinute: 6000,
    });
    await call('campaigns:start', { id: created.id });
    const sent = await until(() => call('campaigns:get', { id: created.id }), (d) => d.campaign.status === 'completed');
    expect(sent.counts.sent).toBe(20);
    expect(sink.messages).toHaveLength(20);
    // A Notice carries List-Id and a List-Unsubscribe mailto whose subject holds the member's token.
    const first = sink.messages.find((m) => m.rcptTo[0] === 'm0@club.test')!;
    expect(first.raw).toMatch(/^List-Id: "Club" <club\.school\.test>\r?$/m);
    expect(first.raw.replace(/\r?\n[ \t]+/g, " ")).toMatch(new RegExp(`^List-Unsubscribe: <mailto:office@school.test\\?subject=unsubscribe%20mr1\\.${created.id}\\.0>`, 'm'));

    // The custom preset has no mailbox of its own until the user names one.
    expect((await call('mailbox:status', { id: created.id })).place).toEqual({ kind: 'none', reason: 'user-named' });
    expect(await call('mailbox:check', { id: created.id })).toEqual({ ok: false, problem: 'no-mailbox', reason: 'user-named' });
    await expect(call('mailbox:set-server', { id: created.id, server: { host: 'imap.example.com', port: 143, security: 'none' } })).rejects.toThrow(/encrypted/);
    const status = await call('mailbox:set-server', { id: created.id, server: { host: dovecot.host, port: dovecot.port, security: 'none' } });
    expect(status.place).toMatchObject({ kind: 'imap', named: true });

    const row = (i: number) => sent.rows[i] as { email: string; messageId: string };
    const client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, doSTARTTLS: true, tls: { ca: [dovecot.ca] }, auth: { user: USER, pass: PASSWORD }, logger: false });
    await client.connect();
    for (const [n, i] of [3, 8, 15].entries()) await client.append('INBOX', bounceFor(row(i).email, row(i).messageId, n).replace(/\r?\n/g, '\r\n'));
    await client.append('INBOX', unsubscribeReply(row(11).email, row(11).messageId).replace(/\r?\n/g, '\r\n'));
    await client.logout();

    events.length = 0;
    const check = await call('mailbox:check', { id: created.id });
    expect(check).toMatchObject({ ok: true, summary: { bounces: 3, unsubscribes: 1 } });
    // The view learns of the new states without a reload.
    const pushed = events.filter((e) => e.channel === 'campaigns:progress').flatMap((e) => e.payload.changes);
    expect(pushed.map((c: any) => [c.index, c.status]).sort((a: any, b: any) => a[0] - b[0])).toEqual([
      [3, 'bounced'],
      [8, 'bounced'],
      [11, 'unsubscribed'],
      [15, 'bounced'],
    ]);
    const after = await call('campaigns:get', { id: created.id });
    expect(after.counts).toMatchObject({ sent: 16, bounced: 3, unsubscribed: 1 });
    expect(after.rows[3]).toMatchObject({ status: 'bounced', bounce: 'hard', diagnosis: 'recipient-rejected', addressGone: true, messageId: row(3).messageId });

    // A second check finds nothing new and changes nothing.
    expect(await call('mailbox:check', { id: created.id })).toMatchObject({ ok: true, summary: { bounces: 0, unsubscribes: 0 } });
    expect((await call('campaigns:get', { id: created.id })).counts).toEqual(after.counts);

    const queue = await call('mailbox:unsubscribes');
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ email: 'm11@club.test', fromIsMember: true, campaignId: created.id });
    expect(queue[0].excerpt).toContain('받고 싶지 않습니다');
    expect(await call('mailbox:review', { reportId: queue[0].reportId, action: 'suppress' })).toEqual({ email: 'm11@club.test', suppressed: true });
    await call('suppression:add', { text: row(3).email, reason: 'bounced (hard)' });
    const suppressed = (await call('suppression:list')).map((e: any) => e.email);
    expect(suppressed).toEqual(expect.arrayContaining(['m11@club.test', 'm3@club.test']));
    expect(await call('mailbox:unsubscribes')).toEqual([]);

    const csv = (await call('campaigns:export', { id: created.id })).content as string;
    const lines = csv.split(/\r?\n/);
    expect(lines[0]).toContain('bounce');
    expect(lines.find((l) => l.startsWith('m3@club.test'))).toMatch(/,bounced,recipient-rejected,.*,hard,1$/);
    expect(lines.find((l) => l.startsWith('m11@club.test'))).toContain(',unsubscribed,');
  }, 180_000);
});
