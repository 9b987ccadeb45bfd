import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../ipc/common/app-error';
import {
  addressKey,
  buildMembers,
  buildPastedMembers,
  isValidEmail,
  isValidEmailByParts,
  memberListReportSchema,
  parsePastedAddresses,
  pastedMembersToTable,
  type TableRow,
} from './member-list';

describe('isValidEmail', () => {
  it('accepts ordinary addresses, trimmed first', () => {
    for (const address of ['kim@school.kr', 'a.b+notice@x.co.kr', "o'brien@x.ie", 'a_b-c@sub-domain.example.com', '  lee@y.kr  ', 'A@B.KR']) {
      expect(isValidEmail(address), address).toBe(true);
    }
  });

  it('accepts internationalised domains, in Unicode and in Punycode', () => {
    for (const address of ['kim@한국.kr', 'kim@학교.한국', 'hans@müller.de', 'kim@xn--3e0b707e.kr', 'kim@school.xn--3e0b707e', 'hans@xn--mller-kva.de']) {
      expect(isValidEmail(address), address).toBe(true);
    }
  });

  it('refuses the common typos', () => {
    for (const address of ['name@gmail', 'name@@x.kr', 'name@x..kr', 'name @x.kr', 'name@x.kr.', 'name@.x.kr', 'name', '@x.kr', 'name@', '', '   ']) {
      expect(isValidEmail(address), address).toBe(false);
    }
  });

  it('refuses dots in the wrong place, bad hyphens, numeric top-level labels and over-long parts', () => {
    for (const address of ['.name@x.kr', 'name.@x.kr', 'na..me@x.kr', 'a@-x.kr', 'a@x-.kr', 'a@1.2.3.4', 'a@x.123', `${'a'.repeat(65)}@x.kr`, `a@${'b'.repeat(64)}.kr`, `a@${'b.'.repeat(130)}kr`]) {
      expect(isValidEmail(address), address).toBe(false);
    }
    expect(isValidEmail(`${'a'.repeat(64)}@${'b'.repeat(63)}.kr`)).toBe(true);
  });

  it('refuses what it does not try to support: quoted local parts, IP literals, non-ASCII local parts, full-width @', () => {
    for (const address of ['"kim minsu"@x.kr', 'a@[10.0.0.1]', '홍길동@x.kr', 'kim＠x.kr', 'kim@x。kr', 'kim@x\u200b.kr']) {
      expect(isValidEmail(address), address).toBe(false);
    }
  });
});

describe('addressKey', () => {
  it('compares trimmed, lower-cased, NFC-normalised addresses', () => {
    expect(addressKey(' Kim@X.KR ')).toBe('kim@x.kr');
    expect(addressKey('kim@한국.kr'.normalize('NFD'))).toBe(addressKey('kim@한국.kr'));
  });
});

const columns = ['이름', '이메일', '학년', '반'];
const row = (line: number, ...cells: string[]): TableRow => ({ line, cells });

describe('buildMembers', () => {
  const report = buildMembers({
    columns,
    rows: [
      row(2, '김민수', 'kim@x.kr', '3', '2'),
      row(3, '이영희', '', '3', '1'),
      row(4, '박지성', 'park@gmail', '2', '4'),
      row(5, '김민수2', 'KIM@X.kr', '3', '2'),
      row(6, '최수진', 'choi@y.kr', '1', '1'),
      row(7, '정다은', 'jung@z.kr', '1'),
      row(9, '한지민', 'kim@x.kr; han@x.kr', '1', '3'),
    ],
    mapping: { address: 1, name: 0 },
    suppressed: new Set(['choi@y.kr']),
  });

  it('accepts valid rows with their name and every other column as a field', () => {
    expect(report.members).toEqual([
      { line: 2, email: 'kim@x.kr', name: '김민수', fields: { 학년: '3', 반: '2' } },
      { line: 7, email: 'jung@z.kr', name: '정다은', fields: { 학년: '1', 반: '' } },
    ]);
  });

  it('lists every other row with its line, the address as typed and the reason', () => {
    expect(report.rejected.map(({ line, email, reason }) => ({ line, email, reason }))).toEqual([
      { line: 3, email: '', reason: 'empty-address' },
      { line: 4, email: 'park@gmail', reason: 'invalid-address' },
      { line: 5, email: 'KIM@X.kr', reason: 'duplicate' },
      { line: 6, email: 'choi@y.kr', reason: 'suppressed' },
      { line: 9, email: 'kim@x.kr; han@x.kr', reason: 'invalid-address' },
    ]);
  });

  it('names the line of the first occurrence for a duplicate, and explains invalid addresses', () => {
    expect(report.rejected.find((r) => r.reason === 'duplicate')?.detail).toBe('Same address as line 2; the first one is kept.');
    expect(report.rejected.find((r) => r.line === 4)?.detail).toMatch(/no dot.*gmail\.com/);
    expect(report.rejected.find((r) => r.line === 9)?.detail).toMatch(/more than one address/);
  });

  it('counts rows, accepted and rejected by reason', () => {
    expect(report.summary).toEqual({ rows: 7, accepted: 2, rejected: { 'empty-address': 1, 'invalid-address': 2, duplicate: 1, suppressed: 1, 'broken-quote': 0, 'bad-bytes': 0 } });
    expect(memberListReportSchema.parse(report)).toEqual(report);
  });

  it('reports a suppressed address on every line it appears, not as a duplicate', () => {
    const twice = buildMembers({ columns: ['email'], rows: [row(2, 'Stop@x.kr'), row(3, 'stop@x.kr')], mapping: { address: 0, name: null }, suppressed: new Set(['stop@x.kr']) });
    expect(twice.rejected.map((r) => r.reason)).toEqual(['suppressed', 'suppressed']);
  });

  it('gives an empty name without a name column and keeps odd column names as plain fields', () => {
    const odd = buildMembers({ columns: ['__proto__', 'email'], rows: [row(2, 'x', 'a@b.kr')], mapping: { address: 1, name: null }, suppressed: new Set() });
    const member = odd.members[0];
    expect(member?.name).toBe('');
    expect(Object.keys(member?.fields ?? {})).toEqual(['__proto__']);
    expect(member?.fields['__proto__']).toBe('x');
  });

  it('refuses a mapping that does not fit the columns', () => {
    const table = { columns: ['email', 'name'], rows: [], suppressed: new Set<string>() };
    expect(() => buildMembers({ ...table, mapping: { address: 2, name: null } })).toThrow(AppError);
    expect(() => buildMembers({ ...table, mapping: { address: 0, name: 0 } })).toThrow(AppError);
    expect(() => buildMembers({ ...table, mapping: { address: 0, name: 5 } })).toThrow(AppError);
  });
});

