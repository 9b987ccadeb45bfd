/**
 * Reading a member-list file (CSV or TSV): take or detect the encoding, refuse what is not a text table,
 * find the delimiter, and give back the header, the rows with the line each starts on, and notes on
 * ragged rows. Parsing is papaparse's and legacy decoding iconv-lite's; only the checks around them
 * are ours. The shapes live in app/lists/common/member-list.ts so the contract and the renderer can use them.
 */
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { writeCsv } from '../../exports/node/csv-writer';
import { assertNever } from '../../ipc/common/app-error';
import { isValidEmail, MAX_IMPORT_BYTES } from '../common/member-list';
import type {
  DecodedTable,
  EncodingChoice,
  ListImportError,
  MemberListReport,
  TableDelimiter,
  TableEncoding,
  TableNote,
  TableRow,
} from '../common/member-list';

/** The shapes `decodeTable` returns (defined in app/lists/common so the contract and renderer share them). */
export type { DecodedTable, EncodingChoice, ListImportError, TableEncoding, TableNote, TableRow } from '../common/member-list';

export { MAX_IMPORT_BYTES };

/** How many leading bytes (and decoded characters) the binary checks look at. */
const SNIFF_LENGTH = 8192;

/** Options for `decodeTable`. */
export interface DecodeTableOptions {
  /** The encoding to read the file in; `auto` (the default) detects it. */
  readonly encoding?: EncodingChoice;
}

/** What to tell a person whose file is over the limit; null when the size is fine. Callers can check a file's size before reading it. */
export function importSizeError(byteLength: number): ListImportError | null {
  if (byteLength <= MAX_IMPORT_BYTES) return null;
  const megabytes = (byteLength / (1024 * 1024)).toFixed(1);
  return {
    error: 'too-large',
    detail: `The file is ${megabytes} MB; Mailroom imports files up to ${MAX_IMPORT_BYTES / (1024 * 1024)} MB. Delete the columns you do not need, or split the list into several files.`,
  };
}

/**
 * Reads a CSV or TSV file into a header and rows. The first non-blank row is the header; the encoding
 * is detected (BOM, UTF-16 by its zero bytes, strict UTF-8, UTF-8 with a few bad bytes, else CP949)
 * unless `options.encoding` names one; the delimiter (comma, semicolon or tab) is detected. Every line
 * of the file ends up somewhere: in a row, in `unreadable` with its reason, in a note, or blank.
 * Returns a `ListImportError` for an empty, too large or binary file, or one with no rows under the header.
 */
export function decodeTable(bytes: Uint8Array, options: DecodeTableOptions = {}): DecodedTable | ListImportError {
  if (bytes.length === 0) return { error: 'empty', detail: 'The file is empty (0 bytes). Check that you picked the right file.' };
  const sizeError = importSizeError(bytes.length);
  if (sizeError !== null) return sizeError;

  const decoded = decodeText(bytes, options.encoding ?? 'auto');
  if ('error' in decoded) return decoded;
  const { text, encoding, encodingDetected } = decoded;
  if (text.trim() === '') return { error: 'empty', detail: 'The file has only blank space in it. Check that you picked the right file.' };
  if (looksBinary(text, encodingDetected)) return binaryError(bytes);

  const parsed = parseRows(text, encodingDetected);
  if ('error' in parsed) return parsed;
  const [header, ...rows] = parsed.rows;
  if (header === undefined) return { error: 'empty', detail: 'The file has no cell with text in it. Check that you picked the right file.' };
  const columns = headerColumns(header.cells);
  if (rows.length === 0 && parsed.unreadable.length === 0) {
    return {
      error: 'no-rows',
      line: header.line,
      detail: `The file has a header row (${columns.join(', ')}) but no rows under it. Add the members below the header, or check that you picked the right file.`,
    };
  }
  const notes = [...parsed.notes.filter((note) => note.line !== header.line), ...raggedNotes(columns.length, rows)].sort((a, b) => a.line - b.line);
  return { encoding, encodingDetected, delimiter: parsed.delimiter, columns, rows, notes, unreadable: parsed.unreadable };
}

// Encoding

/** The byte-order marks Mailroom recognises. */
const BOMS: readonly { readonly encoding: TableEncoding; readonly bytes: readonly number[] }[] = [
  { encoding: 'utf-8', bytes: [0xef, 0xbb, 0xbf] },
  { encoding: 'utf-16le', bytes: [0xff, 0xfe] },
  { encoding: 'utf-16be', bytes: [0xfe, 0xff] },
];

