/** `campaigns:history`: the history screen's page of campaigns, newest first, with the total, read from the campaigns table alone. */
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read fields of the channels' outputs */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../ipc/common/dispatch';
import { DATABASE_FILE_NAME, openDatabase } from '../../storage/node/database';
import { handlersWithMemoryStores } from '../../test-support/testing-handlers';

async function historyOf(campaignCount: number) {
  const { handlers, dataDir } = handlersWithMemoryStores();
  const call = async (channel: string, input?: unknown): Promise<any> => {
    const result = await dispatch(handlers, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
  const account = await call('accounts:save', { label: 'Relay', host: '127.0.0.1', port: 2525, security: 'none', username: '', password: '', fromAddress: 'office@alumni.test', fromName: '사무국' });
  const list = await call('lists:paste', { name: '동문', text: '김민수 <minsu@alumni.test>\n이서연 <seoyeon@alumni.test>\n박지훈 <jihun@alumni.test>' });
  const ids: string[] = [];
  for (let i = 0; i < campaignCount; i += 1) {
    const template = { inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject: `안내 ${i}`, content: '{{name}}님, 안내입니다.' } };
    ids.push((await call('campaigns:create', { accountId: account.id, listId: list.list.id, template, excluded: [], attachments: [], replyTo: '' })).id);
  }
  return { call, ids, dataDir };
}

describe('campaigns:history', () => {
  it('gives the page asked for, newest first, and the total', async () => {
    const { call, ids } = await historyOf(7);
    const newestFirst = [...ids].reverse();
    const first = await call('campaigns:history', { offset: 0, limit: 3 });
    expect(first.total).toBe(7);
    expect(first.campaigns.map((c: any) => c.id)).toEqual(newestFirst.slice(0, 3));
    expect(first.campaigns[0]).toMatchObject({ subject: '안내 6', recipients: 3, status: 'ready', counts: { queued: 3, sent: 0 } });
    const last = await call('campaigns:history', { offset: 6, limit: 3 });
    expect(last).toEqual({ campaigns: [expect.objectContaining({ id: ids[0] })], total: 7 });
    expect(await call('campaigns:history', { offset: 9, limit: 3 })).toEqual({ campaigns: [], total: 7 });
    // Every page together is the whole history, in the order `campaigns:list` gives it.
    const pages = [0, 3, 6].map((offset) => call('campaigns:history', { offset, limit: 3 }));
    expect((await Promise.all(pages)).flatMap((p) => p.campaigns)).toEqual(await call('campaigns:list'));
  });

  it('takes the counts from the campaigns table, never from the recipients', async () => {
    const { call, dataDir } = await historyOf(2);
    const database = openDatabase(join(dataDir, DATABASE_FILE_NAME));
    try {
      database.write(() => database.db.prepare('DELETE FROM recipients').run());
    } finally {
      database.close();
    }
    const page = await call('campaigns:history', { offset: 0, limit: 10 });
    expect(page.campaigns.map((c: any) => c.counts.queued)).toEqual([3, 3]);
  });

  it('refuses a page of no rows or more than the page limit', async () => {
    const { handlers } = handlersWithMemoryStores();
    for (const input of [{ offset: 0, limit: 0 }, { offset: -1, limit: 10 }, { offset: 0, limit: 101 }, undefined]) {
      const result = await dispatch(handlers, 'campaigns:history', input);
      expect(result.ok).toBe(false);
    }
  });
});
