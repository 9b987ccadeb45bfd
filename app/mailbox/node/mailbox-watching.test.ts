/**
 * Watching over time against one real Dovecot (e2e/fakes/dovecot.ts), with an injected clock: the
 * watcher that runs while a campaign is recent (IDLE and polling paths), reports appended at intervals
 * and applied once, the connection cut mid-way and refused (reconnects with a growing pause), the end of
 * the window (and its extension), a stop by the user, a restart with the position kept in SQLite; and a
 * Google-OAuth account reading its mailbox with XOAUTH2 (Dovecot's oauth2 passdb asking the fake
 * Google's userinfo endpoint), its token refreshed through the fake token endpoint, a revoked grant
 * diagnosed in ko/en, sending unaffected, and no token in any log, event or error text.
 * The service's own watcher (the handlers with watching on) is started by a send and ends at the window.
 * No sleeps: every wait is on state. Skipped, with the reason printed, where Dovecot is not installed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pressOnConsentPage } from '../../../e2e/fakes/consent-browser';
import { dovecotMissing, startDovecot, type DovecotServer } from '../../../e2e/fakes/dovecot';
import { startFakeGoogle, type FakeGoogle } from '../../../e2e/fakes/google-oauth';
import { startImapProxy, type ImapProxy } from '../../../e2e/fakes/imap-proxy';
import { startSmtpSink } from '../../../e2e/fakes/smtp-sink';
import { createMailboxOutcomes } from '../../campaigns/node/mailbox-outcomes';
import { createCampaignStore } from '../../campaigns/node/campaign-store';
import { dispatch } from '../../ipc/common/dispatch';
import { createSuppressionStore } from '../../lists/node/suppression-store';
import { openDatabase } from '../../storage/node/database';
import { systemClock } from '../../storage/node/ports';
import { handlersWithMemoryStores } from '../../test-support/testing-handlers';
import { createHandlers } from '../../handlers/node/handlers';
import { createKeychainKeeper } from '../../secrets/node/secret-keeper';
import { createMemoryStore, createTestCipher } from '../../test-support/memory-ports';
import { MAILBOX_PROBLEM_WORDS } from '../common/mailbox-diagnosis';
import type { BounceOutcome, MailboxOutcomeSink, SentRow } from '../common/match-report';
import { createMemoryWatcherStateStore, MailboxWatcher, type MailboxError, type MailboxWatcherOptions, type SetTimer, type WatcherStateStore } from './mailbox-watcher';
import { callerOf } from '../../test-support/handler-calls';

const missing = dovecotMissing();
if (missing) console.log(`Skipping the mailbox watching tests: ${missing}`);

const HOUR = 3600_000;
const WINDOW = 72 * HOUR;
const SENT_AT = Date.parse('2026-11-30T01:00:00Z');
const USERS = ['idle', 'poll', 'restart', 'svc'].map((user) => ({ user, pass: `pw-${user}-Wt52` }));
const GOOGLE_EMAIL = 'hanbit.office@gmail.com';
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const rfc822Date = (ms: number) => new Date(ms).toUTCString().replace('GMT', '+0000');

/** Ten sent rows, each with the Message-ID the server accepted. */
const ROWS: readonly SentRow[] = Array.from({ length: 10 }, (_, i) => ({ campaignId: 'camp-w', memberIndex: i, email: `m${i}@club.test`, messageId: `<watch-${i}@school.test>`, sentAt: new Date(SENT_AT).toISOString() }));

/** A real RFC 3464 report (sisimai's) about our message to member `i`. */
function bounceFor(i: number): string {
  return fixture('sisimai-rfc3464-01.eml')
    .replaceAll('userunknown@bouncehammer.jp', `m${i}@club.test`)
    .replaceAll('<E1C50F1B-1C83-4820-BC36-AC6FBFBE8568@example.org>', `<watch-${i}@school.test>`)
    .replace('<201310160515.r9G5FZh9018575@smtpgw.example.jp>', `<watch-dsn-${i}@mx.club.test>`)
    .replaceAll('Wed, 16 Oct 2013 14:15:35 +0900', rfc822Date(SENT_AT + HOUR));
}

