/**
 * The import's promise, as a property over generated files: every line of the input is accounted for
 * (a member, a rejected row with its line and reason, a line a noted multi-line row covers, or blank),
 * nothing that is not text reaches a member field, and a line nothing is wrong with becomes exactly
 * the member it holds. Files mix line endings, quotes in the right and wrong places, control bytes,
 * a bad UTF-8 byte, five encodings, and sizes past the 8 KiB the old binary check looked at.
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { buildMembers } from '../common/member-list';
import { decodeTable } from './list-import';

type Style = 'plain' | 'quoted' | 'stray';
interface GeneratedRow {
  readonly name: string;
  readonly hasAddress: boolean;
  readonly style: Style;
  readonly strayAt: number;
  readonly ending: '\n' | '\r\n' | '\r';
  readonly blankAfter: '' | '   ' | ',,';
}

const NAME_CHARS = ['김', '민', '수', '이', '영', '희', 'K', 'i', 'm', ' ', '-', '.', "'", 'é', '\u0000', '\u0007', '\u001b', '\u007f', '"', ','];
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const rowArbitrary: fc.Arbitrary<GeneratedRow> = fc.record({
  name: fc.array(fc.constantFrom(...NAME_CHARS), { minLength: 0, maxLength: 8 }).map((chars) => chars.join('')),
  hasAddress: fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
  style: fc.constantFrom<Style>('plain', 'plain', 'quoted', 'stray'),
  strayAt: fc.nat(40),
  ending: fc.constantFrom<GeneratedRow['ending']>('\n', '\r\n', '\r'),
  blankAfter: fc.constantFrom<GeneratedRow['blankAfter']>('', '', '', '   ', ',,'),
});

const fileArbitrary = fc.record({
  rows: fc.array(rowArbitrary, { minLength: 1, maxLength: 40 }),
  filler: fc.constantFrom(0, 0, 300),
  encoding: fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'cp949', 'utf-8-bad-byte'),
  badRow: fc.nat(),
});

/** One generated file: its bytes and, per data line, what it holds. */
function buildFile(input: { readonly rows: readonly GeneratedRow[]; readonly filler: number; readonly encoding: string; readonly badRow: number }) {
  const plainRows = input.rows.map((row) => (row.style === 'plain' ? { ...row, name: row.name.replace(/[",]/g, '') } : row));
  const filler: GeneratedRow[] = Array.from({ length: input.filler }, (_, i) => ({ name: `Filler ${i}`, hasAddress: true, style: 'plain', strayAt: 0, ending: '\n', blankAfter: '' }));
  const all = [...filler, ...plainRows];
  const badIndex = input.encoding === 'utf-8-bad-byte' ? filler.length + (input.badRow % plainRows.length) : -1;
  const lines: { line: number; row: GeneratedRow; email: string; index: number }[] = [];
  let text = 'name,email,note\n';
  let line = 2;
  const BAD = '\u{10ffff}';
  all.forEach((row, index) => {
    const email = row.hasAddress ? `member${index}@school.kr` : '';
    const name = index === badIndex ? `${row.name}${BAD}` : row.name;
    let body = `${row.style === 'quoted' || row.style === 'stray' ? `"${name.replace(/"/g, '""')}"` : name},${email},n${index}`;
    if (row.style === 'stray') body = body.slice(0, row.strayAt % (body.length + 1)) + '"' + body.slice(row.strayAt % (body.length + 1));
    lines.push({ line, row, email, index });
    text += body + row.ending;
    line += 1;
    if (row.blankAfter !== '') {
      text += row.blankAfter + row.ending;
      line += 1;
    }
  });
  let bytes: Buffer;
  switch (input.encoding) {
    case 'utf-8-bom':
      bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
      break;
    case 'utf-16le':
      bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      break;
    case 'utf-16be':
      bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
      break;
    case 'cp949':
      bytes = iconv.encode(text.replaceAll('é', 'e'), 'cp949');
      break;
    case 'utf-8-bad-byte': {
      // U+10FFFF stands in for the spot; it becomes one byte that is never valid UTF-8.
      const utf8 = Buffer.from(text);
      const marker = Buffer.from(BAD);
      const at = utf8.indexOf(marker);
      bytes = Buffer.concat([utf8.subarray(0, at), Buffer.from([0xff]), utf8.subarray(at + marker.length)]);
      break;
    }
    default:
      bytes = Buffer.from(text);
  }
  return { bytes, lines, badIndex, text };
}

/** The name as a member field: line breaks and tabs to spaces, control characters out, trimmed. */
function cleaned(name: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return name.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '').trim();
}

describe('imports account for every line (property)', () => {
  it('holds over generated files; the seed is printed to replay a failure', () => {
    const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
    console.log(`list-import property seed: ${seed} (replay with FC_SEED=${seed})`);
    fc.assert(
      fc.property(fileArbitrary, (input) => checkFile(input)),
      { seed, numRuns: 60 },
    );
  }, 120_000);
});

/** Checks one generated file against the promise. */
function checkFile(input: Parameters<typeof buildFile>[0]): void {
        const { bytes, lines, badIndex, text } = buildFile(input);
        const table = decodeTable(bytes);
        if ('error' in table) {
          // Refusing a whole file is loud, never silent; it is only right for a file full of control bytes.
          expect(table.error).toBe('binary');
          // eslint-disable-next-line no-control-regex -- finding control characters is the point
          const controls = [...text].filter((char) => /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u{10ffff}]/u.test(char)).length;
          expect(controls, `${table.detail} ${bytes.toString('hex')}`).toBeGreaterThanOrEqual(3);
          return;
        }
        const report = buildMembers({ columns: table.columns, rows: table.rows, mapping: { address: 1, name: 0 }, suppressed: new Set(), unreadable: table.unreadable });
        const memberAt = new Map(report.members.map((m) => [m.line, m]));
        const rejectedAt = new Set(report.rejected.map((r) => r.line));
        const covered = new Set<number>();
        for (const note of table.notes) for (let l = note.line; l <= (note.lastLine ?? note.line); l += 1) covered.add(l);

        for (const member of report.members) {
          for (const value of [member.email, member.name, ...Object.values(member.fields)]) expect(value).not.toMatch(CONTROL);
          expect(member.name).not.toContain('\ufffd');
        }
        for (const { line, row, email, index } of lines) {
          const accounted = memberAt.has(line) || rejectedAt.has(line) || covered.has(line);
          expect(accounted, `line ${line} (${JSON.stringify(row)}) is not accounted for`).toBe(true);
          if (index === badIndex) {
            // A stray quote on the same line may be found first; either way the line is rejected, by its number.
            const reasons = report.rejected.filter((r) => r.line === line).map((r) => r.reason);
            expect(reasons, `bad byte on line ${line}`).toContain(row.style === 'stray' && !reasons.includes('bad-bytes') ? 'broken-quote' : 'bad-bytes');
            continue;
          }
          if (row.style === 'stray' || !row.hasAddress) continue;
          const member = memberAt.get(line);
          expect(member?.email, `line ${line} holds ${email}`).toBe(email);
          const name = input.encoding === 'cp949' ? row.name.replaceAll('é', 'e') : row.name;
          expect(member?.name).toBe(cleaned(row.style === 'plain' ? name.replace(/[",]/g, '') : name));
        }
}
