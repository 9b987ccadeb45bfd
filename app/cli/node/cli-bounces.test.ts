/**
 * `mailroom bounces --account …`: the real binary (bin/mailroom.mjs) spawned after a loopback campaign
 * (nodemailer to a real smtp-server on 127.0.0.1), reading a real Dovecot mailbox where reports were
 * appended with IMAP APPEND: its words in English and Korean, `--json`, and its exit codes (checked;
 * the mailbox login refused; a relay account with no mailbox). Skipped, with the reason printed,
 * where Dovecot is not installed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dovecotMissing, startDovecot, type DovecotServer } from '../../../e2e/fakes/dovecot';
import { startSmtpSink, type SmtpSink } from '../../../e2e/fakes/smtp-sink';
import { createNodeHandlers } from '../../handlers/node/node-composition';
import { dispatch, type Handlers } from '../../ipc/common/dispatch';
import type { RequestChannel } from '../../ipc/common/channels';
import { EXIT } from '../common/exit-codes';
import { spawnMailroom, type MailroomRun } from '../../test-support/spawn-mailroom';

const missing = dovecotMissing();
if (missing) console.log(`Skipping the mailroom bounces tests: ${missing}`);

const PASSPHRASE = 'cli-bounces-passphrase';
const USER = 'office';
const PASSWORD = 'pw-office-Bn41';
const WRONG = 'Not-The-Imap-Pass-57';
const fixture = (name: string) => readFileSync(new URL('../../mailbox/node/fixtures/' + name, import.meta.url), 'utf8');
const rfc822Date = (ms: number) => new Date(ms).toUTCString().replace('GMT', '+0000');

/** A real RFC 3464 report (sisimai's) turned into one about our message to `email`. */
function bounceFor(email: string, messageId: string, n: number): string {
  return fixture('sisimai-rfc3464-01.eml')
    .replaceAll('userunknown@bouncehammer.jp', email)
    .replaceAll('<E1C50F1B-1C83-4820-BC36-AC6FBFBE8568@example.org>', messageId)
    .replace('<201310160515.r9G5FZh9018575@smtpgw.example.jp>', `<cli-dsn-${n}@mx.club.test>`)
    .replaceAll('Wed, 16 Oct 2013 14:15:35 +0900', rfc822Date(Date.now()));
}

/** The Korean unsubscribe reply, from `email`, answering our message. */
function unsubscribeReply(email: string, messageId: string): string {
  return fixture('reply-unsubscribe-ko.eml').replaceAll('member.kim@example.com', email).replaceAll('<mailroom-original-kim@example.kr>', messageId).replace(/^Date: .*$/m, `Date: ${rfc822Date(Date.now())}`);
}


let dataDir: string;

const mailroom = (args: readonly string[], env: Record<string, string> = {}): Promise<MailroomRun> => spawnMailroom(args, { dataDir, passphrase: PASSPHRASE, env });