/** A clock whose time moves only when the test says; timers fire when it passes them. */
function fakeClock(start: number) {
  let now = start;
  const timers = new Set<{ at: number; fire: () => void }>();
  const requested: number[] = [];
  const setTimer: SetTimer = (fire, ms) => {
    const timer = { at: now + ms, fire };
    timers.add(timer);
    requested.push(ms);
    return () => void timers.delete(timer);
  };
  return {
    now: () => new Date(now),
    setTimer,
    /** Pauses asked for so far (ms), in order. */
    requested,
    /** Timers waiting now. */
    waiting: () => timers.size,
    advance(ms: number) {
      now += ms;
      for (const timer of [...timers]) {
        if (timer.at <= now) {
          timers.delete(timer);
          timer.fire();
        }
      }
    },
  };
}

/** A sink that records every call (a repeat shows up as a second call). */
function recordingSink() {
  const bounces: Array<{ memberIndex: number; outcome: BounceOutcome }> = [];
  const sink: MailboxOutcomeSink = {
    recordBounce: async (_campaignId, memberIndex, outcome) => void bounces.push({ memberIndex, outcome }),
    recordUnsubscribe: async () => undefined,
  };
  return { sink, bounces, members: () => bounces.map((b) => b.memberIndex).sort((a, b) => a - b) };
}

const waitFor = <T>(check: () => T) => vi.waitFor(check, { timeout: 60_000, interval: 20 });

