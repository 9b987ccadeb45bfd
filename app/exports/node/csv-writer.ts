/**
 * The one CSV writer for every file Mailroom writes (campaign results, the import report, list and
 * suppression exports): papaparse's `unparse` with formula escaping on, CRLF line ends and, for files
 * meant for a spreadsheet, a UTF-8 byte-order mark so Excel reads Korean right.
 */
import Papa from 'papaparse';

/**
 * Cells a spreadsheet would run as a formula or a DDE command (OWASP "CSV injection"): starting with
 * `=`, `+`, `-`, `@`, tab or CR, and their full-width forms, which Excel with an East Asian input
 * method also reads as formula starts. papaparse's own `escapeFormulae: true` pattern ends in `.*$`,
 * which misses a cell that holds a line break; this one only looks at the first character.
 */
export const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/** Options for `writeCsv`. */
export interface WriteCsvOptions {
  /** Start the text with a UTF-8 byte-order mark (for Excel); default true. */
  readonly bom?: boolean;
}

/** A cell as written: formula-like text gets a leading `'`, which a spreadsheet shows as text. */
export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** CSV text of a header and rows: every cell is neutralised against formulas, quoted where needed, lines end in CRLF. */
export function writeCsv(header: readonly string[], rows: Iterable<readonly string[]>, options: WriteCsvOptions = {}): string {
  const data = Array.from(rows, (row) => [...row]);
  const text = Papa.unparse({ fields: [...header], data }, { newline: '\r\n', escapeFormulae: FORMULA_START, quotes: false });
  return options.bom === false ? text : `\ufeff${text}`;
}
