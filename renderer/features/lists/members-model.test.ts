import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addRow, draftFromList, editMembersInput, editRow, problemCount, removeRow, rowCount, rowMatches, rowNumberOf, savedRow, shownRow } from './members-model';

const list = { columns: ['이름', '이메일', '학년', '반'], mapping: { address: 1, name: 0 }, memberCount: 3 };
const member = (i: number) => ({ line: i + 2, email: `m${i}@school.kr`, name: `회원${i}`, fields: { 학년: '3', 반: String(i) } });

describe('the members draft', () => {
  it('starts clean, with the list’s field columns in order', () => {
    const draft = draftFromList(list);
    expect(draft.fieldNames).toEqual(['학년', '반']);
    expect(rowCount(draft)).toBe(3);
    expect(draft.dirty).toBe(false);
  });

  it('maps shown rows to saved positions and numbers them as the rows not removed (seeded, against the whole-array model)', () => {
    const seed = 20261130;
    console.log(`members draft property: fast-check seed ${seed}`);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.array(fc.nat({ max: 59 })), fc.nat({ max: 3 }), (total, removals, adds) => {
        let draft = draftFromList({ ...list, memberCount: total });
        for (const r of removals) if (r < total) draft = removeRow(draft, r);
        for (let i = 0; i < adds; i += 1) draft = addRow(draft);
        const model = Array.from({ length: total }, (_, p) => p).filter((p) => !removals.includes(p));
        expect(rowCount(draft)).toBe(model.length + adds);
        model.forEach((position, index) => {
          expect(shownRow(draft, index)).toEqual({ position });
          expect(rowNumberOf(draft, position)).toBe(index + 1);
        });
        for (let i = 0; i < adds; i += 1) expect(shownRow(draft, model.length + i)).toEqual({ added: draft.added[i] });
      }),
      { seed },
    );
  });

  it('edits, removes and adds rows, and asks for only the changed rows, trimmed, with every field of an added one', () => {
    let draft = draftFromList(list);
    draft = editRow(draft, savedRow(draft, 0, member(0)), { email: ' minsu@school.ac.kr ' });
    expect(savedRow(draft, 0, member(0))).toMatchObject({ email: ' minsu@school.ac.kr ', name: '회원0' });
    draft = removeRow(draft, 1);
    draft = addRow(draft);
    draft = editRow(draft, draft.added[0]!, { email: 'new@school.kr', name: ' 새 회원 ' });
    expect(draft.dirty).toBe(true);
    expect(editMembersInput('l1', draft)).toEqual({
      id: 'l1',
      edits: [{ position: 0, email: 'minsu@school.ac.kr', name: '회원0' }],
      removed: [1],
      added: [{ email: 'new@school.kr', name: '새 회원', fields: { 학년: '', 반: '' } }],
    });
    // A removed row's edit goes with it; removing an added row forgets it.
    draft = removeRow(draft, 0);
    draft = removeRow(draft, draft.added[0]!.key);
    expect(editMembersInput('l1', draft)).toEqual({ id: 'l1', edits: [], removed: [0, 1], added: [] });
  });

  it('counts the rows that would be refused among the changed ones', () => {
    let draft = addRow(draftFromList(list));
    expect(problemCount(draft)).toBe(1);
    draft = editRow(draft, savedRow(draft, 2, member(2)), { email: 'broken' });
    expect(problemCount(draft)).toBe(2);
  });

  it('matches an added row by address or name, ignoring case', () => {
    expect(rowMatches({ email: 'Minsu@School.kr', name: '김민수' }, 'school')).toBe(true);
    expect(rowMatches({ email: 'a@b.kr', name: '김민수' }, '민수')).toBe(true);
    expect(rowMatches({ email: 'a@b.kr', name: '' }, 'zzz')).toBe(false);
    expect(rowMatches({ email: 'a@b.kr', name: '' }, '  ')).toBe(true);
  });
});