describe.skipIf(missing !== null)('mailbox watching over time, and XOAUTH2, against Dovecot', () => {
  let server: DovecotServer;
  let google: FakeGoogle;
  beforeAll(async () => {
    google = await startFakeGoogle({ email: GOOGLE_EMAIL });
    server = await startDovecot([...USERS, { user: GOOGLE_EMAIL, pass: 'pw-google-admin-Wt52' }], { oauth2IntrospectionUrl: `${google.origin}/oauth2/v3/userinfo` });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await google?.stop();
  });

  const append = async (user: string, ...raws: string[]) => {
    const pass = USERS.find((u) => u.user === user)?.pass ?? 'pw-google-admin-Wt52';
    const client = new ImapFlow({ host: server.host, port: server.port, secure: false, doSTARTTLS: true, tls: { ca: [server.ca] }, auth: { user, pass }, logger: false });
    await client.connect();
    for (const raw of raws) await client.append('INBOX', raw.replace(/\r?\n/g, '\r\n'));
    await client.logout();
  };
  const options = (user: string, proxy: ImapProxy, extra: Partial<MailboxWatcherOptions> = {}): MailboxWatcherOptions => ({
    host: server.host,
    port: proxy.port,
    security: 'none',
    auth: { kind: 'password', user, pass: USERS.find((u) => u.user === user)!.pass },
    since: new Date(SENT_AT - HOUR),
    ...extra,
  });
  // Sent rows as the database gives them: only those sent since the date asked for.
  const rows = { sentRowsSince: async (since: Date) => ROWS.filter((row) => Date.parse(row.sentAt) >= since.getTime()) };

  it('IDLE path: reports over three days applied once each; a cut and refused connections are survived with a growing pause; watching ends with the (extended) window', async () => {
    const proxy = await startImapProxy(server.port);
    const clock = fakeClock(SENT_AT);
    const { sink, bounces, members } = recordingSink();
    const errors: MailboxError[] = [];
    let checks = 0;
    let end = SENT_AT + WINDOW;
    const watcher = new MailboxWatcher(options('idle', proxy, { pollMs: 10 * 60_000 }), {
      sink,
      rows,
      state: createMemoryWatcherStateStore(),
      now: clock.now,
      setTimer: clock.setTimer,
      until: () => end,
      // As the service gives it: the send stays matchable for as long as it is watched.
      windowMs: () => Math.max(WINDOW, end - SENT_AT),
      onError: (e) => errors.push(e),
      onCheck: () => (checks += 1),
    });
    const ended = watcher.start();
    try {
      await waitFor(() => expect(checks).toBeGreaterThanOrEqual(1));
      // Day by day: time passes (the longest IDLE ends, a fresh check), then a report arrives during IDLE.
      for (const [day, member] of [0, 1, 2].entries()) {
        clock.advance(20 * HOUR);
        await waitFor(() => expect(proxy.idles()).toBeGreaterThanOrEqual(day + 1));
        await append('idle', bounceFor(member));
        await waitFor(() => expect(bounces).toHaveLength(day + 1));
      }
      expect(members()).toEqual([0, 1, 2]);
      expect(errors).toEqual([]);

      // The network is cut while idling, and the next two connections are refused: the pause doubles.
      const connectionsBefore = proxy.connections();
      const pausesBefore = clock.requested.length;
      proxy.refuseNext(2);
      proxy.dropAll();
      await waitFor(() => expect(errors).toHaveLength(1));
      await waitFor(() => expect(clock.requested.length).toBeGreaterThan(pausesBefore));
      expect(clock.requested.at(-1)).toBe(2000);
      clock.advance(2000);
      await waitFor(() => expect(errors).toHaveLength(2));
      await waitFor(() => expect(clock.requested.at(-1)).toBe(4000));
      expect(errors.every((e) => e.problem === 'connection')).toBe(true);
      clock.advance(4000);
      await waitFor(() => expect(proxy.open()).toBe(1));
      expect(proxy.connections()).toBe(connectionsBefore + 3);
      await append('idle', bounceFor(3));
      await waitFor(() => expect(bounces).toHaveLength(4));
      expect(members()).toEqual([0, 1, 2, 3]);

      // 72 hours after the send the window would end; the user extended it by a day, so it goes on, and the
      // send is still matched (its row is older than 72 hours now).
      end += 24 * HOUR;
      const checksBefore = checks;
      clock.advance(SENT_AT + WINDOW + HOUR - clock.now().getTime());
      await waitFor(() => expect(checks).toBeGreaterThan(checksBefore));
      expect(watcher.watching).toBe(true);
      await append('idle', bounceFor(4));
      await waitFor(() => expect(bounces).toHaveLength(5));

      // At the extended end it stops by itself and logs out.
      clock.advance(end - clock.now().getTime());
      await ended;
      expect(watcher.watching).toBe(false);
      await waitFor(() => expect(proxy.open()).toBe(0));
      expect(clock.waiting()).toBe(0);
      expect(members()).toEqual([0, 1, 2, 3, 4]);
    } finally {
      await watcher.stop();
      await proxy.close();
    }
  }, 180_000);

  it('polling path (a server without IDLE): a report is read at the next poll; stopped by the user, it reads nothing more', async () => {
    const proxy = await startImapProxy(server.port, { hideIdle: true });
    const clock = fakeClock(SENT_AT);
    const { sink, bounces, members } = recordingSink();
    let checks = 0;
    const pollMs = 5 * 60_000;
    const watcher = new MailboxWatcher(options('poll', proxy, { pollMs }), { sink, rows, state: createMemoryWatcherStateStore(), now: clock.now, setTimer: clock.setTimer, until: () => SENT_AT + WINDOW, onCheck: () => (checks += 1) });
    void watcher.start();
    try {
      await waitFor(() => expect(clock.waiting()).toBe(1));
      for (const member of [5, 6]) {
        await append('poll', bounceFor(member));
        const before = checks;
        clock.advance(pollMs);
        await waitFor(() => expect(checks).toBe(before + 1));
        await waitFor(() => expect(clock.waiting()).toBe(1));
      }
      expect(members()).toEqual([5, 6]);
      expect(clock.requested.every((ms) => ms === pollMs)).toBe(true);
      expect(proxy.idles()).toBe(0);

      await watcher.stop();
      expect(watcher.watching).toBe(false);
      await waitFor(() => expect(proxy.open()).toBe(0));
      await append('poll', bounceFor(7));
      clock.advance(10 * pollMs);
      expect(clock.waiting()).toBe(0);
      expect(proxy.open()).toBe(0);
      expect(bounces).toHaveLength(2);
    } finally {
      await watcher.stop();
      await proxy.close();
    }
  }, 120_000);

  it('a restart keeps the position (SQLite): the new watcher fetches only new messages and counts nothing twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailroom-watching-'));
    const file = join(dir, 'mailroom.sqlite3');
    const stateIn = (database: ReturnType<typeof openDatabase>): WatcherStateStore => {
      const outcomes = createMailboxOutcomes({ database, campaigns: createCampaignStore(database, systemClock), suppression: createSuppressionStore(database, systemClock), journalDir: dir, clock: systemClock, emit: () => undefined });
      return { load: async () => outcomes.loadState('acc-restart'), save: async (state) => outcomes.saveState('acc-restart', state) };
    };
    const proxy = await startImapProxy(server.port);
    const { sink, bounces, members } = recordingSink();
    try {
      await append('restart', bounceFor(0), bounceFor(1));
      let database = openDatabase(file);
      const clock = fakeClock(SENT_AT);
      const first = new MailboxWatcher(options('restart', proxy), { sink, rows, state: stateIn(database), now: clock.now, setTimer: clock.setTimer, until: () => SENT_AT + WINDOW });
      void first.start();
      await waitFor(() => expect(bounces).toHaveLength(2));
      await first.stop();
      database.close();

      await append('restart', bounceFor(2));
      database = openDatabase(file);
      proxy.fetches.length = 0;
      const second = new MailboxWatcher(options('restart', proxy), { sink, rows, state: stateIn(database), now: clock.now, setTimer: clock.setTimer, until: () => SENT_AT + WINDOW });
      void second.start();
      await waitFor(() => expect(bounces).toHaveLength(3));
      await second.stop();
      database.close();
      expect(members()).toEqual([0, 1, 2]);
      const fetchedUids = proxy.fetches.flatMap((line) => (/FETCH ([\d,:*]+)/i.exec(line)?.[1] ?? '').split(/[,:]/));
      expect(fetchedUids.length).toBeGreaterThan(0);
      expect(fetchedUids).toEqual(fetchedUids.map(() => '3'));
    } finally {
      await proxy.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('XOAUTH2: a Google account logs in with a token refreshed through the token endpoint; a revoked grant is diagnosed (ko/en), sending is unaffected, no token is ever written', async () => {
    const events: string[] = [];
    const visits: Promise<unknown>[] = [];
    const { handlers } = handlersWithMemoryStores({
      emit: (event, payload) => {
        events.push(`${event} ${JSON.stringify(payload)}`);
        if (event === 'oauth:consent') visits.push(pressOnConsentPage((payload as { url: string }).url, 'Allow'));
      },
      oauth: { gmailApiBase: google.apiBase },
    });
    const outputs: string[] = [];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const call = async (channel: string, input?: unknown): Promise<any> => {
      const result = await dispatch(handlers, channel as never, input);
      outputs.push(JSON.stringify(result));
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value;
    };
    const connected = await call('oauth:connect', { clientJson: google.clientJson(), sendMethod: 'smtp-xoauth2', label: 'Google', fromName: '행정실' });
    await Promise.all(visits);
    const accountId = connected.account.id as string;
    await call('mailbox:set-server', { id: accountId, server: { host: server.host, port: server.port, security: 'none' } });
    await append(GOOGLE_EMAIL, bounceFor(9));

    // The access token from consent was ended early at Google: Dovecot refuses it, the watcher asks for a
    // fresh one (a refresh_token grant at the token endpoint) and logs in with that.
    google.expireAccessTokens();
    const refreshesBefore = google.tokenRequests.filter((r) => r.grantType === 'refresh_token' && r.ok).length;
    const introspectionsBefore = google.userinfoRequests.length;
    const checked = await call('mailbox:check', { id: accountId });
    expect(checked).toMatchObject({ ok: true, summary: { sourcesFetched: 1, unmatched: 1 } });
    expect(google.tokenRequests.filter((r) => r.grantType === 'refresh_token' && r.ok).length).toBe(refreshesBefore + 1);
    expect(google.userinfoRequests.slice(introspectionsBefore).map((r) => r.ok)).toEqual([false, true]);

    // The grant is revoked: the check is diagnosed, in both languages, and says sending is left alone.
    google.revokeAll();
    expect(await call('mailbox:check', { id: accountId })).toEqual({ ok: false, problem: 'oauth-grant' });
    expect(MAILBOX_PROBLEM_WORDS['oauth-grant'].ko).toContain('Google에 다시 연결');
    expect(MAILBOX_PROBLEM_WORDS['oauth-grant'].en).toContain('Reconnect it to Google');
    expect(google.tokenRequests.at(-1)).toEqual({ grantType: 'refresh_token', ok: false });

    // Another account still sends a campaign to a real SMTP server afterwards.
    const smtp = await startSmtpSink({ security: 'none', users: { office: 'pw-office-Wt52' } });
    try {
      const office = await call('accounts:save', { label: 'Office', host: '127.0.0.1', port: smtp.port, security: 'none', username: 'office', password: 'pw-office-Wt52', fromAddress: 'office@school.test', fromName: '행정실' });
      const list = await call('lists:paste', { name: 'Club', text: 'a@club.test\nb@club.test' });
      const created = await call('campaigns:create', { accountId: office.id, listId: list.list.id, template: { inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject: 'Hello', content: 'Dear member' } }, perMinute: 6000 });
      await call('campaigns:start', { id: created.id });
      await waitFor(async () => expect((await call('campaigns:get', { id: created.id })).campaign.status).toBe('completed'));
      expect(smtp.messages).toHaveLength(2);
    } finally {
      await smtp.close();
    }

    const written = [...events, ...outputs].join('\n');
    const secrets = [...google.issuedAccessTokens, ...google.issuedRefreshTokens];
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    for (const secret of secrets) expect(written).not.toContain(secret);
  }, 180_000);

  it('the service starts a watcher when a campaign is sent, applies a report pushed over IDLE, stops and extends as the admin says, and ends it 72 hours after the last send', async () => {
    const smtp = await startSmtpSink({ security: 'none', users: { svc: USERS.find((u) => u.user === 'svc')!.pass } });
    let offset = 0;
    const closers: Array<() => Promise<void>> = [];
    const dir = mkdtempSync(join(tmpdir(), 'mailroom-watching-svc-'));
    const stores = new Map<string, ReturnType<typeof createMemoryStore>>();
    const handlers = createHandlers({
      openStore: (name) => stores.get(name) ?? (stores.set(name, createMemoryStore()), stores.get(name)!),
      secrets: createKeychainKeeper({ ...createTestCipher(), protection: 'keychain:test' }),
      emit: () => undefined,
      clock: { now: () => Date.now() + offset },
      host: 'web',
      version: '0.0.0-test',
      journalDir: dir,
      dataDir: dir,
      watchMailboxes: true,
      onClose: (close) => void closers.push(close),
    });
    const call = callerOf(handlers);
    try {
      const pass = USERS.find((u) => u.user === 'svc')!.pass;
      const account = await call('accounts:save', { label: 'Office', host: '127.0.0.1', port: smtp.port, security: 'none', username: 'svc', password: pass, fromAddress: 'svc@school.test', fromName: '행정실' });
      await call('mailbox:set-server', { id: account.id, server: { host: server.host, port: server.port, security: 'none' } });
      expect((await call('mailbox:status', { id: account.id })).watching).toBe(false);
      const list = await call('lists:paste', { name: 'Club', text: 'a@club.test\nb@club.test' });
      const created = await call('campaigns:create', { accountId: account.id, listId: list.list.id, template: { inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject: 'Hello', content: 'Dear member' } }, perMinute: 6000 });
      await call('campaigns:start', { id: created.id });
      await waitFor(async () => expect((await call('campaigns:get', { id: created.id })).campaign.status).toBe('completed'));
      await waitFor(async () => expect((await call('mailbox:status', { id: created.id })).watching).toBe(true));

      const rowsSent = (await call('campaigns:get', { id: created.id })).rows as Array<{ email: string; messageId: string }>;
      const reportAbout = (i: number) =>
        bounceFor(0).replaceAll('m0@club.test', rowsSent[i]!.email).replaceAll('<watch-0@school.test>', rowsSent[i]!.messageId).replace('<watch-dsn-0@mx.club.test>', `<svc-dsn-${i}@mx.club.test>`).replaceAll(rfc822Date(SENT_AT + HOUR), rfc822Date(Date.now()));
      await append('svc', reportAbout(0));
      await waitFor(async () => expect((await call('campaigns:get', { id: created.id })).rows[0].status).toBe('bounced'));

      // The admin stops watching: the watcher ends at once. "One more day" watches again, to the send's own window's end.
      const stopped = await call('mailbox:watch', { id: created.id, action: 'stop' });
      expect(stopped.watching).toBe(false);
      expect(stopped.watchUntil).toBeNull();
      const again = await call('mailbox:watch', { id: created.id, action: 'extend' });
      expect(again.watching).toBe(true);
      const windowEnd = Date.parse(again.watchUntil);
      expect(windowEnd).toBeGreaterThan(Date.now() + offset + WINDOW - HOUR);

      // Three days and a minute later the next wake-up (new mail) finds the window over: watching ends.
      offset += WINDOW + 60_000;
      await append('svc', reportAbout(1));
      await waitFor(async () => expect((await call('mailbox:status', { id: created.id })).watching).toBe(false));
      expect((await call('campaigns:get', { id: created.id })).counts).toMatchObject({ sent: 1, bounced: 1 });
      // After the window, "one more day" watches from now for a day; "stop" ends it again.
      const extended = await call('mailbox:watch', { id: created.id, action: 'extend' });
      expect(extended.watching).toBe(true);
      expect(Date.parse(extended.watchUntil)).toBeGreaterThanOrEqual(Date.now() + offset + 23 * HOUR);
      expect((await call('mailbox:watch', { id: created.id, action: 'stop' })).watching).toBe(false);
    } finally {
      for (const close of closers) await close();
      await smtp.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
