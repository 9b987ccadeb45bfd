/** Campaigns through the handler table: create from compose, start, stream progress, finish, reload rows. */
/* eslint-disable @typescript-eslint/no-explicit-any -- the test reads fields of many channels' outputs */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../../e2e/fakes/smtp-sink';
import { appendFileSync, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE_NAME, openDatabase } from '../../storage/node/database';
import { dispatch } from '../../ipc/common/dispatch';
import { journalFileFor } from './campaign-journal';
import { campaignLockFile } from './campaign-lock';
import { handlersWithMemoryStores } from '../../test-support/testing-handlers';
import { callerOf, saveRelayAccount, settledDetail, until } from '../../test-support/handler-calls';

let sink: SmtpSink;
/** Whether the fake refuses the `gone…` mailbox (it "comes back" later in a test). */
let goneRefused = true;
beforeAll(async () => {
  sink = await startSmtpSink({
    security: 'none',
    script: { rcptTo: (address) => (goneRefused && address.startsWith('gone') ? { code: 550, text: '5.1.1 The email account that you tried to reach does not exist.' } : undefined) },
  });
});
afterAll(() => sink.close());

/** What a crash mid-send leaves in the database: the campaign still marked running. */
function markRunning(dataDir: string, id: string): void {
  const database = openDatabase(join(dataDir, DATABASE_FILE_NAME));
  database.write(() => database.db.prepare("UPDATE campaigns SET status = 'running' WHERE id = ?").run(id));
  database.close();
}

