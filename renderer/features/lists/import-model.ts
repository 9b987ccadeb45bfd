/** The import flow's pure rules: the size limit, sizes for people, and the column mapping the form starts with. */
import { MAX_IMPORT_BYTES, type ColumnMapping, type TableDelimiter } from '../../../app/lists/common/member-list';

// Checked before the file is read, so a 50 MB file is refused without loading it.
export { MAX_IMPORT_BYTES };

/** Whether a file of `size` bytes is over the import limit. */
export function isTooLarge(size: number): boolean {
  return size > MAX_IMPORT_BYTES;
}

/** A byte count for people, in the UI language's digits: `4.2 MB`, `820 KB`, `12 B`. */
export function formatSize(bytes: number, locale: string): string {
  const number = (value: number, digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
  if (bytes >= 1024 * 1024) return `${number(bytes / (1024 * 1024), 1)} MB`;
  if (bytes >= 1024) return `${number(Math.round(bytes / 1024), 0)} KB`;
  return `${number(bytes, 0)} B`;
}

/** The word key of a delimiter (`listsScreen.delimiters.<key>`). */
export function delimiterKey(delimiter: TableDelimiter): 'comma' | 'semicolon' | 'tab' {
  switch (delimiter) {
    case ',':
      return 'comma';
    case ';':
      return 'semicolon';
    case '\t':
      return 'tab';
  }
}

/** The mapping as the form holds it: the address column may still be unchosen. */
export interface MappingDraft {
  /** Index of the address column, or null until one is chosen. */
  readonly address: number | null;
  /** Index of the name column, or null for none. */
  readonly name: number | null;
}

/** A list the file may be imported into: its columns and the mapping it remembers. */
export interface ImportTarget {
  /** The list's columns at its last import. */
  readonly columns: readonly string[];
  /** The mapping used then. */
  readonly mapping: ColumnMapping;
}

/** Whether two headers are the same columns in the same order. */
export function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((column, index) => column === b[index]);
}

/**
 * The mapping the form starts with: the target list's remembered one when its columns are the file's
 * columns, else Mailroom's guess from the header and content. `remembered` says which.
 */
export function initialMapping(columns: readonly string[], guessed: MappingDraft, target: ImportTarget | null): { mapping: MappingDraft; remembered: boolean } {
  if (target !== null && sameColumns(columns, target.columns) && target.mapping.address < columns.length) {
    return { mapping: { address: target.mapping.address, name: target.mapping.name }, remembered: true };
  }
  const inRange = (index: number | null) => (index !== null && index >= 0 && index < columns.length ? index : null);
  const address = inRange(guessed.address);
  const name = inRange(guessed.name);
  return { mapping: { address, name: name === address ? null : name }, remembered: false };
}

/** What is wrong with a mapping, or null when it can be imported. */
export function mappingProblem(mapping: MappingDraft): 'address-required' | 'same-column' | null {
  if (mapping.address === null) return 'address-required';
  if (mapping.name !== null && mapping.name === mapping.address) return 'same-column';
  return null;
}

/** The mapping for `lists:import`, or null while it has a problem. */
export function toColumnMapping(mapping: MappingDraft): ColumnMapping | null {
  return mappingProblem(mapping) === null && mapping.address !== null ? { address: mapping.address, name: mapping.name } : null;
}

/** The columns that become template fields: every column that is neither the address nor the name. */
export function fieldColumns(columns: readonly string[], mapping: MappingDraft): string[] {
  return columns.filter((_, index) => index !== mapping.address && index !== mapping.name);
}

/** A list name from a file name: `3학년 학부모.csv` → `3학년 학부모`. */
export function listNameFromFile(fileName: string): string {
  const base = fileName.replace(/\.(csv|tsv|txt)$/i, '').trim();
  return (base === '' ? fileName : base).slice(0, 120);
}
