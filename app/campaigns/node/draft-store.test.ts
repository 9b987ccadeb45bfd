/** The draft store over the drafts table. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openDatabase } from '../../storage/node/database';
import { createDraftStore } from './draft-store';

const steppingClock = () => {
  let t = Date.parse('2026-05-01T00:00:00Z');
  return { now: () => (t += 1000) };
};

describe('the draft store', () => {
  it('saves, lists newest first without data, reads back, updates in place and removes', () => {
    const drafts = createDraftStore(openDatabase(':memory:'), steppingClock());
    const first = drafts.save({ title: '운동회 안내', data: { listId: 'l1', subject: '안녕하세요', excluded: ['a@b.kr'] } });
    const second = drafts.save({ title: 'Second', data: { n: 2 } });
    expect(drafts.list()).toEqual([
      { id: second.id, title: 'Second', updatedAt: second.updatedAt },
      { id: first.id, title: '운동회 안내', updatedAt: first.updatedAt },
    ]);
    expect(drafts.get(first.id)).toEqual(first);
    const updated = drafts.save({ id: first.id, title: '운동회 안내 (수정)', data: { subject: '변경' } });
    expect(updated.updatedAt > second.updatedAt).toBe(true);
    expect(drafts.list().map((d) => d.id)).toEqual([first.id, second.id]);
    expect(drafts.get(first.id)).toEqual({ id: first.id, title: '운동회 안내 (수정)', updatedAt: updated.updatedAt, data: { subject: '변경' } });
    drafts.remove(first.id);
    drafts.remove(first.id);
    expect(drafts.get(first.id)).toBeUndefined();
    expect(drafts.list().map((d) => d.id)).toEqual([second.id]);
  });

  it('a draft saved with a chosen id that is new is created (upsert)', () => {
    const drafts = createDraftStore(openDatabase(':memory:'), steppingClock());
    expect(drafts.save({ id: 'compose-1', title: 't', data: null }).id).toBe('compose-1');
    expect(drafts.get('compose-1')?.data).toBeNull();
  });

  it('any JSON data comes back exactly as saved (property)', () => {
    const drafts = createDraftStore(openDatabase(':memory:'), steppingClock());
    fc.assert(
      fc.property(fc.string(), fc.jsonValue(), (title, data) => {
        const saved = drafts.save({ title, data });
        expect(drafts.get(saved.id)).toEqual({ ...saved, data: JSON.parse(JSON.stringify(data)) as unknown });
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});