describe('campaigns through the handlers', () => {
  it('sends a created campaign, streams progress, and reports every row', async () => {
    const events: any[] = [];
    const { handlers, journalDir } = handlersWithMemoryStores({ emit: (event, payload) => event === 'campaigns:progress' && events.push(payload) });
    const call = callerOf(handlers);
    const account = await saveRelayAccount(call, sink.port);
    const text = Array.from({ length: 30 }, (_, i) => `Member ${i} <${i === 7 ? 'gone' : 'm'}${i}@club.test>`).join('\n');
    const list = await call('lists:paste', { name: 'Club', text });
    const created = await call('campaigns:create', {
      accountId: account.id,
      listId: list.list.id,
      template: { inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject: 'Hello {{name}}', content: 'Dear {{name}}' } },
      perMinute: 6000,
    });
    expect(created.recipients).toBe(30);
    expect((await call('campaigns:start', { id: created.id })).status).toBe('running');

    const detail = await settledDetail(call, created.id);
    expect(detail.campaign.status).toBe('completed');
    expect(detail.counts).toMatchObject({ sent: 29, failed: 1, queued: 0, sending: 0 });
    const gone = detail.rows.find((r: any) => r.email === 'gone7@club.test');
    expect(gone).toMatchObject({ status: 'failed', diagnosis: 'recipient-rejected' });
    expect(gone.detail).toContain('5.1.1');
    // The row carries the whole failure, for its explanation on selection.
    expect(gone.failure).toMatchObject({ diagnosis: 'recipient-rejected', responseCode: 550, command: 'RCPT TO' });
    expect(detail.presetId).toBe('custom');
    expect(detail.rows.filter((r: any) => r.status === 'sent').every((r: any) => r.messageId && r.detail.startsWith('250'))).toBe(true);
    expect(sink.messages.map((m) => m.rcptTo[0]).sort()).toHaveLength(29);

    // The view pages its rows: any window equals the same slice of every row; a state's window holds only that state, in order.
    expect(detail.total).toBe(30);
    for (const [offset, limit] of [[0, 10], [25, 10], [7, 1], [30, 5]] as const) {
      const page = await call('campaigns:get', { id: created.id, offset, limit });
      expect(page.rows).toEqual(detail.rows.slice(offset, offset + limit));
      expect(page.total).toBe(30);
    }
    const sentRows = detail.rows.filter((r: any) => r.status === 'sent');
    const sentPage = await call('campaigns:get', { id: created.id, status: 'sent', offset: 5, limit: 10 });
    expect(sentPage.total).toBe(29);
    expect(sentPage.rows).toEqual(sentRows.slice(5, 15));
    const failedPage = await call('campaigns:get', { id: created.id, status: 'failed', offset: 0, limit: 100 });
    expect(failedPage.rows.map((r: any) => r.email)).toEqual(['gone7@club.test']);
    expect((await dispatch(handlers, 'campaigns:get', { id: created.id, offset: 0, limit: 100_000 })).ok).toBe(false);
    expect(new Set(sink.messages.map((m) => m.rcptTo[0])).size).toBe(29);

    // Progress came as batches of changed rows, and the last one says where the campaign ended.
    expect(events.length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ id: created.id, status: 'completed' });
    expect((await call('campaigns:list'))[0]).toMatchObject({ id: created.id, status: 'completed', counts: { sent: 29, failed: 1, queued: 0 } });
    // A finished campaign does not start again.
    expect((await dispatch(handlers, 'campaigns:start', { id: created.id })).ok).toBe(false);

    // The export holds every row with the columns the table shows, in UTF-8 with a BOM.
    const csv = await call('campaigns:export', { id: created.id });
    expect(csv.content.startsWith('\ufeffemail,name,status,diagnosis,reply,messageId,at')).toBe(true);
    expect(csv.content.trim().split('\n')).toHaveLength(31);
    expect(csv.content).toContain('gone7@club.test,Member 7,failed,recipient-rejected');

    expect(gone.attempts).toBe(1);
    expect(csv.content.split(/\r?\n/)[0]!.endsWith(',at,bounce,attempts')).toBe(true);

    // "Retry failed" leaves out a permanent failure (5.1.1) unless the admin includes it, and says so.
    const leftOut = await dispatch(handlers, 'campaigns:requeue', { id: created.id, which: 'failed' });
    expect(leftOut.ok).toBe(false);
    if (!leftOut.ok) expect(leftOut.error.message).toContain('address is gone or wrong');
    // Included, it sends exactly the failed row again once the mailbox exists; the row counts both tries.
    goneRefused = false;
    expect((await call('campaigns:requeue', { id: created.id, which: 'failed', includePermanent: true })).status).toBe('running');
    const retried = await settledDetail(call, created.id);
    expect(retried.counts).toMatchObject({ sent: 30, failed: 0 });
    expect(retried.rows.find((r: any) => r.email === 'gone7@club.test')).toMatchObject({ status: 'sent', attempts: 2 });
    expect((await call('campaigns:export', { id: created.id })).content).toMatch(/gone7@club\.test,Member 7,sent,.*,2\r?\n/);
    expect(sink.messages.filter((m) => m.rcptTo[0] === 'gone7@club.test')).toHaveLength(1);
    expect(new Set(sink.messages.map((m) => m.rcptTo[0])).size).toBe(sink.messages.length);
    expect((await dispatch(handlers, 'campaigns:requeue', { id: created.id, which: 'unknown' })).ok).toBe(false);

    // The history and the rows come from the database: with the journal moved away they read the same.
    const journal = journalFileFor(journalDir, created.id);
    renameSync(journal, `${journal}.away`);
    expect((await call('campaigns:list'))[0]).toMatchObject({ id: created.id, counts: { sent: 30, failed: 0, queued: 0 } });
    expect((await call('campaigns:get', { id: created.id })).rows.every((r: any) => r.status === 'sent')).toBe(true);
    renameSync(`${journal}.away`, journal);
  });

  it('cancels a campaign that has not started: every row cancelled, nothing sent', async () => {
    const { handlers } = handlersWithMemoryStores();
    const call = callerOf(handlers);
    const before = sink.messages.length;
    const account = await saveRelayAccount(call, sink.port);
    const list = await call('lists:paste', { name: 'Club', text: 'a@club.test, b@club.test' });
    const created = await call('campaigns:create', { accountId: account.id, listId: list.list.id, template: { inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject: 'Hi', content: 'Hi' } } });
    expect((await call('campaigns:cancel', { id: created.id })).status).toBe('cancelled');
    expect((await call('campaigns:get', { id: created.id })).counts).toMatchObject({ cancelled: 2, sent: 0 });
    expect(sink.messages.length).toBe(before);
  });

  it('after a crash mid-campaign, a restart resumes it: the row caught mid-hand-over is unknown, nobody gets it twice', async () => {
    const first = handlersWithMemoryStores();
    const before = callerOf(first.handlers);
    const account = await saveRelayAccount(before, sink.port);
    const list = await before('lists:paste', { name: 'Crash', text: Array.from({ length: 12 }, (_, i) => `crash${i}@club.test`).join('\n') });
    const created = await before('campaigns:create', {
      accountId: account.id,
      listId: list.list.id,
      template: { inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject: 'Hi', content: 'Hi' } },
      // One a second: the pause must arrive while most of the twelve are still queued.
      perMinute: 60,
    });
    // Send a few, stop, then leave what a crash leaves: status "running" and a row journalled as being handed over.
    await before('campaigns:start', { id: created.id });
    await until(() => before('campaigns:get', { id: created.id }), (d: any) => d.counts.sent >= 3);
    await before('campaigns:pause', { id: created.id });
    const paused = await until(() => before('campaigns:get', { id: created.id }), (d: any) => d.campaign.status === 'paused');
    // The first run lets go of the campaign's lock as it closes, just after the status reads paused.
    await until(async () => existsSync(campaignLockFile(first.journalDir, created.id)), (held) => !held);
    const caught = paused.rows.find((r: any) => r.status === 'queued');
    appendFileSync(journalFileFor(first.journalDir, created.id), `${JSON.stringify({ i: caught.index, s: { status: 'sending', attempt: 1, messageId: '<caught@test>', at: Date.now() } })}\n{"i":`);
    markRunning(first.dataDir, created.id);

    const restarted = handlersWithMemoryStores({ restartOf: { stores: first.stores, journalDir: first.journalDir, dataDir: first.dataDir } });
    const after = callerOf(restarted.handlers);
    const done = await until(() => after('campaigns:get', { id: created.id }), (d: any) => d.campaign.status === 'completed');
    expect(done.counts).toMatchObject({ sent: 11, unknown: 1, queued: 0, sending: 0 });
    expect(done.rows[caught.index]).toMatchObject({ status: 'unknown', email: caught.email });
    const received = sink.messages.map((m) => m.rcptTo[0]).filter((to) => to?.startsWith('crash'));
    expect(received).toHaveLength(11);
    expect(new Set(received).size).toBe(11);
    expect(received).not.toContain(caught.email);
  });

  it('sends one campaign per account at a time: a second start is refused with the reason', async () => {
    const { handlers } = handlersWithMemoryStores();
    const call = callerOf(handlers);
    const account = await saveRelayAccount(call, sink.port);
    const list = await call('lists:paste', { name: 'Two', text: Array.from({ length: 40 }, (_, i) => `two${i}@club.test`).join('\n') });
    const template = { inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject: 'First', content: 'Hi' } };
    // Paced at 60 a minute, the first campaign is still sending when the second is started.
    const first = await call('campaigns:create', { accountId: account.id, listId: list.list.id, template, perMinute: 60 });
    const second = await call('campaigns:create', { accountId: account.id, listId: list.list.id, template });
    await call('campaigns:start', { id: first.id });
    const refused = await dispatch(handlers, 'campaigns:start', { id: second.id });
    expect(refused.ok).toBe(false);
    // The campaign sending is named by its name (the subject and its date).
    if (!refused.ok) expect(refused.error.message).toMatch(/^Another campaign \("First · [^"]+"\) is sending through Relay/);
    expect((await call('campaigns:get', { id: second.id })).campaign.status).toBe('ready');
    await call('campaigns:pause', { id: first.id });
    await until(() => call('campaigns:get', { id: first.id }), (d: any) => d.campaign.status === 'paused');
    expect((await call('campaigns:start', { id: second.id })).status).toBe('running');
    await call('campaigns:cancel', { id: second.id });
  });

  it('a campaign caught mid-send while passwords are locked waits, paused, and resumes once the passphrase is entered', async () => {
    const first = handlersWithMemoryStores({ passphrase: true });
    const before = callerOf(first.handlers);
    await before('secrets:unlock', { passphrase: 'correct horse battery' });
    const account = await saveRelayAccount(before, sink.port, { username: 'u', password: 'relay-password' });
    const list = await before('lists:paste', { name: 'Locked', text: Array.from({ length: 6 }, (_, i) => `locked${i}@club.test`).join('\n') });
    const created = await before('campaigns:create', { accountId: account.id, listId: list.list.id, template: { inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject: 'Hi', content: 'Hi' } }, perMinute: 6000 });
    // What a crash before the first hand-over leaves: status "running", nothing sent.
    markRunning(first.dataDir, created.id);

    const restarted = handlersWithMemoryStores({ passphrase: true, restartOf: { stores: first.stores, journalDir: first.journalDir, dataDir: first.dataDir } });
    const after = callerOf(restarted.handlers);
    await until(() => after('campaigns:get', { id: created.id }), (d: any) => d.campaign.status === 'paused');
    expect(sink.messages.filter((m) => m.rcptTo[0]?.startsWith('locked'))).toHaveLength(0);
    await after('secrets:unlock', { passphrase: 'correct horse battery' });
    const done = await until(() => after('campaigns:get', { id: created.id }), (d: any) => d.campaign.status === 'completed');
    expect(done.counts).toMatchObject({ sent: 6, unknown: 0 });
    expect(sink.messages.filter((m) => m.rcptTo[0]?.startsWith('locked'))).toHaveLength(6);
  });
});
