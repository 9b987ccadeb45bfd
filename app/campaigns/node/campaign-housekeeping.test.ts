/**
 * Campaign names and housekeeping through the real handler table, with real mail to a loopback SMTP
 * server: the default name, rename, the CSV file name, duplicate into a draft, archive and restore,
 * delete with the journal and lock file, and the refusals for campaigns that have not finished.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- the test reads fields of many channels' outputs */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../../e2e/fakes/smtp-sink';
import { dispatch } from '../../ipc/common/dispatch';
import { handlersWithMemoryStores } from '../../test-support/testing-handlers';
import { nameDate } from '../common/campaign-name';
import { journalFileFor } from './campaign-journal';
import { campaignLockFile } from './campaign-lock';
import { callerOf } from '../../test-support/handler-calls';

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink({ security: 'none' });
});
afterAll(() => sink.close());

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  // Up to two minutes: these machines are shared and sometimes very busy.
  for (let i = 0; i < 4800; i += 1) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('timed out waiting');
}

async function setUp(language: 'ko' | 'en') {
  // The real clock: the engine paces by it.
  const harness = handlersWithMemoryStores();
  const call = callerOf(harness.handlers);
  const refusal = async (channel: string, input?: unknown): Promise<any> => {
    const result = await dispatch(harness.handlers, channel, input);
    if (result.ok) throw new Error(`${channel} was not refused`);
    return result.error;
  };
  await call('settings:save', { language, theme: 'system' });
  const account = await call('accounts:save', { label: 'Relay', host: '127.0.0.1', port: sink.port, security: 'none', username: '', fromAddress: 'office@school.test', fromName: 'Office' });
  const csv = '이름,이메일,기수\n김철수,kim@club.test,12\n이영희,lee@club.test,13\n박민수,park@club.test,14\n';
  const list = await call('lists:import', { fileName: 'members.csv', base64: Buffer.from(csv, 'utf8').toString('base64'), encoding: 'auto', name: '동문회', mapping: { address: 1, name: 0 } });
  const create = () =>
    call('campaigns:create', {
      accountId: account.id,
      listId: list.list.id,
      template: { inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject: '{{이름}}님께 {{기수}}기 총회 안내', content: '{{이름}}님, 안녕하세요.' } },
      perMinute: 6000,
    });
  return { ...harness, call, refusal, account, list, create };
}