/** UTF-16 without a BOM, told by its zero bytes: text in Latin letters has one in every other byte. */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const length = Math.min(bytes.length, 64 * 1024) & ~1;
  if (length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let index = 0; index < length; index += 2) {
    if (bytes[index] === 0) evenZeros += 1;
    if (bytes[index + 1] === 0) oddZeros += 1;
  }
  const pairs = length / 2;
  if (oddZeros >= pairs * 0.3 && evenZeros <= pairs * 0.02) return 'utf-16le';
  if (evenZeros >= pairs * 0.3 && oddZeros <= pairs * 0.02) return 'utf-16be';
  return null;
}

/** Whether NUL bytes are so many that the file is binary rather than text with a few stray NULs (which are taken out of the cells). */
function manyNuls(body: Uint8Array): boolean {
  let nuls = 0;
  for (let index = body.indexOf(0); index !== -1; index = body.indexOf(0, index + 1)) nuls += 1;
  return nuls >= 3 && nuls > body.length / 200;
}

/** Whether most of the non-ASCII characters of a CP949 reading are Hangul or CJK, as in a real Korean file. */
export function readsAsKorean(text: string): boolean {
  let other = 0;
  let korean = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80) continue;
    // A character outside the BMP (two UTF-16 units) counts once, as other.
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const low = text.charCodeAt(index + 1);
      if (low >= 0xdc00 && low <= 0xdfff) index += 1;
    }
    if (code === 0xfffd) return false;
    if ((code >= 0xac00 && code <= 0xd7a3) || (code >= 0x3130 && code <= 0x318f) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3000 && code <= 0x303f) || (code >= 0xff00 && code <= 0xffef)) korean += 1;
    else other += 1;
  }
  return korean > 0 && korean >= other * 4;
}

/** What `decodeText` gives back. */
interface DecodedText {
  readonly text: string;
  readonly encoding: TableEncoding;
  readonly encodingDetected: boolean;
}

/**
 * Decodes the bytes in the chosen encoding, or detects it: BOM; UTF-16 by its zero bytes; strict
 * UTF-8; UTF-8 that is mostly valid but has a few bad bytes (the rows with them are reported, never
 * read as CP949); else CP949 (which covers EUC-KR) when that reads as Korean.
 */
function decodeText(bytes: Uint8Array, choice: EncodingChoice): DecodedText | ListImportError {
  const bom = BOMS.find((candidate) => candidate.bytes.every((byte, index) => bytes[index] === byte));
  const encoding = choice === 'auto' ? (bom?.encoding ?? sniffUtf16(bytes) ?? undefined) : choice;
  const body = bom !== undefined && bom.encoding === encoding ? bytes.subarray(bom.bytes.length) : bytes;
  const isUtf16 = encoding === 'utf-16le' || encoding === 'utf-16be';
  if (!isUtf16 && manyNuls(body)) return binaryError(bytes);

  switch (encoding) {
    case undefined: {
      try {
        return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding: 'utf-8', encodingDetected: true };
      } catch {
        // Korean CP949 bytes now and then pair up as a valid UTF-8 character, so the test is which
        // reading is mostly right: UTF-8 with a few bad bytes, or CP949 that reads as Korean.
        const lossy = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
        let valid = 0;
        let bad = 0;
        for (let index = 0; index < lossy.length; index += 1) {
          const code = lossy.charCodeAt(index);
          if (code < 0x80) continue;
          if (code === 0xfffd) bad += 1;
          else {
            valid += 1;
            // A character outside the BMP (two UTF-16 units) counts once.
            if (code >= 0xd800 && code <= 0xdbff) index += 1;
          }
        }
        if (valid <= bad * 2) {
          const korean = iconv.decode(Buffer.from(body), 'cp949', { stripBOM: false });
          if (readsAsKorean(korean)) return { text: korean, encoding: 'cp949', encodingDetected: true };
        }
        return { text: lossy, encoding: 'utf-8', encodingDetected: true };
      }
    }
    case 'utf-8':
      return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(body), encoding, encodingDetected: choice === 'auto' };
    case 'utf-16le':
    case 'utf-16be':
    case 'cp949':
      return { text: iconv.decode(Buffer.from(body), encoding, { stripBOM: false }), encoding, encodingDetected: choice === 'auto' };
    default:
      return assertNever(encoding);
  }
}

