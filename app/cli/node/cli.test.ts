/**
 * The real `mailroom` binary (bin/mailroom.mjs, the Node host path) spawned against a loopback SMTP
 * server that lives here: one message, a `{{code}}` template, a 200-member campaign followed with
 * `--json` and checked row by row against what the server received, Ctrl-C mid-campaign then resume
 * (nobody twice), the exit codes of a wrong passphrase, a refused login and the daily limit, and the
 * browser host's composition and the command on the same campaign (the per-campaign lock).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dailyLimitAfter } from '../../../e2e/fakes/smtp-faults';
import { startSmtpSink, type SmtpSink } from '../../../e2e/fakes/smtp-sink';
import { createNodeHandlers } from '../../handlers/node/node-composition';
import { dispatch, type Handlers } from '../../ipc/common/dispatch';
import type { RequestChannel } from '../../ipc/common/channels';
import { EXIT } from '../common/exit-codes';
import { spawnMailroom, type MailroomRun, type MailroomSpawn } from '../../test-support/spawn-mailroom';

const USER = 'office@school.test';
const PASSWORD = 'pw-cli-7171';
const PASSPHRASE = 'cli-test-passphrase';
const MEMBERS = 200;

let sink: SmtpSink;
let dir: string;
let dataDir: string;
/** Milliseconds the server holds its answer to each accepted message (slows a campaign down). */
let dataDelayMs = 0;
/** The server's own daily limit for mail to @capped.test: it takes none (Gmail's 550 5.4.5 at once). */
const capped = dailyLimitAfter(0, (recipient) => recipient.endsWith('@capped.test'));
/** While set, the sink holds every accepted message's answer until the test releases it (waits on state, not on time). */
let dataHold: { readonly promise: Promise<void>; readonly release: () => void } | undefined;
const holdAnswers = () => {
  let release: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => (release = resolve));
  dataHold = { promise, release: () => release() };
  return dataHold;
};
let seed: Handlers;

type Run = MailroomRun;

/** Spawns the binary; `onStart` gets the child (to signal it). */
const mailroom = (args: readonly string[], options: Omit<MailroomSpawn, 'dataDir' | 'passphrase'> = {}): Promise<Run> => spawnMailroom(args, { dataDir, passphrase: PASSPHRASE, ...options });

