import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { buildMembers, type DecodedTable, type ListImportError } from '../common/member-list';
import { decodeTable, guessMapping, importSizeError, MAX_IMPORT_BYTES, reportToCsv } from './list-import';

const KOREAN_CSV = '이름,이메일,학년\r\n김민수,kim@x.kr,3\r\n이영희,lee@y.kr,2\r\n박지성,park@z.kr,1\r\n';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const withBom = (bom: number[], body: Uint8Array): Uint8Array => new Uint8Array([...bom, ...body]);

function table(result: DecodedTable | ListImportError): DecodedTable {
  if ('error' in result) throw new Error(`expected a table, got ${result.error}: ${result.detail}`);
  return result;
}

function failure(result: DecodedTable | ListImportError): ListImportError {
  if (!('error' in result)) throw new Error(`expected an error, got a table with columns ${result.columns.join(', ')}`);
  return result;
}

const koreanRows = [
  { line: 2, cells: ['김민수', 'kim@x.kr', '3'] },
  { line: 3, cells: ['이영희', 'lee@y.kr', '2'] },
  { line: 4, cells: ['박지성', 'park@z.kr', '1'] },
];

describe('decodeTable: encodings', () => {
  it('detects CP949 (EUC-KR) from a Korean Excel export', () => {
    const result = table(decodeTable(iconv.encode(KOREAN_CSV, 'cp949')));
    expect(result).toMatchObject({ encoding: 'cp949', encodingDetected: true, delimiter: ',', columns: ['이름', '이메일', '학년'], rows: koreanRows, notes: [] });
  });

  it('reads UTF-8 with and without a BOM, the BOM left out of the first column name', () => {
    for (const bytes of [utf8(KOREAN_CSV), withBom([0xef, 0xbb, 0xbf], utf8(KOREAN_CSV))]) {
      expect(table(decodeTable(bytes))).toMatchObject({ encoding: 'utf-8', encodingDetected: true, columns: ['이름', '이메일', '학년'], rows: koreanRows });
    }
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    const le = Buffer.from(KOREAN_CSV, 'utf16le');
    const be = Buffer.from(KOREAN_CSV, 'utf16le').swap16();
    expect(table(decodeTable(withBom([0xff, 0xfe], le)))).toMatchObject({ encoding: 'utf-16le', encodingDetected: true, columns: ['이름', '이메일', '학년'], rows: koreanRows });
    expect(table(decodeTable(withBom([0xfe, 0xff], be)))).toMatchObject({ encoding: 'utf-16be', encodingDetected: true, columns: ['이름', '이메일', '학년'], rows: koreanRows });
  });

  it('reads Excel\'s "Unicode text" (UTF-16 LE, tab-separated)', () => {
    const text = KOREAN_CSV.replaceAll(',', '\t');
    expect(table(decodeTable(withBom([0xff, 0xfe], Buffer.from(text, 'utf16le'))))).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', rows: koreanRows });
  });

  it('uses the encoding a person chooses, and says it was chosen', () => {
    const chosen = table(decodeTable(utf8(KOREAN_CSV), { encoding: 'cp949' }));
    expect(chosen.encoding).toBe('cp949');
    expect(chosen.encodingDetected).toBe(false);
    expect(chosen.columns).not.toEqual(['이름', '이메일', '학년']);
    expect(chosen.rows[0]?.cells[1]).toBe('kim@x.kr');

    expect(table(decodeTable(utf8(KOREAN_CSV), { encoding: 'utf-8' }))).toMatchObject({ encoding: 'utf-8', encodingDetected: false, columns: ['이름', '이메일', '학년'] });
    expect(table(decodeTable(iconv.encode(KOREAN_CSV, 'cp949'), { encoding: 'auto' }))).toMatchObject({ encoding: 'cp949', encodingDetected: true });
  });

  it('drops a BOM only when it belongs to the chosen encoding', () => {
    const bommed = withBom([0xef, 0xbb, 0xbf], utf8('email\na@b.kr\n'));
    expect(table(decodeTable(bommed, { encoding: 'utf-8' })).columns).toEqual(['email']);
    expect(table(decodeTable(bommed, { encoding: 'cp949' })).columns[0]).not.toBe('email');
  });
});