describe('campaign names and housekeeping', () => {
  it('writes the date in the language the page shows when it says one (browser host, language "system"), whatever the setting', async () => {
    const { call, refusal, account, list } = await setUp('en');
    const input = {
      accountId: account.id,
      listId: list.list.id,
      template: { inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject: '{{이름}}님께 안내', content: '안녕하세요.' } },
      perMinute: 6000,
    };
    await call('campaigns:create', { ...input, locale: 'ko-KR' });
    const [summary] = await call('campaigns:list');
    expect(summary.name).toBe(`김철수님께 안내 · ${nameDate(summary.createdAt, 'ko-KR')}`);
    expect(summary.name).not.toBe(`김철수님께 안내 · ${nameDate(summary.createdAt, 'en')}`);
    expect((await refusal('campaigns:create', { ...input, locale: 'ko KR; drop' })).code).toBe('invalid-input');
  });

  it('names a campaign by its first member’s subject and the date in the admin’s language; rename shows everywhere, the CSV file too', async () => {
    const { call, refusal, create } = await setUp('ko');
    const created = await create();
    const [summary] = await call('campaigns:list');
    expect(summary.name).toBe(`김철수님께 12기 총회 안내 · ${nameDate(summary.createdAt, 'ko')}`);
    expect(summary.subject).toBe('{{이름}}님께 {{기수}}기 총회 안내');
    expect((await call('campaigns:get', { id: created.id, offset: 0, limit: 1 })).campaign.name).toBe(summary.name);

    const renamed = await call('campaigns:rename', { id: created.id, name: '  11월 정기총회\n공지 ' });
    expect(renamed.name).toBe('11월 정기총회 공지');
    expect((await call('campaigns:list'))[0].name).toBe('11월 정기총회 공지');
    expect((await call('campaigns:export', { id: created.id })).fileName).toBe('11월-정기총회-공지-results.csv');
    expect((await refusal('campaigns:rename', { id: created.id, name: ' \n ' })).message).toMatch(/needs a name/);
    expect((await refusal('campaigns:rename', { id: 'gone', name: 'x' })).code).toBe('not-found');
  });

  it('duplicates a campaign into a new draft Compose can open: the same account, list, message and pace', async () => {
    const { call, create, account, list } = await setUp('en');
    const created = await create();
    const draft = await call('campaigns:duplicate', { id: created.id });
    const drafts = await call('drafts:list');
    expect(drafts[0].id).toBe(draft.id);
    const opened = await call('drafts:get', { id: draft.id });
    expect(opened.data).toEqual({
      accountId: account.id,
      listId: list.list.id,
      templateId: 'inline',
      inline: { contentType: 'text/plain', subject: '{{이름}}님께 {{기수}}기 총회 안내', content: '{{이름}}님, 안녕하세요.' },
      replyTo: '',
      excluded: [],
      perMinute: '6000',
    });
    // The draft makes the same campaign again.
    const again = await call('campaigns:create', { accountId: account.id, listId: list.list.id, template: { inline: { name: 'x', usageType: 'Notice', ...opened.data.inline } }, perMinute: 6000 });
    expect(again.recipients).toBe(3);
  });

  it('refuses to archive or delete a campaign that has not finished, by what it is doing; archives, restores and deletes a finished one', async () => {
    const { call, refusal, create, journalDir } = await setUp('en');
    const created = await create();
    expect((await refusal('campaigns:delete', { id: created.id })).message).toBe('This campaign has not been sent yet, so it cannot be deleted.');
    await call('campaigns:schedule', { id: created.id, at: new Date(Date.now() + 86_400_000).toISOString() });
    expect((await refusal('campaigns:archive', { id: created.id, archived: true })).message).toBe('This campaign is scheduled to send, so it cannot be archived.');
    await call('campaigns:schedule', { id: created.id, at: null });

    await call('campaigns:start', { id: created.id });
    const done = await until(() => call('campaigns:get', { id: created.id }), (d: any) => d.campaign.status !== 'running');
    expect(done.counts.sent).toBe(3);
    expect(sink.messages.filter((m) => m.rcptTo[0]?.endsWith('club.test')).length).toBeGreaterThanOrEqual(3);

    const archived = await call('campaigns:archive', { id: created.id, archived: true });
    expect(archived.archivedAt).toBeDefined();
    expect(await call('campaigns:list')).toEqual([]);
    expect((await call('campaigns:list-archived')).map((c: any) => c.id)).toEqual([created.id]);
    await call('campaigns:archive', { id: created.id, archived: false });
    expect((await call('campaigns:list')).map((c: any) => c.id)).toEqual([created.id]);
    expect(await call('campaigns:list-archived')).toEqual([]);

    const journal = journalFileFor(journalDir, created.id);
    expect(existsSync(journal)).toBe(true);
    // A lock left by a process that is gone (stale) goes with it.
    writeFileSync(campaignLockFile(journalDir, created.id), JSON.stringify({ pid: 2 ** 22 + 7, host: hostname(), kind: 'cli', at: '2026-01-01T00:00:00Z' }));
    await call('campaigns:delete', { id: created.id });
    expect(existsSync(journal)).toBe(false);
    expect(existsSync(campaignLockFile(journalDir, created.id))).toBe(false);
    expect(await call('campaigns:list')).toEqual([]);
    expect((await refusal('campaigns:get', { id: created.id })).code).toBe('not-found');
    expect((await refusal('campaigns:delete', { id: created.id })).code).toBe('not-found');
  });

  it('a cancelled campaign can be deleted; one held by a live process is refused as busy and kept', async () => {
    const { call, refusal, create, journalDir } = await setUp('en');
    const created = await create();
    await call('campaigns:cancel', { id: created.id });
    writeFileSync(campaignLockFile(journalDir, created.id), JSON.stringify({ pid: process.pid, host: hostname(), kind: 'cli', at: new Date().toISOString() }));
    expect((await refusal('campaigns:delete', { id: created.id })).code).toBe('busy');
    expect((await call('campaigns:list')).map((c: any) => c.id)).toEqual([created.id]);
    rmSync(campaignLockFile(journalDir, created.id));
    await call('campaigns:delete', { id: created.id });
    expect(await call('campaigns:list')).toEqual([]);
  });
});