async function call<T = unknown>(handlers: Handlers, channel: RequestChannel, input?: unknown): Promise<T> {
  const result = await dispatch(handlers, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

describe.skipIf(missing !== null)('mailroom bounces', () => {
  let dovecot: DovecotServer;
  let sink: SmtpSink;
  let dir: string;
  let seed: Handlers;
  let rows: Array<{ email: string; messageId: string }>;
  let campaignId: string;

  const append = async (...raws: string[]) => {
    const client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, doSTARTTLS: true, tls: { ca: [dovecot.ca] }, auth: { user: USER, pass: PASSWORD }, logger: false });
    await client.connect();
    for (const raw of raws) await client.append('INBOX', raw.replace(/\r?\n/g, '\r\n'));
    await client.logout();
  };

  beforeAll(async () => {
    dovecot = await startDovecot([
      { user: USER, pass: PASSWORD },
      { user: 'wrongimap', pass: 'the-real-imap-pass' },
    ]);
    sink = await startSmtpSink({ security: 'none', users: { [USER]: PASSWORD, wrongimap: WRONG, relay: 'relay-pass' } });
    dir = mkdtempSync(join(tmpdir(), 'mailroom-cli-bounces-'));
    dataDir = join(dir, 'data');
    seed = await createNodeHandlers({ dataDir, passphrase: PASSPHRASE, emit: () => undefined, log: () => undefined });
    const account = (label: string, username: string, password: string, extra: Record<string, unknown> = {}) =>
      call<{ id: string }>(seed, 'accounts:save', { label, host: '127.0.0.1', port: sink.port, security: 'none', username, password, fromAddress: `${username}@school.test`, fromName: label, ...extra });
    const office = await account('Office', USER, PASSWORD);
    // The IMAP server takes another password than the one saved (which the SMTP server takes).
    const wrong = await account('Wrong IMAP', 'wrongimap', WRONG);
    await account('Relay', 'relay', 'relay-pass', { presetId: 'workspace-relay' });
    const server = { host: dovecot.host, port: dovecot.port, security: 'none' };
    await call(seed, 'mailbox:set-server', { id: office.id, server });
    await call(seed, 'mailbox:set-server', { id: wrong.id, server });

    const list = await call<{ list: { id: string } }>(seed, 'lists:paste', { name: 'Club', text: Array.from({ length: 6 }, (_, i) => `회원 ${i} <m${i}@club.test>`).join('\n') });
    const created = await call<{ id: string }>(seed, 'campaigns:create', {
      accountId: office.id,
      listId: list.list.id,
      template: { inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject: '12월 모임 안내', content: '{{name}}님, 안녕하세요.' } },
      perMinute: 6000,
    });
    campaignId = created.id;
    await call(seed, 'campaigns:start', { id: campaignId });
    for (let i = 0; i < 2400; i++) {
      const detail = await call<{ campaign: { status: string }; rows: Array<{ email: string; messageId: string }> }>(seed, 'campaigns:get', { id: campaignId });
      if (detail.campaign.status === 'completed') {
        rows = detail.rows;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(rows, 'the loopback campaign did not complete').toBeDefined();
    expect(sink.messages).toHaveLength(6);
  }, 120_000);

  afterAll(async () => {
    await sink?.close();
    await dovecot?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('--json: the check as JSON, exit 0; the rows turn bounced', async () => {
    await append(bounceFor(rows[1]!.email, rows[1]!.messageId, 1), bounceFor(rows[4]!.email, rows[4]!.messageId, 4));
    const run = await mailroom(['bounces', '--account', 'Office', '--json']);
    expect(run.code, run.stderr).toBe(EXIT.ok);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, summary: { bounces: 2, unsubscribes: 0, delayed: 0, autoReplies: 0, unmatched: 0 } });
    const shown = await call<{ counts: Record<string, number>; rows: Array<{ status: string }> }>(seed, 'campaigns:get', { id: campaignId });
    expect(shown.counts).toMatchObject({ sent: 4, bounced: 2 });
    expect(shown.rows.map((r) => r.status)).toEqual(['sent', 'bounced', 'sent', 'sent', 'bounced', 'sent']);
  }, 120_000);

  it('in Korean and in English: what was recorded, in the words of each; a second run records nothing again', async () => {
    await append(bounceFor(rows[2]!.email, rows[2]!.messageId, 2), unsubscribeReply(rows[5]!.email, rows[5]!.messageId));
    const ko = await mailroom(['bounces', '--account', 'Office'], { LANG: 'ko_KR.UTF-8' });
    expect(ko.code, ko.stderr).toBe(EXIT.ok);
    expect(ko.stdout).toContain('메일함 확인 완료: 반송 1건, 수신 거부 요청 1건을 기록했습니다.');
    const en = await mailroom(['bounces', '--account', `${USER}@school.test`]);
    expect(en.code, en.stderr).toBe(EXIT.ok);
    expect(en.stdout).toContain('Mailbox checked: 0 bounce(s) and 0 unsubscribe request(s) recorded');
    const shown = await call<{ counts: Record<string, number> }>(seed, 'campaigns:get', { id: campaignId });
    expect(shown.counts).toMatchObject({ sent: 2, bounced: 3, unsubscribed: 1 });
  }, 120_000);

  it('exits 4 when the mailbox login is refused, in both languages, without the password', async () => {
    const en = await mailroom(['bounces', '--account', 'Wrong IMAP']);
    expect(en.code).toBe(EXIT.auth);
    expect(en.stderr).toContain('The mailbox (IMAP) login was refused.');
    const ko = await mailroom(['bounces', '--account', 'Wrong IMAP', '--json'], { LANG: 'ko_KR.UTF-8' });
    expect(ko.code).toBe(EXIT.auth);
    expect(JSON.parse(ko.stdout)).toEqual({ ok: false, problem: 'auth' });
    expect(ko.stderr).toContain('메일함(IMAP) 로그인이 거부되었습니다.');
    for (const run of [en, ko]) expect(`${run.stdout}${run.stderr}`).not.toContain(WRONG);
  }, 120_000);

  it('exits 2 for a relay account with no mailbox', async () => {
    const relay = await mailroom(['bounces', '--account', 'Relay']);
    expect(relay.code).toBe(EXIT.badInput);
    expect(relay.stderr).toContain('This account has no mailbox Mailroom can read');
    const ko = await mailroom(['bounces', '--account', 'Relay', '--json'], { LANG: 'ko_KR.UTF-8' });
    expect(ko.code).toBe(EXIT.badInput);
    expect(JSON.parse(ko.stdout)).toEqual({ ok: false, problem: 'no-mailbox', reason: 'relay' });
    expect(ko.stderr).toContain('이 계정에는 Mailroom이 읽을 수 있는 메일함이 없습니다');
  }, 120_000);
});