describe('decodeTable: delimiters, lines and quotes', () => {
  it('detects semicolons and tabs, and falls back to a comma for one column', () => {
    expect(table(decodeTable(utf8('name;email\nKim, Minsu;kim@x.kr\n')))).toMatchObject({ delimiter: ';', columns: ['name', 'email'], rows: [{ line: 2, cells: ['Kim, Minsu', 'kim@x.kr'] }] });
    expect(table(decodeTable(utf8('name\temail\nKim;Minsu\tkim@x.kr\n')))).toMatchObject({ delimiter: '\t', rows: [{ line: 2, cells: ['Kim;Minsu', 'kim@x.kr'] }] });
    expect(table(decodeTable(utf8('email\na@b.kr\nc@d.kr')))).toMatchObject({ delimiter: ',', columns: ['email'], rows: [{ line: 2 }, { line: 3 }] });
  });

  it('numbers lines as a text editor does, across quoted line breaks and blank lines', () => {
    const text = 'name,email,note\r\n"Kim\r\nMinsu",kim@x.kr,"two\nline\nnote"\r\n\r\nLee,lee@y.kr,\r\n , , \r\n"Park ""PJ""",park@z.kr,x\r\n';
    const result = table(decodeTable(utf8(text)));
    expect(result.rows).toEqual([
      { line: 2, cells: ['Kim Minsu', 'kim@x.kr', 'two line note'] },
      { line: 7, cells: ['Lee', 'lee@y.kr', ''] },
      { line: 9, cells: ['Park "PJ"', 'park@z.kr', 'x'] },
    ]);
  });

  it('counts old Mac line breaks (\\r) too', () => {
    expect(table(decodeTable(utf8('email\r"a\rb"\r\rc@d.kr'))).rows.map((r) => r.line)).toEqual([2, 5]);
  });

  it('keeps ragged rows and notes them', () => {
    const result = table(decodeTable(utf8('name,email,class\nKim,kim@x.kr\nLee,lee@y.kr,1,extra\nPark,park@z.kr,2,\nChoi,choi@w.kr,3\n')));
    expect(result.rows.map((r) => r.cells.length)).toEqual([2, 4, 4, 3]);
    expect(result.notes).toEqual([
      { line: 2, kind: 'ragged', detail: "Line 2 has 2 of the header's 3 cells; the missing cells are left empty." },
      { line: 3, kind: 'ragged', detail: 'Line 3 has 4 cells but the header has 3; the cells after the 3rd are ignored.' },
    ]);
  });

  it('reports a quote that is never closed as one unreadable line, and reads the lines after it', () => {
    const result = table(decodeTable(utf8('name,email\nKim,kim@x.kr\n"Lee\nYoung",lee@y.kr\nPark,"park@z.kr\nChoi,choi@w.kr\n')));
    expect(result.rows.map((r) => [r.line, r.cells[1]])).toEqual([[2, 'kim@x.kr'], [3, 'lee@y.kr'], [6, 'choi@w.kr']]);
    expect(result.unreadable).toEqual([{ line: 5, reason: 'broken-quote', detail: expect.stringMatching(/^Line 5 has a quote/) }]);
    expect(result.notes).toEqual([expect.objectContaining({ line: 3, lastLine: 4, kind: 'multi-line' })]);
    const second = table(decodeTable(utf8('name,email\n"Kim\nMinsu","kim@x.kr\nLee,lee@y.kr\n')));
    expect(second.unreadable.map((u) => u.line)).toEqual([2, 3]);
    expect(second.rows.map((r) => r.line)).toEqual([4]);
  });

  it('reports a stray quote after a closed one', () => {
    const result = table(decodeTable(utf8('name,email\nKim,kim@x.kr\n"Lee"Young",lee@y.kr\nPark,park@z.kr\n')));
    expect(result.unreadable).toMatchObject([{ line: 3, reason: 'broken-quote' }]);
    expect(result.rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it('does not let a quoted cell swallow the rows after it: mixed line ends and a quote between \\r and \\n', () => {
    // Before: the quote opened a cell that ran over the next rows, merging two members into one name.
    const text = 'name,email\r\nKim,kim@x.kr\nLee,lee@y.kr\r"\nPark,park@z.kr\r\nChoi,"choi@w.kr\nJung,jung@v.kr",x\rHan,han@u.kr';
    const result = table(decodeTable(utf8(text)));
    expect(result.rows.map((r) => [r.line, r.cells[1]])).toEqual([[2, 'kim@x.kr'], [3, 'lee@y.kr'], [5, 'park@z.kr'], [7, 'jung@v.kr"'], [8, 'han@u.kr']]);
    expect(result.unreadable.map((u) => [u.line, u.reason])).toEqual([[4, 'broken-quote'], [6, 'broken-quote']]);
  });

  it('takes NUL and other control characters out of cells anywhere in the file, with a note', () => {
    const filler = Array.from({ length: 400 }, (_, i) => `Person ${i},p${i}@x.kr`).join('\n');
    const result = table(decodeTable(utf8(`name,email\n${filler}\nKim\u0000\u0007 Minsu\u202e,kim@x.kr\n`)));
    const kim = result.rows.find((r) => r.cells[1] === 'kim@x.kr');
    expect(kim?.cells[0]).toBe('Kim Minsu');
    expect(result.notes).toContainEqual(expect.objectContaining({ line: kim?.line, kind: 'control-characters' }));
  });

  it('reads UTF-8 with one bad byte as UTF-8 and reports the line, never as CP949', () => {
    const good = Buffer.from('이름,이메일\n김민수,kim@x.kr\n이영희,lee@y.kr\n박지성,park@z.kr\n');
    const bad = Buffer.concat([good.subarray(0, good.indexOf('이영희')), Buffer.from([0xff]), good.subarray(good.indexOf('이영희'))]);
    const result = table(decodeTable(bad));
    expect(result).toMatchObject({ encoding: 'utf-8', encodingDetected: true, columns: ['이름', '이메일'] });
    expect(result.rows.map((r) => r.cells[0])).toEqual(['김민수', '박지성']);
    expect(result.unreadable).toMatchObject([{ line: 3, reason: 'bad-bytes' }]);
    const ascii = Buffer.from('name,email\nKim,kim@x.kr\nL\xe9e,lee@y.kr\n', 'latin1');
    const asciiResult = table(decodeTable(ascii));
    expect(asciiResult.encoding).toBe('utf-8');
    expect(asciiResult.unreadable).toMatchObject([{ line: 3, reason: 'bad-bytes' }]);
  });

  it('reads UTF-16 without a BOM by its zero bytes', () => {
    const text = 'name,email\r\nKim,kim@x.kr\r\n';
    expect(table(decodeTable(Buffer.from(text, 'utf16le')))).toMatchObject({ encoding: 'utf-16le', rows: [{ line: 2, cells: ['Kim', 'kim@x.kr'] }] });
    expect(table(decodeTable(Buffer.from(text, 'utf16le').swap16()))).toMatchObject({ encoding: 'utf-16be', rows: [{ line: 2, cells: ['Kim', 'kim@x.kr'] }] });
  });

  it('reads quotes inside an unquoted cell as text', () => {
    expect(table(decodeTable(utf8('name,email\nKim "MS" Minsu,kim@x.kr\n'))).rows[0]?.cells[0]).toBe('Kim "MS" Minsu');
  });

  it('names blank header cells and tells repeated ones apart', () => {
    expect(table(decodeTable(utf8(' email ,,name,name,name (2)\na@b.kr,1,2,3,4\n'))).columns).toEqual(['email', 'column 2', 'name', 'name (2)', 'name (2) (2)']);
  });
});

describe('decodeTable: files that are not lists', () => {
  it('refuses an empty file and one with only blanks', () => {
    expect(failure(decodeTable(new Uint8Array()))).toMatchObject({ error: 'empty', detail: expect.stringMatching(/0 bytes/) });
    expect(failure(decodeTable(utf8(' \r\n\t\n  ')))).toMatchObject({ error: 'empty' });
    expect(failure(decodeTable(withBom([0xef, 0xbb, 0xbf], utf8('\n\n'))))).toMatchObject({ error: 'empty' });
    expect(failure(decodeTable(withBom([0xff, 0xfe], Buffer.from(' \r\n', 'utf16le'))))).toMatchObject({ error: 'empty' });
    expect(failure(decodeTable(utf8(',,,\n , ,\n')))).toMatchObject({ error: 'empty' });
  });

  it('refuses a file over the limit, naming its size', () => {
    const result = failure(decodeTable(new Uint8Array(21 * 1024 * 1024)));
    expect(result.error).toBe('too-large');
    expect(result.detail).toMatch(/21\.0 MB.*up to 20 MB/);
    expect(importSizeError(MAX_IMPORT_BYTES)).toBeNull();
    expect(importSizeError(MAX_IMPORT_BYTES + 1)?.error).toBe('too-large');
  });

  it('refuses binary files: an image, a workbook, random bytes without NULs', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]);
    expect(failure(decodeTable(png))).toMatchObject({ error: 'binary', detail: expect.stringMatching(/CSV UTF-8/) });

    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, ...utf8('[Content_Types].xml')]);
    expect(failure(decodeTable(xlsx))).toMatchObject({ error: 'binary', detail: expect.stringMatching(/Excel workbook/) });

    let seed = 12345;
    const noise = Uint8Array.from({ length: 4096 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return (seed % 255) + 1;
    });
    expect(failure(decodeTable(noise))).toMatchObject({ error: 'binary' });
  });

  it('refuses a header with no rows under it', () => {
    expect(failure(decodeTable(utf8('name,email\r\n')))).toMatchObject({ error: 'no-rows', line: 1, detail: expect.stringMatching(/\(name, email\)/) });
    expect(failure(decodeTable(utf8('\n\nname,email\n\n,\n')))).toMatchObject({ error: 'no-rows', line: 3 });
  });
});

