/**
 * Reading a member-list file (CSV or TSV): take or detect the encoding, refuse what is not a text table,
 * find the delimiter, and give back the header, the rows with the line each starts on, and notes on
 * ragged rows. Parsing is papaparse's and legacy decoding iconv-lite's; only the checks around them
 * are ours. The shapes live in app/lists/common/member-list.ts so the contract and the renderer can use them.
 */
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { assertNever } from '../../ipc/common/app-error';
import { MAX_IMPORT_BYTES } from '../common/member-list';
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
 * is detected (BOM, then strict UTF-8, else CP949) unless `options.encoding` names one; the delimiter
 * (comma, semicolon or tab) is detected. Returns a `ListImportError` for an empty, too large, binary or
 * broken file, or one with no rows under the header.
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

  const parsed = parseRows(text);
  if ('error' in parsed) return parsed;
  const [header, ...rows] = parsed.rows;
  if (header === undefined) return { error: 'empty', detail: 'The file has no cell with text in it. Check that you picked the right file.' };
  const columns = headerColumns(header.cells);
  if (rows.length === 0) {
    return {
      error: 'no-rows',
      line: header.line,
      detail: `The file has a header row (${columns.join(', ')}) but no rows under it. Add the members below the header, or check that you picked the right file.`,
    };
  }
  return { encoding, encodingDetected, delimiter: parsed.delimiter, columns, rows, notes: raggedNotes(columns.length, rows) };
}

// Encoding

/** The byte-order marks Mailroom recognises. */
const BOMS: readonly { readonly encoding: TableEncoding; readonly bytes: readonly number[] }[] = [
  { encoding: 'utf-8', bytes: [0xef, 0xbb, 0xbf] },
  { encoding: 'utf-16le', bytes: [0xff, 0xfe] },
  { encoding: 'utf-16be', bytes: [0xfe, 0xff] },
];

/** Decodes the bytes in the chosen encoding, or detects it: BOM, then strict UTF-8, else CP949 (which covers EUC-KR). */
function decodeText(bytes: Uint8Array, choice: EncodingChoice): { text: string; encoding: TableEncoding; encodingDetected: boolean } | ListImportError {
  const bom = BOMS.find((candidate) => candidate.bytes.every((byte, index) => bytes[index] === byte));
  const encoding = choice === 'auto' ? bom?.encoding : choice;
  const body = bom !== undefined && bom.encoding === encoding ? bytes.subarray(bom.bytes.length) : bytes;
  const isUtf16 = encoding === 'utf-16le' || encoding === 'utf-16be';
  if (!isUtf16 && body.subarray(0, SNIFF_LENGTH).includes(0)) return binaryError(bytes);

  switch (encoding) {
    case undefined: {
      try {
        return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding: 'utf-8', encodingDetected: true };
      } catch {
        return { text: iconv.decode(body, 'cp949', { stripBOM: false }), encoding: 'cp949', encodingDetected: true };
      }
    }
    case 'utf-8':
      return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(body), encoding, encodingDetected: choice === 'auto' };
    case 'utf-16le':
    case 'utf-16be':
    case 'cp949':
      return { text: iconv.decode(body, encoding, { stripBOM: false }), encoding, encodingDetected: choice === 'auto' };
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

/** Rows with the line each starts on, blank rows left out; or the first broken quote. */
function parseRows(text: string): { delimiter: TableDelimiter; rows: TableRow[] } | ListImportError {
  // A first, short pass lets papaparse guess the delimiter and line break with blank lines skipped
  // (a trailing blank line otherwise defeats its guess). The full pass keeps blank lines so that every
  // row's start (the cursor after the row before) is known and its line number can be counted.
  const guess = Papa.parse<string[]>(text, { delimiter: '', delimitersToGuess: [',', ';', '\t'], skipEmptyLines: 'greedy', preview: 1 });
  const delimiter = toDelimiter(guess.meta.delimiter);
  const newline = guess.meta.linebreak === '\r\n' || guess.meta.linebreak === '\r' ? guess.meta.linebreak : '\n';

  const lineAt = createLineCounter(text);
  const rows: TableRow[] = [];
  let rowStart = 0;
  const quoteErrors: ListImportError[] = [];
  Papa.parse<string[]>(text, {
    delimiter,
    newline,
    header: false,
    skipEmptyLines: false,
    step: (result, parser) => {
      const line = lineAt(rowStart);
      const problem = result.errors.find((error) => error.type === 'Quotes');
      if (problem !== undefined) {
        // In a single-string parse papaparse reports the error's index as a position in the whole text.
        const at = problem.index !== undefined && problem.index >= rowStart ? lineAt(Math.min(problem.index, text.length)) : line;
        quoteErrors.push(brokenQuoteError(problem.code === 'MissingQuotes', at));
        parser.abort();
        return;
      }
      const cells = result.data.map((cell) => cell.trim());
      if (cells.some((cell) => cell !== '')) rows.push({ line, cells });
      rowStart = result.meta.cursor;
    },
  });
  return quoteErrors[0] ?? { delimiter, rows };
}

/** The 'broken-quote' error for a quote that is never closed, or one in the wrong place. */
function brokenQuoteError(unclosed: boolean, line: number): ListImportError {
  const fix = 'Fix the quotes on that line in a text editor, or open the file in Excel and save it again as CSV.';
  const detail = unclosed
    ? `A quoted cell on line ${line} is never closed, so the rest of the file would be read as one cell. A cell that starts with " must end with ". ${fix}`
    : `Line ${line} has a quote in the wrong place: after the closing " of a cell, the cell must end. ${fix}`;
  return { error: 'broken-quote', line, detail };
}

/** The delimiter papaparse reported, as one of ours (it falls back to a comma for single-column files). */
function toDelimiter(found: string): TableDelimiter {
  return found === ';' || found === '\t' ? found : ',';
}

/** A function from a position in `text` to its 1-based line, counting \r\n, \r and \n as one break each. Positions must not go backwards. */
function createLineCounter(text: string): (position: number) => number {
  let position = 0;
  let line = 1;
  return (target) => {
    for (; position < target; position += 1) {
      const code = text.charCodeAt(position);
      if (code === 0x0a || (code === 0x0d && text.charCodeAt(position + 1) !== 0x0a)) line += 1;
    }
    return line;
  };
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
 * The import report as CSV text: a `line,email,reason,detail` header, then every rejected row and
 * every note (reason `ragged`), by line. Lines end in CRLF; the caller adds the UTF-8 BOM so Excel
 * reads Korean right. Cells that start like a formula get a leading ' so a spreadsheet shows them as
 * text (OWASP "CSV injection"); papaparse's own `escapeFormulae: true` pattern misses cells with a line
 * break, hence our pattern. Lives here, not in app/lists/common, because papaparse's type definitions pull
 * Node's types into any program that imports it, which would let Node globals type-check in the renderer.
 */
export function reportToCsv(report: Pick<MemberListReport, 'rejected'>, notes: readonly TableNote[] = []): string {
  const entries = [
    ...report.rejected.map((row) => ({ line: row.line, cells: [row.line, row.email, row.reason, row.detail] })),
    ...notes.map((note) => ({ line: note.line, cells: [note.line, '', note.kind, note.detail] })),
  ].sort((a, b) => a.line - b.line);
  return Papa.unparse(
    { fields: ['line', 'email', 'reason', 'detail'], data: entries.map((entry) => entry.cells) },
    { newline: '\r\n', escapeFormulae: /^[=+\-@\t\r]/ },
  );
}