describe('parsePastedAddresses', () => {
  it('splits on commas, semicolons and lines, but not inside a quoted name', () => {
    const text = '"Kim, Minsu" <kim@x.kr>; lee@y.kr, 박지성 <park@z.kr>\n\n  choi@w.kr  \r\n"Jung \\"JJ\\" Dae" <jung@v.kr>,,;\n<only@angle.kr>';
    expect(parsePastedAddresses(text).members).toEqual([
      { line: 1, email: 'kim@x.kr', name: 'Kim, Minsu' },
      { line: 1, email: 'lee@y.kr', name: '' },
      { line: 1, email: 'park@z.kr', name: '박지성' },
      { line: 3, email: 'choi@w.kr', name: '' },
      { line: 4, email: 'jung@v.kr', name: 'Jung "JJ" Dae' },
      { line: 5, email: 'only@angle.kr', name: '' },
    ]);
  });

  it('keeps malformed entries as typed so validation reports them', () => {
    const { members } = parsePastedAddresses('"Unclosed <a@b.kr>, c@d.kr\nKim <broken@x.kr\nKim <k@x.kr> (parent)');
    expect(members.map((m) => [m.line, m.email])).toEqual([
      [1, '"Unclosed <a@b.kr>, c@d.kr'],
      [2, 'Kim <broken@x.kr'],
      [3, 'Kim <k@x.kr> (parent)'],
    ]);
  });

  it('goes through the same validation as a file', () => {
    const pasted = parsePastedAddresses('a@x.kr\nKim <A@X.KR>\nnot-an-address, b@y.kr');
    expect(pastedMembersToTable(pasted.members).columns).toEqual(['email', 'name']);
    const report = buildPastedMembers(pasted.members, new Set(['b@y.kr']));
    expect(report.members).toEqual([{ line: 1, email: 'a@x.kr', name: '', fields: {} }]);
    expect(report.rejected.map(({ line, reason, detail }) => ({ line, reason, detail }))).toEqual([
      { line: 2, reason: 'duplicate', detail: 'Same address as line 1; the first one is kept.' },
      { line: 3, reason: 'invalid-address', detail: 'There is no @ in this address.' },
      { line: 3, reason: 'suppressed', detail: expect.stringMatching(/suppression list/) },
    ]);
  });
});

describe('isValidEmail fast path', () => {
  const atom = fc.string({ unit: fc.constantFrom(...'aZ09.-_+!#$%&\'*/=?^`{|}~@ 한\t'.split('')), minLength: 0, maxLength: 70 });
  const label = fc.string({ unit: fc.constantFrom(...'aZ09-.한ü'.split('')), minLength: 0, maxLength: 70 });
  const address = fc.oneof(
    fc.tuple(atom, fc.array(label, { minLength: 1, maxLength: 5 })).map(([local, labels]) => `${local}@${labels.join('.')}`),
    fc.string({ maxLength: 80 }),
    fc.tuple(fc.nat(300), fc.nat(300)).map(([l, d]) => `${'a'.repeat(l)}@${'b'.repeat(d)}.kr`),
  );
  it('agrees with the checks one part at a time on every address', () => {
    fc.assert(
      fc.property(address, (candidate) => {
        expect(isValidEmail(candidate), candidate).toBe(isValidEmailByParts(candidate));
      }),
      { numRuns: 10_000 },
    );
  });
});