describe('guessMapping', () => {
  it('reads Korean headers', () => {
    const { columns, rows } = table(decodeTable(iconv.encode(KOREAN_CSV, 'cp949')));
    expect(guessMapping(columns, rows)).toEqual({ address: 1, name: 0 });
    expect(guessMapping(['학번', '학생 이름', '보호자 메일주소'], [])).toEqual({ address: 2, name: 1 });
    expect(guessMapping(['성명', '전자우편'], [])).toEqual({ address: 1, name: 0 });
  });

  it('reads English headers in any spelling', () => {
    expect(guessMapping(['Full Name', 'E-mail Address', 'Phone'], [])).toEqual({ address: 1, name: 0 });
    expect(guessMapping(['id', 'EMAIL', 'name'], [])).toEqual({ address: 1, name: 2 });
  });

  it('falls back to the column where most cells hold an @', () => {
    const rows = [
      { cells: ['1', 'Kim', 'kim@x.kr', 'likes @mentions'] },
      { cells: ['2', 'Lee', 'lee@y.kr', ''] },
      { cells: ['3', 'Park', '', 'none'] },
      { cells: ['4', 'Choi', 'choi@w.kr', 'none'] },
    ];
    expect(guessMapping(['A', 'B', 'C', 'D'], rows)).toEqual({ address: 2, name: null });
  });

  it('prefers the exact header name, then content, and says null when nothing fits', () => {
    const rows = [{ cells: ['kim@x.kr', 'a@b.kr'] }];
    expect(guessMapping(['보호자', '이메일'], rows)).toEqual({ address: 1, name: null });
    expect(guessMapping(['email sent', 'contact'], [{ cells: ['yes', 'a@b.kr'] }])).toEqual({ address: 1, name: null });
    expect(guessMapping(['a', 'b'], [{ cells: ['1', '2'] }])).toEqual({ address: null, name: null });
  });
});

