import { describe, expect, it } from 'vitest';
import { base64Size, checkFileName, encodedMessageBytes, MESSAGE_OVERHEAD_BYTES, memberFilesReport, splitFileCell, type MemberFilesFacts } from './member-files';

describe('splitFileCell', () => {
  it('splits on semicolons only, trims, drops empty names and gives NFC', () => {
    expect(splitFileCell(' a.pdf ; 1,2학기 성적.pdf;;')).toEqual(['a.pdf', '1,2학기 성적.pdf']);
    expect(splitFileCell('성적표.pdf'.normalize('NFD'))).toEqual(['성적표.pdf']);
    expect(splitFileCell('')).toEqual([]);
    expect(splitFileCell(undefined)).toEqual([]);
  });
});

describe('checkFileName', () => {
  it('keeps names inside the folder and refuses the rest', () => {
    expect(checkFileName('sub/./x.pdf')).toEqual({ ok: true, segments: ['sub', 'x.pdf'] });
    expect(checkFileName('sub\\x.pdf')).toEqual({ ok: true, segments: ['sub', 'x.pdf'] });
    expect(checkFileName('../x')).toEqual({ ok: false, problem: 'parent' });
    expect(checkFileName('a/../../x')).toEqual({ ok: false, problem: 'parent' });
    expect(checkFileName('/etc/passwd')).toEqual({ ok: false, problem: 'absolute' });
    expect(checkFileName('C:x')).toEqual({ ok: false, problem: 'absolute' });
    expect(checkFileName('\\\\server\\x')).toEqual({ ok: false, problem: 'absolute' });
    expect(checkFileName('a\u0000b')).toEqual({ ok: false, problem: 'invalid' });
    expect(checkFileName('./.')).toEqual({ ok: false, problem: 'invalid' });
  });
});

describe('size accounting', () => {
  it('counts base64 with its line breaks: 4/3 of the bytes and CRLF every 76 characters', () => {
    expect(base64Size(0)).toBe(0);
    expect(base64Size(57)).toBe(78);
    expect(base64Size(3 * 1024 * 1024)).toBe(4 * 1024 * 1024 + Math.ceil((4 * 1024 * 1024) / 76) * 2);
    expect(encodedMessageBytes([57], [57, 57])).toBe(3 * 78 + MESSAGE_OVERHEAD_BYTES);
    expect(encodedMessageBytes([], [])).toBe(0);
  });
});

const facts = (over: Partial<MemberFilesFacts> = {}): MemberFilesFacts => ({
  choice: { column: '첨부', folder: '/f', sendWithoutMissing: false },
  folder: { ok: true, path: '/f' },
  columnExists: true,
  members: [],
  sharedRaw: [],
  maxMessageBytes: 35_882_577,
  ...over,
});

describe('memberFilesReport', () => {
  const members: MemberFilesFacts['members'] = [
    { line: 2, email: 'a@x.test', outcomes: [{ name: 'a.pdf', ok: true, size: 1000 }] },
    { line: 3, email: 'b@x.test', outcomes: [{ name: 'b.pdf', ok: false, problem: 'missing' }, { name: 'b2.pdf', ok: true, size: 10 }] },
    { line: 4, email: 'c@x.test', outcomes: [] },
    { line: 5, email: 'd@x.test', outcomes: [{ name: 'big.zip', ok: true, size: 26 * 1024 * 1024 }] },
  ];

  it('lists each member by line with the problem, counts the rest, and blocks on a missing file', () => {
    const report = memberFilesReport(facts({ members }));
    expect(report.problems.map((p) => [p.line, p.problem, p.names])).toEqual([
      [3, 'missing', ['b.pdf']],
      [5, 'too-large', ['big.zip']],
    ]);
    expect(report).toMatchObject({ withFiles: 3, files: 3, noFile: 1, blocked: true });
    expect(report.largestEncodedBytes).toBe(encodedMessageBytes([], [26 * 1024 * 1024]));
  });

  it('lets "send without it" through a missing file, never a message too large or a name outside the folder', () => {
    const allowed = { column: '첨부', folder: '/f', sendWithoutMissing: true };
    expect(memberFilesReport(facts({ choice: allowed, members: members.slice(0, 3) })).blocked).toBe(false);
    expect(memberFilesReport(facts({ choice: allowed, members })).blocked).toBe(true);
    expect(memberFilesReport(facts({ choice: allowed, members: [{ line: 9, email: 'e@x.test', outcomes: [{ name: '../x', ok: false, problem: 'outside-folder' }] }] })).blocked).toBe(true);
  });

  it('counts the shared attachments in every member’s size', () => {
    const report = memberFilesReport(facts({ sharedRaw: [27 * 1024 * 1024], members: members.slice(0, 1) }));
    expect(report.problems).toEqual([{ line: 2, email: 'a@x.test', problem: 'too-large', names: ['a.pdf'], encodedBytes: encodedMessageBytes([27 * 1024 * 1024], [1000]) }]);
  });

  it('blocks on a folder or column that cannot be used', () => {
    expect(memberFilesReport(facts({ folder: { ok: false, problem: 'missing' } }))).toMatchObject({ folderProblem: 'missing', blocked: true, folder: '/f' });
    expect(memberFilesReport(facts({ columnExists: false }))).toMatchObject({ columnMissing: true, blocked: true });
  });
});