/**
 * Whether decoded text is mostly not text: control characters other than tab and line breaks, and,
 * when the encoding was guessed, characters the decoder could not read. A person's chosen encoding
 * may well turn letters into U+FFFD; that shows in the preview and is not called binary.
 */
function looksBinary(text: string, encodingDetected: boolean): boolean {
  const sample = text.slice(0, SNIFF_LENGTH);
  let suspicious = 0;
  for (let index = 0; index < sample.length; index += 1) {
    const code = sample.charCodeAt(index);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f || (encodingDetected && code === 0xfffd)) suspicious += 1;
  }
  return suspicious >= 3 && suspicious > sample.length / 20;
}

/** The 'binary' error, naming a spreadsheet workbook when the bytes start like one (ZIP for .xlsx, OLE for .xls). */
function binaryError(bytes: Uint8Array): ListImportError {
  const startsWith = (signature: readonly number[]): boolean => signature.every((byte, index) => bytes[index] === byte);
  const saveAsCsv = 'In Excel, use File > Save As and choose "CSV UTF-8 (Comma delimited) (*.csv)", then import that file.';
  if (startsWith([0x50, 0x4b, 0x03, 0x04]) || startsWith([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return { error: 'binary', detail: `This looks like an Excel workbook or another document, not a CSV file. ${saveAsCsv}` };
  }
  return { error: 'binary', detail: `This file does not look like text: it contains binary data. Import a CSV or tab-separated text file. ${saveAsCsv}` };
}

// Rows

/** How many broken-quote lines a file may have before it is refused as a whole (each one restarts the parse). */
const MAX_BROKEN_QUOTES = 100;

/** Control characters and invisible direction overrides that are not text in a member field (line breaks and tabs are handled apart). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Any character `cleanCell` changes (line breaks, tabs and `NOT_TEXT`), without the global flag so `test` keeps no state. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NEEDS_CLEANING = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/;

/** A cell as a member field: line breaks and tabs become spaces, characters that are not text are taken out, ends trimmed. */
export function cleanCell(cell: string): { text: string; removed: boolean } {
  // Most cells hold none of these: one scan, then only a trim.
  if (!NEEDS_CLEANING.test(cell)) return { text: cell.trim(), removed: false };
  const spaced = cell.replace(/[\n\r\t]+/g, ' ');
  const text = spaced.replace(NOT_TEXT, '');
  return { text: text.trim(), removed: text.length !== spaced.length };
}

/** What `parseRows` gives back. */
interface ParsedRows {
  readonly delimiter: TableDelimiter;
  readonly rows: TableRow[];
  readonly notes: TableNote[];
  readonly unreadable: DecodedTable['unreadable'];
}

/**
 * Rows with the line each starts on, blank rows left out. Line breaks are first made one kind (\r\n,
 * bare \r and \n each count as one break, as text editors number lines). A row papaparse reports a
 * quote error for, or a quoted cell running over a line that holds an e-mail address of its own
 * (a stray quote swallowing the rows after it), is reported as an unreadable line and reading starts
 * again on the next line, so one bad quote costs one line, never the members after it. A quoted cell
 * that really spans lines (Excel's Alt+Enter) is kept, with a note naming the lines. With `checkBytes`
 * (the encoding was detected), a row holding U+FFFD — bytes the decoder could not read — is reported
 * as unreadable; a person who chose the encoding sees such characters in the preview instead.
 */
function parseRows(raw: string, checkBytes: boolean): ParsedRows | ListImportError {
  const text = raw.replace(/\r\n?/g, '\n');
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  const lineCount = lineStarts.length;
  const lineOf = (offset: number): number => {
    let low = 0;
    let high = lineCount - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
  const lineText = (line: number): string => text.slice(lineStarts[line - 1] ?? 0, line < lineCount ? (lineStarts[line] ?? 1) - 1 : text.length);

  // A first, short pass lets papaparse guess the delimiter with blank lines skipped (a trailing blank
  // line otherwise defeats its guess).
  const guess = Papa.parse<string[]>(text, { delimiter: '', delimitersToGuess: [',', ';', '\t'], newline: '\n', skipEmptyLines: 'greedy', preview: 1 });
  const delimiter = toDelimiter(guess.meta.delimiter);
  const addressesOn = (line: number): number => lineText(line).split(delimiter).filter((cell) => isValidEmail(cell.replace(/"/g, ''))).length;

  const rows: TableRow[] = [];
  const notes: TableNote[] = [];
  const unreadable: { line: number; reason: 'broken-quote' | 'bad-bytes'; detail: string }[] = [];
  for (let startLine = 1; startLine <= lineCount; ) {
    const from = lineStarts[startLine - 1] ?? 0;
    let resumeAt: number | null = null;
    let rowStart = 0;
    Papa.parse<string[]>(text.slice(from), {
      delimiter,
      newline: '\n',
      header: false,
      skipEmptyLines: false,
      step: (result, parser) => {
        const line = lineOf(from + rowStart);
        const lastLine = lineOf(from + Math.max(rowStart, result.meta.cursor - 1));
        rowStart = result.meta.cursor;
        const quoteError = result.errors.some((error) => error.type === 'Quotes');
        // A row over several lines swallowed another when its lines, read one by one, hold more
        // addresses than its cells do.
        let swallowed = false;
        if (lastLine > line) {
          let addressesOnLines = 0;
          for (let each = line; each <= lastLine; each += 1) addressesOnLines += addressesOn(each);
          swallowed = addressesOnLines > result.data.filter((cell) => isValidEmail(cell)).length;
        }
        if (quoteError || swallowed) {
          unreadable.push({ line, reason: 'broken-quote', detail: brokenQuoteDetail(line) });
          resumeAt = line + 1;
          parser.abort();
          return;
        }
        // One pass over the cells, no object per cell: a 100,000-row file has half a million of them.
        const cells: string[] = new Array<string>(result.data.length);
        let removed = false;
        let anyText = false;
        for (let index = 0; index < result.data.length; index += 1) {
          const raw = result.data[index] ?? '';
          let text: string;
          if (NEEDS_CLEANING.test(raw)) {
            const clean = cleanCell(raw);
            text = clean.text;
            removed ||= clean.removed;
          } else text = raw.trim();
          cells[index] = text;
          anyText ||= text !== '';
        }
        if (!anyText) return;
        if (checkBytes && cells.some((cell) => cell.includes('\ufffd'))) {
          unreadable.push({ line, reason: 'bad-bytes', detail: `Line ${line} has bytes that are not text in the file's encoding (shown as �), so a name or address on it would be wrong. Fix that line, or choose the file's encoding by hand.` });
          return;
        }
        rows.push({ line, cells });
        if (lastLine > line) notes.push({ line, lastLine, kind: 'multi-line', detail: `The row on line ${line} has a quoted cell that runs to line ${lastLine}; its line breaks were read as spaces.` });
        if (removed) notes.push({ line, kind: 'control-characters', detail: `Line ${line} had characters that are not text (such as NUL or other control codes); they were taken out.` });
      },
    });
    if (resumeAt === null) break;
    if (unreadable.length > MAX_BROKEN_QUOTES) {
      const first = unreadable.find((entry) => entry.reason === 'broken-quote')?.line ?? resumeAt - 1;
      return { error: 'broken-quote', line: first, detail: `More than ${MAX_BROKEN_QUOTES} lines have quotes in the wrong place (the first is line ${first}). Open the file in Excel and save it again as CSV, or fix the quotes in a text editor.` };
    }
    startLine = resumeAt;
  }
  return { delimiter, rows, notes, unreadable };
}

/** What the report says about a line with a broken quote. */
function brokenQuoteDetail(line: number): string {
  return `Line ${line} has a quote (") that does not close where a cell ends, so its cells cannot be told apart; the line was left out and the lines after it were read on their own. Fix the quotes on that line, or open the file in Excel and save it again as CSV.`;
}

/** The delimiter papaparse reported, as one of ours (it falls back to a comma for single-column files). */
function toDelimiter(found: string): TableDelimiter {
  return found === ';' || found === '\t' ? found : ',';
}

/** Header cells as column names: trimmed, `column N` for a blank one, ` (2)`, ` (3)` … for repeats. */
function headerColumns(cells: readonly string[]): string[] {
  const taken = new Set<string>();
  return cells.map((cell, index) => {
    const base = cell === '' ? `column ${index + 1}` : cell;
    let name = base;
    for (let copy = 2; taken.has(name); copy += 1) name = `${base} (${copy})`;
    taken.add(name);
    return name;
  });
}

/**
 * A note for every row with fewer cells than the header, or with more cells that hold text. Extra
 * cells that are all blank (a trailing comma) lose nothing, so they are not worth a note on every row.
 */
function raggedNotes(columnCount: number, rows: readonly TableRow[]): TableNote[] {
  const notes: TableNote[] = [];
  for (const { line, cells } of rows) {
    if (cells.length < columnCount) {
      notes.push({ line, kind: 'ragged', detail: `Line ${line} has ${cells.length} of the header's ${columnCount} cells; the missing cells are left empty.` });
    } else if (cells.slice(columnCount).some((cell) => cell !== '')) {
      notes.push({ line, kind: 'ragged', detail: `Line ${line} has ${cells.length} cells but the header has ${columnCount}; the cells after the ${ordinal(columnCount)} are ignored.` });
    }
  }
  return notes;
}

/** 1 → 1st, 2 → 2nd, 11 → 11th. */
function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

// Column mapping

/** A mapping guess: either column may be unknown. */
export interface GuessedMapping {
  /** The column that looks like the e-mail address, or null. */
  readonly address: number | null;
  /** The column that looks like the member's name, or null. */
  readonly name: number | null;
}

/** Header names (normalised: lower case, no spaces, dashes, dots, underscores or brackets) that mean the address. */
const ADDRESS_HEADERS = new Set([
  'email', 'emailaddress', 'emailaddr', 'mail', 'mailaddress', 'address',
  '이메일', '이메일주소', '메일', '메일주소', '전자우편', '전자우편주소', '전자메일', '전자메일주소',
]);
/** Parts of header names that suggest the address ("학부모 이메일", "Parent email"). */
const ADDRESS_HEADER_PARTS = ['email', 'mail', '이메일', '메일', '전자우편'];
/** Header names that mean the member's name. */
const NAME_HEADERS = new Set([
  'name', 'fullname', 'displayname', 'membername', 'studentname',
  '이름', '성명', '성함', '회원명', '회원이름', '학생명', '학생이름', '학생성명', '보호자명', '보호자이름', '학부모명', '학부모이름', '교인명',
]);
/** Parts of header names that suggest the name ("학생 이름", "Parent name"). */
const NAME_HEADER_PARTS = ['name', '이름', '성명', '성함'];
/** How many rows the content check reads. */
const CONTENT_SAMPLE_ROWS = 200;

/**
 * Guesses which column holds the address and which the name: by header name (English and Korean),
 * else, for the address, the column where most non-blank cells contain "@". The person confirms or
 * changes the guess.
 */
export function guessMapping(columns: readonly string[], rows: readonly { readonly cells: readonly string[] }[]): GuessedMapping {
  const headers = columns.map((column) => column.toLowerCase().replace(/[\s\-_.()[\]]/g, ''));
  const sample = rows.slice(0, CONTENT_SAMPLE_ROWS);
  const atShare = columns.map((_, index) => {
    const filled = sample.map((row) => row.cells[index] ?? '').filter((cell) => cell !== '');
    return filled.length === 0 ? 0 : filled.filter((cell) => cell.includes('@')).length / filled.length;
  });
  const indexes = columns.map((_, index) => index);
  const byShare = (a: number, b: number): number => (atShare[b] ?? 0) - (atShare[a] ?? 0);

  const exactAddress = indexes.filter((index) => ADDRESS_HEADERS.has(headers[index] ?? '')).sort(byShare);
  const contentAddress = indexes.filter((index) => (atShare[index] ?? 0) >= 0.5).sort(byShare);
  const partAddress = indexes.filter((index) => ADDRESS_HEADER_PARTS.some((part) => headers[index]?.includes(part)));
  const address = exactAddress[0] ?? contentAddress[0] ?? partAddress[0] ?? null;

  const others = indexes.filter((index) => index !== address);
  const name =
    others.find((index) => NAME_HEADERS.has(headers[index] ?? '')) ??
    others.find((index) => NAME_HEADER_PARTS.some((part) => headers[index]?.includes(part))) ??
    null;
  return { address, name };
}

// Report export

/**
 * The import report as CSV text (no byte-order mark; the caller adds it): a `line,email,reason,detail`
 * header, then every rejected row and every note, by line, through the shared writer (formula-like
 * cells neutralised).
 */
export function reportToCsv(report: Pick<MemberListReport, 'rejected'>, notes: readonly TableNote[] = []): string {
  const entries = [
    ...report.rejected.map((row) => ({ line: row.line, cells: [String(row.line), row.email, row.reason, row.detail] })),
    ...notes.map((note) => ({ line: note.line, cells: [String(note.line), '', note.kind, note.detail] })),
  ].sort((a, b) => a.line - b.line);
  return writeCsv(['line', 'email', 'reason', 'detail'], entries.map((entry) => entry.cells), { bom: false });
}
