import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readMailboxMessage } from './mailbox-message';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

/** Each real or reconstructed shape: the one report it must yield (fixtures/README.md names the sources). */
const reports: ReadonlyArray<[file: string, expected: Record<string, unknown>]> = [
  ['sisimai-rfc3464-01.eml', { shape: 'rfc3464', recipient: 'userunknown@bouncehammer.jp', action: 'failed', status: '5.1.1', bounce: 'hard', originalMessageId: '<E1C50F1B-1C83-4820-BC36-AC6FBFBE8568@example.org>' }],
  ['sisimai-rfc3464-07.eml', { shape: 'rfc3464', recipient: 'kijitora@example.net', action: 'delayed', status: '4.4.0', bounce: null }],
  ['sisimai-lhost-gmail-01.eml', { shape: 'gmail', recipient: 'userunknown@example.jp', action: 'failed', status: '5.1.1', bounce: 'hard', originalMessageId: '<D992C2C3-F175-4C4D-97E2-53A90E4E5BF5@gmail.com>' }],
  ['sisimai-lhost-gmail-06.eml', { shape: 'gmail', recipient: 'kijitora@example.jp', action: 'delayed', bounce: null }],
  ['sisimai-lhost-office365-01.eml', { shape: 'microsoft', recipient: 'kijitora@example.com', status: '5.1.10', bounce: 'hard', originalMessageId: '<FFFFFFFF.EEEEEEEE@example.ed.jp>' }],
  ['sisimai-lhost-postfix-01.eml', { shape: 'postfix', recipient: 'r@p351355.pool.example.ne.jp', originalRecipient: 'kijitora@example.org', status: '5.1.1', bounce: 'hard' }],
  ['sisimai-rhost-google-08.eml', { shape: 'postfix', recipient: 'kijitora-nyaan@example.org', status: '5.7.1', bounce: 'policy' }],
  ['sisimai-lhost-qmail-01.eml', { shape: 'qmail', recipient: 'kijitora@example.ne.jp', status: '5.5.0', bounce: 'hard', originalMessageId: '<000000000.9999999999999.JavaMail.postmaster@mailhub>' }],
  ['sisimai-lhost-exim-01.eml', { shape: 'exim', recipient: 'kijitora@example.ed.jp', status: '5.7.0', bounce: 'policy' }],
  ['naver-failure-notice.eml', { shape: 'naver', recipient: 'ghost.naver@example.com', status: '5.1.1', bounce: 'hard', originalMessageId: null }],
  ['naver-failure-notice-quoted.eml', { shape: 'naver', recipient: 'full.daum@daum.net', status: '4.2.2', bounce: 'soft' }],
  ['daum-antispam-sendmail.eml', { shape: 'daum', recipient: 'blocked.kim@hanmail.net', status: '5.7.1', bounce: 'policy', originalMessageId: '<mailroom-daum-original@example.kr>' }],
];

describe('readMailboxMessage: delivery reports', () => {
  it.each(reports)('%s', async (file, expected) => {
    const message = await readMailboxMessage(fixture(file));
    expect(message.kind).toBe('delivery-report');
    if (message.kind !== 'delivery-report') return;
    expect(message.reports).toHaveLength(1);
    expect(message.reports[0]).toMatchObject(expected);
    if (message.reports[0]!.action === 'failed') expect(message.reports[0]!.diagnostic ?? '').not.toBe('');
  });
});

describe('readMailboxMessage: replies', () => {
  it('an RFC 3834 away notice is an auto-reply', async () => {
    expect((await readMailboxMessage(fixture('sisimai-rfc3834-01.eml'))).kind).toBe('auto-reply');
  });
  it('a Korean out-of-office (X-Autoreply) is an auto-reply even when its text says 수신거부', async () => {
    expect((await readMailboxMessage(fixture('reply-out-of-office-ko.eml'))).kind).toBe('auto-reply');
  });
  it('a Korean 수신 거부 reply is an unsubscribe request carrying the In-Reply-To', async () => {
    const message = await readMailboxMessage(fixture('reply-unsubscribe-ko.eml'));
    expect(message).toMatchObject({ kind: 'unsubscribe-request', from: 'member.kim@example.com', messageIds: ['<mailroom-original-kim@example.kr>'], token: null });
  });
  it('a mailto unsubscribe (List-Unsubscribe subject) carries the member token', async () => {
    const raw = 'From: a@example.com\r\nTo: admin@example.kr\r\nSubject: unsubscribe mr1.c-42.7\r\nMessage-ID: <u1@example.com>\r\nDate: Mon, 30 Nov 2026 01:00:00 +0000\r\n\r\n\r\n';
    expect(await readMailboxMessage(raw)).toMatchObject({ kind: 'unsubscribe-request', token: { campaignId: 'c-42', memberIndex: 7 } });
  });
  it('an ordinary reply quoting "unsubscribe" from the original is not a request', async () => {
    const raw = 'From: a@example.com\r\nSubject: Re: notice\r\nMessage-ID: <r1@example.com>\r\nIn-Reply-To: <x@y>\r\n\r\nSee you there!\r\n> To unsubscribe, reply with unsubscribe\r\n';
    expect((await readMailboxMessage(raw)).kind).toBe('other');
  });
});

const SEED = Number(process.env.MAILROOM_SEED ?? Date.now() % 2 ** 31);
console.log(`mailbox-message fuzz: seed ${SEED} (MAILROOM_SEED=${SEED} repeats it)`);
const FILES = readdirSync(new URL('./fixtures/', import.meta.url)).filter((file) => file.endsWith('.eml'));

describe('readMailboxMessage: seeded fuzzing', () => {
  it('a truncated or corrupted report never throws, and whatever it yields is well-formed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FILES), fc.double({ min: 0, max: 1, noNaN: true }), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), async (file, cut, flips) => {
          const bytes = Buffer.from(fixture(file));
          const raw = bytes.subarray(0, Math.floor(bytes.length * cut));
          for (const [at, value] of flips) if (raw.length > 0) raw[Math.floor(at * (raw.length - 1))] = value;
          const message = await readMailboxMessage(Buffer.from(raw));
          if (message.kind === 'delivery-report') {
            for (const report of message.reports) {
              expect(report.recipient).toMatch(/@/);
              expect(report.bounce === null || ['hard', 'soft', 'policy'].includes(report.bounce)).toBe(true);
              if (report.action !== 'failed') expect(report.bounce).toBeNull();
            }
          }
        }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('ordinary mail from people is never a delivery report', async () => {
    await fc.assert(
      fc.asyncProperty(fc.emailAddress(), fc.string({ maxLength: 80 }), fc.string({ maxLength: 400 }), async (from, subject, body) => {
          const raw = `From: ${from}\r\nTo: admin@example.kr\r\nSubject: ${subject.replace(/[\r\n]/g, ' ')}\r\nMessage-ID: <x@example.com>\r\n\r\n${body}\r\n`;
          expect((await readMailboxMessage(raw)).kind).not.toBe('delivery-report');
        }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
