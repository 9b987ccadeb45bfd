/** Compose's drafts through the real handler table: saved, listed, reopened after a restart, deleted. */
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read fields of the channels' outputs */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../ipc/common/dispatch';
import { handlersWithMemoryStores } from '../../test-support/testing-handlers';
import { callerOf } from '../../test-support/handler-calls';

const data = {
  accountId: 'a1',
  listId: 'l1',
  templateId: 'inline',
  inline: { contentType: 'text/plain' as const, subject: '{{이름}}님, 총회 안내', content: '{{기수}}기 회비 {{회비}}원' },
  replyTo: '',
  excluded: ['x@school.kr'],
  perMinute: '10',
};

describe('drafts through the handlers', () => {
  it('keeps a draft across a restart of the host, updates it in place, and deletes it', async () => {
    let now = Date.parse('2026-11-30T06:00:00Z');
    const clock = { now: () => now };
    const first = handlersWithMemoryStores({ clock });
    const call = callerOf(first.handlers);
    const saved = await call('drafts:save', { title: '총회 안내', data });
    now += 1000;
    await call('drafts:save', { title: 'Other', data: { ...data, inline: { ...data.inline, subject: 'Other' } } });
    now += 1000;
    const updated = await call('drafts:save', { id: saved.id, title: '총회 안내 (2)', data: { ...data, perMinute: '12' } });
    expect(updated.id).toBe(saved.id);

    const restarted = callerOf(handlersWithMemoryStores({ clock, restartOf: first }).handlers);
    const listed = await restarted('drafts:list');
    expect(listed.map((d: any) => d.title)).toEqual(['총회 안내 (2)', 'Other']);
    expect(await restarted('drafts:get', { id: saved.id })).toEqual({ id: saved.id, title: '총회 안내 (2)', updatedAt: '2026-11-30T06:00:02.000Z', data: { ...data, perMinute: '12' } });

    await restarted('drafts:remove', { id: saved.id });
    expect((await restarted('drafts:list')).map((d: any) => d.title)).toEqual(['Other']);
    const gone = await dispatch(handlersWithMemoryStores({ clock, restartOf: first }).handlers, 'drafts:get', { id: saved.id });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('refuses a draft whose data is not what Compose keeps, and saves nothing', async () => {
    const call = callerOf(handlersWithMemoryStores().handlers);
    const { handlers } = handlersWithMemoryStores();
    const refused = await dispatch(handlers, 'drafts:save', { title: 'x', data: { ...data, inline: { contentType: 'text/markdown', subject: '', content: '' } } });
    expect(refused.ok).toBe(false);
    expect(await callerOf(handlers)('drafts:list')).toEqual([]);
    expect(await call('drafts:list')).toEqual([]);
  });
});