async function call<T = unknown>(handlers: Handlers, channel: RequestChannel, input?: unknown): Promise<T> {
  const result = await dispatch(handlers, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** Waits until `done()` holds (state, not time); fails after two minutes. */
async function until(done: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 2400; i++) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for: ${what}`);
}

const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** Messages the server received with this subject. */
const receivedWith = (subject: string) => sink.messages.filter((m) => m.parsed.subject === subject);

/** A list of `n` members (Korean names, a code each) saved from a CSV written here, imported by the binary. */
async function importList(name: string, n: number, prefix: string): Promise<string> {
  const file = join(dir, `${name}.csv`);
  const rows = Array.from({ length: n }, (_, i) => `${prefix}${i}@club.test,회원 ${i},C${i}`);
  writeFileSync(file, `\ufeffemail,이름,code\n${rows.join('\n')}\n`);
  const run = await mailroom(['lists', 'import', file, '--name', name, '--json']);
  expect(run.code, run.stderr).toBe(EXIT.ok);
  const out = JSON.parse(run.stdout) as { list: { id: string; memberCount: number } };
  expect(out.list.memberCount).toBe(n);
  return out.list.id;
}

/** A campaign created (not started) through the seeding handlers. */
async function createCampaign(listId: string, templateId: string, accountId: string): Promise<string> {
  const created = await call<{ id: string }>(seed, 'campaigns:create', { accountId, listId, template: { templateId }, perMinute: 6000 });
  return created.id;
}

let office: { id: string };
let noticeTemplate: { id: string };

beforeAll(async () => {
  sink = await startSmtpSink({
    security: 'none',
    users: { [USER]: PASSWORD, 'limited@school.test': PASSWORD, 'capped@school.test': PASSWORD },
    script: { dataDelay: () => dataHold?.promise ?? dataDelayMs, data: capped.data },
  });
  dir = mkdtempSync(join(tmpdir(), 'mailroom-cli-'));
  dataDir = join(dir, 'data');
  seed = await createNodeHandlers({ dataDir, passphrase: PASSPHRASE, emit: () => undefined, log: () => undefined });
  const account = (label: string, username: string, password: string, extra: Record<string, unknown> = {}) =>
    call<{ id: string }>(seed, 'accounts:save', { label, host: '127.0.0.1', port: sink.port, security: 'none', username, password, fromAddress: username, fromName: label, ...extra });
  office = await account('Office', USER, PASSWORD);
  await account('Wrong', 'wrong@school.test', 'not-the-password');
  await account('Limited', 'limited@school.test', PASSWORD, { dailyLimit: 3 });
  await account('Capped', 'capped@school.test', PASSWORD);
  await call(seed, 'templates:save', { name: 'Sign-in code', usageType: 'SignIn', contentType: 'text/plain', subject: 'Your code {{code}}', content: 'Use {{code}} to sign in.' });
  noticeTemplate = await call(seed, 'templates:save', { name: 'Notice', usageType: 'Notice', contentType: 'text/plain', subject: 'Notice {{code}}', content: 'Dear {{name}}, your code is {{code}}.' });
}, 60_000);

afterEach(() => {
  // A test that failed while holding must not leave the next one waiting.
  dataHold?.release();
  dataHold = undefined;
});

afterAll(async () => {
  await sink.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('mailroom send', () => {
  it('sends one message (text from stdin, an attachment, a From name) and exits 0', async () => {
    const attachment = join(dir, 'note.txt');
    writeFileSync(attachment, 'attached words');
    const run = await mailroom(['send', '--account', 'Office', '--to', 'one@x.test', '--to', 'two@x.test', '--subject', 'Hello from the CLI', '--text', '-', '--from-name', 'Front desk', '--attach', attachment], {
      input: 'Plain body, 한국어 포함.',
    });
    expect(run.code, run.stderr).toBe(EXIT.ok);
    const [message] = receivedWith('Hello from the CLI');
    expect(message?.rcptTo).toEqual(['one@x.test', 'two@x.test']);
    expect(message?.parsed.text?.trim()).toBe('Plain body, 한국어 포함.');
    expect(message?.parsed.from?.value[0]).toMatchObject({ name: 'Front desk', address: USER });
    expect(message?.parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['note.txt', 'attached words']]);
    expect(run.stdout).toContain(String(message?.parsed.messageId));
  }, 180_000);

  it('fills a {{code}} template from --var, and refuses (exit 2, nothing sent) when the value is missing', async () => {
    const run = await mailroom(['send', '--account', 'Office', '--to', 'code@x.test', '--template', 'Sign-in code', '--var', 'code=482913', '--json']);
    expect(run.code, run.stderr).toBe(EXIT.ok);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'sent', accepted: ['code@x.test'] });
    const [message] = receivedWith('Your code 482913');
    expect(message?.parsed.text?.trim()).toBe('Use 482913 to sign in.');

    const before = sink.messages.length;
    const missing = await mailroom(['send', '--account', 'Office', '--to', 'code@x.test', '--template', 'Sign-in code']);
    expect(missing.code).toBe(EXIT.badInput);
    expect(missing.stderr).toContain('{{code}}');
    expect(sink.messages.length).toBe(before);
  }, 180_000);

  it('exits 2 for bad input: an unknown account, a --var without =, no body', async () => {
    expect((await mailroom(['send', '--account', 'Nobody', '--to', 'a@x.test', '--subject', 's', '--text', '-'])).code).toBe(EXIT.badInput);
    expect((await mailroom(['send', '--account', 'Office', '--to', 'a@x.test', '--template', 'Sign-in code', '--var', 'code'])).code).toBe(EXIT.badInput);
    expect((await mailroom(['send', '--account', 'Office', '--to', 'a@x.test', '--subject', 's'])).code).toBe(EXIT.badInput);
    expect((await mailroom(['send', '--account', 'Office', '--to', 'not-an-address', '--subject', 's', '--text', '-'])).code).toBe(EXIT.badInput);
    expect((await mailroom(['no-such-command'])).code).toBe(EXIT.badInput);
  }, 180_000);

  it('exits 7 with a wrong passphrase, and 7 with none (not a terminal); nothing is sent', async () => {
    const before = sink.messages.length;
    const wrong = await mailroom(['send', '--account', 'Office', '--to', 'a@x.test', '--subject', 's', '--text', '-'], { env: { MAILROOM_PASSPHRASE: 'not-the-passphrase' } });
    expect(wrong.code).toBe(EXIT.locked);
    expect(wrong.stderr).toContain('The saved password cannot be read any more.');
    const none = await mailroom(['send', '--account', 'Office', '--to', 'a@x.test', '--subject', 's', '--text', '-'], { env: { MAILROOM_PASSPHRASE: undefined } });
    expect(none.code).toBe(EXIT.locked);
    expect(none.stderr).toContain('MAILROOM_PASSPHRASE');
    expect(sink.messages.length).toBe(before);
  }, 180_000);

  it('reads the passphrase from --passphrase-fd', async () => {
    const body = join(dir, 'body.txt');
    writeFileSync(body, 'Body from a file.');
    const run = await mailroom(['--passphrase-fd', '0', 'send', '--account', 'Office', '--to', 'fd@x.test', '--subject', 'Via fd', '--text', body], {
      input: `${PASSPHRASE}\n`,
      env: { MAILROOM_PASSPHRASE: undefined },
    });
    expect(run.code, run.stderr).toBe(EXIT.ok);
    expect(receivedWith('Via fd').map((m) => m.parsed.text?.trim())).toEqual(['Body from a file.']);
  }, 180_000);

  it('exits 4 when the server refuses the login, with the catalogue words in English and Korean', async () => {
    const en = await mailroom(['send', '--account', 'Wrong', '--to', 'a@x.test', '--subject', 's', '--text', '-']);
    expect(en.code).toBe(EXIT.auth);
    expect(en.stderr).toContain('Username or password not accepted');
    expect(en.stderr).toContain('535');
    const ko = await mailroom(['send', '--account', 'Wrong', '--to', 'a@x.test', '--subject', 's', '--text', '-'], { env: { LANG: 'ko_KR.UTF-8' } });
    expect(ko.code).toBe(EXIT.auth);
    expect(ko.stderr).toContain('사용자 이름이나 비밀번호가 맞지 않습니다');
    expect(en.stderr).not.toContain('not-the-password');
  }, 180_000);

  it('exits 5 when the daily limit is reached, holding the message back', async () => {
    for (let i = 0; i < 3; i++) {
      const run = await mailroom(['send', '--account', 'Limited', '--to', `quota${i}@x.test`, '--subject', `Quota ${i}`, '--text', '-']);
      expect(run.code, run.stderr).toBe(EXIT.ok);
    }
    const over = await mailroom(['send', '--account', 'Limited', '--to', 'quota3@x.test', '--subject', 'Quota 3', '--text', '-']);
    expect(over.code).toBe(EXIT.dailyLimit);
    expect(over.stderr).toContain('Daily sending limit reached');
    expect(receivedWith('Quota 3')).toHaveLength(0);
  }, 180_000);
});

describe("the provider's own daily limit", () => {
  it("exits 5 with the server's words and the time sending can go on, in the admin's time zone; then holds back; a campaign waits with the same words", async () => {
    const env = { TZ: 'Asia/Seoul' };
    const refused = await mailroom(['send', '--account', 'Capped', '--to', 'one@capped.test', '--subject', 'Capped 1', '--text', '-'], { env });
    expect(refused.code, refused.stderr).toBe(EXIT.dailyLimit);
    expect(capped.refused()).toBe(1);
    expect(refused.stderr).toContain('The server said: 550 5.4.5 Daily user sending limit exceeded');
    const at = /can go on at (\d{4}-\d\d-\d\d \d\d:\d\d) \(Asia\/Seoul\)/.exec(refused.stderr)?.[1];
    expect(at, refused.stderr).toBeDefined();
    // Nothing Mailroom knows of was sent on this login: a day after the reply, shown in Seoul's time.
    const held = (await call<{ label: string; providerLimit?: { resumeAt: string; basis: string } }[]>(seed, 'accounts:list')).find((a) => a.label === 'Capped')!.providerLimit!;
    expect(held.basis).toBe('reply-plus-day');
    const seoul = new Date(Math.ceil(Date.parse(held.resumeAt) / 60_000) * 60_000 + 9 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(at).toBe(seoul);

    // Until then the next send is held back (nothing reaches the server) with the same time, in Korean too.
    const again = await mailroom(['send', '--account', 'Capped', '--to', 'two@capped.test', '--subject', 'Capped 2', '--text', '-'], { env: { ...env, LANG: 'ko_KR.UTF-8' } });
    expect(again.code).toBe(EXIT.dailyLimit);
    expect(capped.refused()).toBe(1);
    expect(receivedWith('Capped 2')).toHaveLength(0);
    expect(again.stderr).toContain('서버의 응답: 550 5.4.5 Daily user sending limit exceeded');
    expect(again.stderr).toContain(`${at} (Asia/Seoul)부터 다시 보낼 수 있습니다`);

    // A campaign on the login waits at once, without spending a refused message, and says the same.
    const listId = await importList('Capped list', 3, 'capped');
    const run = await mailroom(['campaign', 'start', '--account', 'Capped', '--list', listId, '--template', 'Notice', '--json'], { env });
    expect(run.code, run.stderr).toBe(EXIT.dailyLimit);
    expect(capped.refused()).toBe(1);
    expect(jsonLines(run.stdout).at(-1)).toMatchObject({ event: 'done', status: 'waiting-for-quota', resumeAt: held.resumeAt, providerLimit: { resumeAt: held.resumeAt } });
    expect(run.stderr).toContain('The server said: 550 5.4.5 Daily user sending limit exceeded');
    expect(run.stderr).toContain(`can go on at ${at} (Asia/Seoul)`);
    expect(sink.messages.filter((m) => m.rcptTo[0]?.startsWith('capped'))).toHaveLength(0);
  }, 240_000);
});

describe('mailroom campaign', () => {
  it('sends a 200-member campaign with --json events that match, row by row, what the server received', async () => {
    const listId = await importList('Members', MEMBERS, 'm');
    const run = await mailroom(['campaign', 'start', '--account', office.id, '--list', listId, '--template', 'Notice', '--per-minute', '6000', '--json']);
    expect(run.code, run.stderr).toBe(EXIT.ok);
    const events = jsonLines(run.stdout);
    const done = events.at(-1)!;
    expect(done).toMatchObject({ event: 'done', status: 'completed', exitCode: 0 });
    expect((done.counts as Record<string, number>).sent).toBe(MEMBERS);
    const lastRowOf = new Map<number, Record<string, unknown>>();
    for (const event of events.filter((e) => e.event === 'row')) lastRowOf.set(event.index as number, event);
    expect(lastRowOf.size).toBe(MEMBERS);
    const received = new Map(sink.messages.filter((m) => m.parsed.subject?.startsWith('Notice C')).map((m) => [m.rcptTo[0], m]));
    expect(received.size).toBe(MEMBERS);
    for (let i = 0; i < MEMBERS; i++) {
      const row = lastRowOf.get(i)!;
      expect(row).toMatchObject({ status: 'sent', email: `m${i}@club.test` });
      const message = received.get(`m${i}@club.test`);
      expect(message?.parsed.subject).toBe(`Notice C${i}`);
      expect(message?.parsed.text?.trim()).toBe(`Dear 회원 ${i}, your code is C${i}.`);
      expect(row.messageId).toBe(message?.parsed.messageId);
    }
    const exported = await mailroom(['campaign', 'export', String(done.campaign)]);
    expect(exported.code).toBe(EXIT.ok);
    expect(exported.stdout.startsWith('\ufeffemail,name')).toBe(true);
    expect(exported.stdout.split('\n').filter((l) => l.includes(',sent,'))).toHaveLength(MEMBERS);
  }, 300_000);

  it('pauses on Ctrl-C (exit 130) with a resumable journal; resume completes and nobody gets two messages', async () => {
    const listId = await importList('Interrupted', MEMBERS, 'i');
    const id = await createCampaign(listId, noticeTemplate.id, office.id);
    const subjectOf = (i: number) => `Notice C${i}`;
    const ofThisList = () => sink.messages.filter((m) => m.rcptTo[0]?.startsWith('i'));
    dataDelayMs = 30;
    const first = await mailroom(['campaign', 'resume', id, '--json'], {
      onStart: (child) => void until(() => ofThisList().length >= 20, '20 messages received').then(() => child.kill('SIGINT')),
    });
    dataDelayMs = 0;
    expect(first.code, first.stderr).toBe(EXIT.interrupted);
    const events = jsonLines(first.stdout);
    expect(events.some((e) => e.event === 'interrupt')).toBe(true);
    expect(events.at(-1)).toMatchObject({ event: 'done', status: 'paused', exitCode: EXIT.interrupted });
    const partial = ofThisList().length;
    expect(partial).toBeLessThan(MEMBERS);

    const shown = await mailroom(['campaign', 'show', id, '--json']);
    const detail = JSON.parse(shown.stdout) as { campaign: { status: string }; counts: Record<string, number> };
    expect(detail.campaign.status).toBe('paused');
    expect(detail.counts.sending).toBe(0);
    expect(detail.counts.unknown).toBe(0);
    expect(detail.counts.sent).toBe(partial);

    const second = await mailroom(['campaign', 'resume', id, '--json']);
    expect(second.code, second.stderr).toBe(EXIT.ok);
    const perAddress = new Map<string, number>();
    for (const m of ofThisList()) perAddress.set(m.rcptTo[0]!, (perAddress.get(m.rcptTo[0]!) ?? 0) + 1);
    expect(perAddress.size).toBe(MEMBERS);
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
    for (const m of ofThisList()) expect(m.parsed.subject).toBe(subjectOf(Number(m.rcptTo[0]!.slice(1, -'@club.test'.length))));
  }, 300_000);

  it('exits 5 when the campaign must wait for the daily limit', async () => {
    const listId = await importList('Quota list', 4, 'q');
    const run = await mailroom(['campaign', 'start', '--account', 'Limited', '--list', listId, '--template', 'Notice', '--json']);
    expect(run.code, run.stderr).toBe(EXIT.dailyLimit);
    expect(jsonLines(run.stdout).at(-1)).toMatchObject({ event: 'done', status: 'waiting-for-quota', exitCode: EXIT.dailyLimit });
  }, 180_000);

  it('never runs one campaign in two processes: the browser host composition and the command each get "busy"', async () => {
    const listId = await importList('Shared', 60, 's');
    // The command runs it; the app (the browser host's composition over the same folder) is refused.
    const byCli = await createCampaign(listId, noticeTemplate.id, office.id);
    dataDelayMs = 30;
    const app = await createNodeHandlers({ dataDir, passphrase: PASSPHRASE, emit: () => undefined, log: () => undefined });
    const cliRun = mailroom(['campaign', 'resume', byCli, '--json'], {});
    await until(() => sink.messages.some((m) => m.rcptTo[0]?.startsWith('s')), 'the command to start sending');
    const refused = await dispatch(app, 'campaigns:start', { id: byCli });
    expect(refused).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(!refused.ok && refused.error.message).toContain('the mailroom command');
    dataDelayMs = 0;
    expect((await cliRun).code).toBe(EXIT.ok);

    // The app runs it (its messages held by the server until the commands are done, so it outlasts
    // them however loaded the machine); the command is refused with exit 6, and its cancel does not
    // reach the app's run.
    const byApp = await createCampaign(listId, noticeTemplate.id, office.id);
    const hold = holdAnswers();
    await call(app, 'campaigns:start', { id: byApp });
    const refusedCli = await mailroom(['campaign', 'resume', byApp]);
    expect(refusedCli.code).toBe(EXIT.busy);
    expect(refusedCli.stderr).toContain('running in another process');
    expect((await mailroom(['campaign', 'cancel', byApp])).code).toBe(EXIT.busy);
    await call(app, 'campaigns:pause', { id: byApp });
    dataHold = undefined;
    hold.release();
    await until(async () => (await call<{ campaign: { status: string } }>(app, 'campaigns:get', { id: byApp })).campaign.status === 'paused', 'the app to pause');
  }, 300_000);

  it('pauses a campaign that another mailroom command is running (that command exits 130)', async () => {
    const listId = await importList('Paused elsewhere', 80, 'p');
    const id = await createCampaign(listId, noticeTemplate.id, office.id);
    const hold = holdAnswers();
    let runnerOut = '';
    const running = mailroom(['campaign', 'resume', id, '--json'], { onStart: (child) => child.stdout?.on('data', (chunk: Buffer) => (runnerOut += chunk.toString())) });
    await until(() => sink.messages.some((m) => m.rcptTo[0]?.startsWith('p')), 'the first command to send');
    const pausing = mailroom(['campaign', 'pause', id]);
    // The running command got the pause command's SIGINT: its messages in flight may now be answered.
    await until(() => runnerOut.includes('"event":"interrupt"'), 'the running command to be interrupted');
    dataHold = undefined;
    hold.release();
    const pause = await pausing;
    expect(pause.code, pause.stderr).toBe(EXIT.ok);
    expect(pause.stdout).toContain('paused');
    expect((await running).code).toBe(EXIT.interrupted);
    const detail = await call<{ campaign: { status: string }; counts: Record<string, number> }>(seed, 'campaigns:get', { id });
    expect(detail.campaign.status).toBe('paused');
    expect(detail.counts).toMatchObject({ sending: 0, unknown: 0 });
    expect(detail.counts.sent).toBe(sink.messages.filter((m) => m.rcptTo[0]?.startsWith('p')).length);
  }, 300_000);
});
