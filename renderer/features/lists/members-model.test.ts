import { describe, expect, it } from 'vitest';
import { addRow, draftFromList, editRow, matchingRows, problemCount, removeRow, setMembersInput } from './members-model';

const list = {
  columns: ['이름', '이메일', '학년', '반'],
  mapping: { address: 1, name: 0 },
  members: [
    { line: 2, email: 'minsu@school.kr', name: '김민수', fields: { 학년: '3', 반: '2' } },
    { line: 3, email: 'seoyeon@school.kr', name: '이서연', fields: { 학년: '2', 반: '' } },
  ],
};

describe('the members draft', () => {
  it('starts clean, with the list’s field columns in order', () => {
    const draft = draftFromList(list);
    expect(draft.fieldNames).toEqual(['학년', '반']);
    expect(draft.rows.map((r) => r.email)).toEqual(['minsu@school.kr', 'seoyeon@school.kr']);
    expect(draft.dirty).toBe(false);
  });

  it('keeps fields a member has that the header does not name', () => {
    const draft = draftFromList({ ...list, members: [{ line: 2, email: 'a@b.kr', name: '', fields: { 학년: '1', 반: '1', 비고: 'x' } }] });
    expect(draft.fieldNames).toEqual(['학년', '반', '비고']);
  });

  it('edits, removes and adds rows, and makes the request with trimmed values and every field', () => {
    let draft = draftFromList(list);
    draft = editRow(draft, 0, { email: ' minsu@school.ac.kr ' });
    draft = removeRow(draft, 1);
    draft = addRow(draft);
    expect(draft.dirty).toBe(true);
    const added = draft.rows[1]!;
    expect(added.key).toBe(2);
    draft = editRow(draft, added.key, { email: 'new@school.kr', name: ' 박지훈 ' });
    expect(setMembersInput('list-1', draft)).toEqual({
      id: 'list-1',
      members: [
        { email: 'minsu@school.ac.kr', name: '김민수', fields: { 학년: '3', 반: '2' } },
        { email: 'new@school.kr', name: '박지훈', fields: { 학년: '', 반: '' } },
      ],
    });
  });

  it('counts rows whose address would be refused', () => {
    let draft = addRow(draftFromList(list));
    expect(problemCount(draft)).toBe(1);
    draft = editRow(draft, 0, { email: 'minsu@gmail' });
    expect(problemCount(draft)).toBe(2);
  });

  it('finds rows by address or name, ignoring case', () => {
    const draft = draftFromList(list);
    expect(matchingRows(draft.rows, 'MINSU')).toEqual([0]);
    expect(matchingRows(draft.rows, '이서')).toEqual([1]);
    expect(matchingRows(draft.rows, '  ')).toEqual([0, 1]);
  });

  it('keeps the row being edited in view while its address no longer matches', () => {
    const draft = editRow(draftFromList(list), 1, { email: 'seoyeon@gmail.com' });
    expect(matchingRows(draft.rows, 'school.kr')).toEqual([0]);
    expect(matchingRows(draft.rows, 'school.kr', 1)).toEqual([0, 1]);
  });
});