describe('reportToCsv', () => {
  it('writes the header and quotes commas, quotes and line breaks', () => {
    const csv = reportToCsv({
      rejected: [
        { line: 4, email: 'a,b@x.kr', reason: 'invalid-address', detail: 'Has "quotes", and a comma.' },
        { line: 2, email: 'x\ny@z.kr', reason: 'invalid-address', detail: 'Two\nlines' },
      ],
    });
    expect(csv).toBe('line,email,reason,detail\r\n2,"x\ny@z.kr",invalid-address,"Two\nlines"\r\n4,"a,b@x.kr",invalid-address,"Has ""quotes"", and a comma."');
  });

  it('merges notes by line and defuses cells that would start a formula', () => {
    const csv = reportToCsv(
      { rejected: [{ line: 5, email: '=HYPERLINK("http://x")', reason: 'invalid-address', detail: 'x' }, { line: 6, email: '@x.kr\nmore', reason: 'invalid-address', detail: 'y' }] },
      [{ line: 3, kind: 'ragged', detail: 'Line 3 has 2 of the header\'s 3 cells; the missing cells are left empty.' }],
    );
    const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
    expect(parsed).toEqual([
      ['line', 'email', 'reason', 'detail'],
      ['3', '', 'ragged', "Line 3 has 2 of the header's 3 cells; the missing cells are left empty."],
      ['5', '\'=HYPERLINK("http://x")', 'invalid-address', 'x'],
      ['6', "'@x.kr\nmore", 'invalid-address', 'y'],
    ]);
  });
});

describe('a large list', () => {
  it('decodes and builds 10,000 rows in one go', () => {
    const lines = ['이름,이메일,반'];
    for (let i = 0; i < 10_000; i += 1) {
      const email = i % 1000 === 999 ? `member${i - 1}@School.kr` : i % 2500 === 7 ? 'broken@' : `member${i}@school.kr`;
      lines.push(`회원${i},${email},${i % 10}`);
    }
    const decoded = table(decodeTable(iconv.encode(lines.join('\r\n'), 'cp949')));
    expect(decoded.rows).toHaveLength(10_000);
    expect(decoded.rows.at(-1)?.line).toBe(10_001);
    const mapping = guessMapping(decoded.columns, decoded.rows);
    expect(mapping).toEqual({ address: 1, name: 0 });
    const report = buildMembers({ ...decoded, mapping: { address: 1, name: mapping.name }, suppressed: new Set(['member0@school.kr']) });
    expect(report.summary).toEqual({ rows: 10_000, accepted: 9_985, rejected: { 'empty-address': 0, 'invalid-address': 4, duplicate: 10, suppressed: 1, 'broken-quote': 0, 'bad-bytes': 0 } });
  });
});
