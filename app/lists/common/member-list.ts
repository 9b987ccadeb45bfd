/**
 * The member list: the shapes of an imported table, address validation, pasted addresses, and the
 * rules that turn table rows into members plus a report of every row that was not accepted.
 * Pure code: main and renderer both use it. Decoding files lives in app/lists/node/list-import.ts.
 */
import { z } from 'zod';
import { AppError } from '../../ipc/common/app-error';

// Imported tables (decoded by app/lists/node/list-import.ts)

/** The largest file Mailroom imports: 20 MiB. Larger member lists are almost always the wrong file. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** A character encoding Mailroom can read a list file in. */
export const tableEncodingSchema = z.enum(['utf-8', 'utf-16le', 'utf-16be', 'cp949']);
/** A character encoding Mailroom can read a list file in. */
export type TableEncoding = z.infer<typeof tableEncodingSchema>;

/** The encoding a person picks for a file: `auto` lets Mailroom detect it. */
export const encodingChoiceSchema = z.enum(['auto', ...tableEncodingSchema.options]);
/** The encoding a person picks for a file: `auto` lets Mailroom detect it. */
export type EncodingChoice = z.infer<typeof encodingChoiceSchema>;

/** A cell delimiter Mailroom detects. */
export const tableDelimiterSchema = z.enum([',', ';', '\t']);
/** A cell delimiter Mailroom detects. */
export type TableDelimiter = z.infer<typeof tableDelimiterSchema>;

/** One data row of a table, with the line where it starts. */
export const tableRowSchema = z.object({
  /** 1-based line of the file (or pasted text) where the row starts, as a text editor numbers lines. */
  line: z.number().int().positive(),
  /** The row's cells, trimmed, in column order; a ragged row has fewer or more than the columns. */
  cells: z.array(z.string()),
});
/** One data row of a table, with the line where it starts. */
export type TableRow = z.infer<typeof tableRowSchema>;

/** Something about a row that did not stop the import but that the report must mention. */
export const tableNoteSchema = z.object({
  /** 1-based line where the row starts. */
  line: z.number().int().positive(),
  /**
   * What kind of note: `ragged` means the row has more or fewer cells than the header; `multi-line`
   * that a quoted cell holds line breaks, so the row runs from `line` to `lastLine` (the breaks became
   * spaces); `control-characters` that characters which are not text (NUL, other control codes) were
   * taken out of the row.
   */
  kind: z.enum(['ragged', 'multi-line', 'control-characters']),
  /** The last line the row covers, when it runs over more than one. */
  lastLine: z.number().int().positive().optional(),
  /** An English sentence saying what was found and what Mailroom did about it. */
  detail: z.string(),
});
/** Something about a row that did not stop the import but that the report must mention. */
export type TableNote = z.infer<typeof tableNoteSchema>;

/** A list file read into a header and rows. */
export const decodedTableSchema = z.object({
  /** The encoding the bytes were read in. */
  encoding: tableEncodingSchema,
  /** True when Mailroom detected the encoding, false when the person chose it. */
  encodingDetected: z.boolean(),
  /** The cell delimiter found in the file (comma when the file has a single column). */
  delimiter: tableDelimiterSchema,
  /** Column names from the header row: trimmed, never empty, never repeated. */
  columns: z.array(z.string()),
  /** The data rows after the header; rows whose cells are all blank are left out. */
  rows: z.array(tableRowSchema),
  /** Ragged rows and similar findings, by line. */
  notes: z.array(tableNoteSchema),
  /** Lines that could not be read as a row (a broken quote, bytes that are not text in the encoding), by line. */
  unreadable: z.array(z.object({ line: z.number().int().positive(), reason: z.enum(['broken-quote', 'bad-bytes']), detail: z.string() })).default([]),
});
/** A list file read into a header and rows. */
export type DecodedTable = z.infer<typeof decodedTableSchema>;

/** Why a file could not be read as a list at all. */
export const listImportErrorCodeSchema = z.enum([
  /** The file has no bytes, or only blanks. */
  'empty',
  /** The file is larger than the import limit. */
  'too-large',
  /** The file is not text (a workbook, an image, …). */
  'binary',
  /** A quoted cell is never closed or has a stray quote. */
  'broken-quote',
  /** There is a header row but no rows under it. */
  'no-rows',
]);
/** Why a file could not be read as a list at all. */
export type ListImportErrorCode = z.infer<typeof listImportErrorCodeSchema>;

/** A file that could not be read as a list, with words a person can act on. */
export const listImportErrorSchema = z.object({
  /** Machine-readable code; the renderer picks its words by this. */
  error: listImportErrorCodeSchema,
  /** An English sentence: what is wrong and what to do about it. */
  detail: z.string(),
  /** The 1-based line the problem is on, when there is one. */
  line: z.number().int().positive().optional(),
});
/** A file that could not be read as a list, with words a person can act on. */
export type ListImportError = z.infer<typeof listImportErrorSchema>;

/** Which column holds what; indexes into `columns`. */
export const columnMappingSchema = z.object({
  /** The column with the e-mail address. Required. */
  address: z.number().int().nonnegative(),
  /** The column with the member's name, or null when the list has none. */
  name: z.number().int().nonnegative().nullable(),
});
/** Which column holds what; indexes into `columns`. */
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

// Members and the import report

/** Whether a value is a plain object (or one without a prototype) whose own values are all strings. */
function isStringRecord(value: unknown): value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.values(value).every((cell) => typeof cell === 'string');
}

/**
 * A member's other columns by header name. Not `z.record`: zod leaves a `__proto__` key out of a
 * parsed record, which would lose a column of that name; this keeps the object as it came (JSON.parse
 * and structured clone give own properties, so `__proto__` is an ordinary key there).
 */
export const memberFieldsSchema = z.custom<Record<string, string>>(isStringRecord, { message: 'Expected the fields as an object of text values.' });

/** A member's value for a column, looking only at its own fields (so `constructor` or `toString` is never an inherited function). */
export function fieldValue(fields: Readonly<Record<string, string>>, name: string): string {
  return Object.hasOwn(fields, name) ? (fields[name] ?? '') : '';
}

/** Why a row did not become a member. */
export const rejectReasonSchema = z.enum([
  /** The address cell is blank. */
  'empty-address',
  /** The address cell does not hold a usable e-mail address. */
  'invalid-address',
  /** The same address (ignoring case) is on an earlier line; the earlier one is kept. */
  'duplicate',
  /** The address is on the suppression list. */
  'suppressed',
  /** The line has a quote that does not close where a cell ends, so its cells cannot be told apart. */
  'broken-quote',
  /** The line has bytes that are not text in the file's encoding. */
  'bad-bytes',
]);
/** Why a row did not become a member. */
export type RejectReason = z.infer<typeof rejectReasonSchema>;
/** Every reject reason, in the order reports list them. */
export const REJECT_REASONS = rejectReasonSchema.options;

/** A member who will receive the notice. */
export const memberSchema = z.object({
  /** 1-based line of the file or pasted text the member came from. */
  line: z.number().int().positive(),
  /** The e-mail address, trimmed, otherwise as typed (case kept). */
  email: z.string(),
  /** The member's name, trimmed; empty when the list has no name column. */
  name: z.string(),
  /** Every other column by its header name, for templates. */
  fields: memberFieldsSchema,
});
/** A member who will receive the notice. */
export type Member = z.infer<typeof memberSchema>;

/** A row that did not become a member, and why. */
export const rejectedRowSchema = z.object({
  /** 1-based line of the file or pasted text. */
  line: z.number().int().positive(),
  /** The address cell as typed (trimmed); empty for `empty-address`. */
  email: z.string(),
  /** Why the row was not accepted. */
  reason: rejectReasonSchema,
  /** An English sentence for the report, e.g. naming the line of the first occurrence. */
  detail: z.string(),
});
/** A row that did not become a member, and why. */
export type RejectedRow = z.infer<typeof rejectedRowSchema>;

/** The outcome of building members from a table: who is in, who is not, and counts. */
export const memberListReportSchema = z.object({
  /** Accepted members, in the order of the file. */
  members: z.array(memberSchema),
  /** Every row not accepted, in the order of the file. */
  rejected: z.array(rejectedRowSchema),
  /** Counts for the summary line. */
  summary: z.object({
    /** Data rows looked at. */
    rows: z.number().int().nonnegative(),
    /** Rows that became members. */
    accepted: z.number().int().nonnegative(),
    /** Rows not accepted, by reason (every reason present, zero when none). */
    rejected: z.record(rejectReasonSchema, z.number().int().nonnegative()),
  }),
});
/** The outcome of building members from a table: who is in, who is not, and counts. */
export type MemberListReport = z.infer<typeof memberListReportSchema>;

/** One address found in pasted text. */
export interface PastedMember {
  /** 1-based line of the pasted text where the address starts. */
  readonly line: number;
  /** The address part as typed (trimmed); may be invalid, validation comes later. */
  readonly email: string;
  /** The display name from `Name <addr>` or `"Name" <addr>`; empty for a bare address. */
  readonly name: string;
}

// Address syntax

const LOCAL_ATOM = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+$/;
const DOMAIN_LABEL = /^[\p{L}\p{Mn}\p{Mc}\p{Nd}](?:[\p{L}\p{Mn}\p{Mc}\p{Nd}-]*[\p{L}\p{Mn}\p{Mc}\p{Nd}])?$/u;
const ALL_DIGITS = /^\p{Nd}+$/u;

/**
 * Whether `address` (trimmed first) is an e-mail address Mailroom will send to.
 *
 * Accepts `local@domain` where the local part is an RFC 5322 dot-atom of ASCII characters (letters,
 * digits and ! # $ % & ' * + - / = ? ^ _ ` { | } ~; dots only between them; at most 64), and the domain
 * is two or more labels of letters (any script, so 한국.kr and müller.de pass, as do their xn--
 * Punycode forms), digits and inner hyphens, each at most 63 long, at most 253 in all, with a
 * top-level label that is not all digits.
 *
 * It does not try to be full RFC 5322: quoted local parts ("a b"@x.kr), comments, IP-literal domains
 * (a@[10.0.0.1]) and non-ASCII local parts are refused. Such addresses are legal but member lists
 * almost never hold them, several providers refuse them, and a list that has one almost always has a
 * typo instead; refusing keeps typos such as `name@gmail` or `name@x..kr` out of a send.
 */
export function isValidEmail(address: string): boolean {
  // Nearly every address on a list is plain ASCII: one expression accepts those (it admits nothing the
  // checks below refuse; a property test holds it to that); the rest go through the checks.
  if (address.length <= 254 && PLAIN_ADDRESS.test(address)) {
    const at = address.indexOf('@');
    if (at <= 64 && address.length - at - 1 <= 253) return true;
  }
  return isValidEmailByParts(address);
}

/** An ASCII address the checks of `isValidEmail` always accept (label lengths apart from the whole's); a top-level label that starts with a letter is not all digits. */
const PLAIN_ADDRESS = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** The checks of `isValidEmail` one part at a time (exported for the property test of the fast path). */
export function isValidEmailByParts(address: string): boolean {
  const trimmed = address.trim();
  if (trimmed.length > 254) return false;
  const at = trimmed.indexOf('@');
  if (at < 0 || trimmed.indexOf('@', at + 1) >= 0) return false;
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1);
  if (local.length === 0 || local.length > 64) return false;
  if (!local.split('.').every((atom) => LOCAL_ATOM.test(atom))) return false;
  if (domain.length === 0 || domain.length > 253) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((label) => label.length <= 63 && DOMAIN_LABEL.test(label))) return false;
  return !ALL_DIGITS.test(labels[labels.length - 1] ?? '');
}

/** The key two addresses are compared by (duplicates, suppression): trimmed, NFC, lower-cased. */
export function addressKey(address: string): string {
  return address.trim().normalize('NFC').toLowerCase();
}

/** An English sentence saying what is probably wrong with an address `isValidEmail` refused. */
function describeInvalidAddress(address: string): string {
  const ats = address.split('@').length - 1;
  if (ats > 1 && /[\s,;/]/.test(address)) return 'This cell holds more than one address; put one address on each row.';
  if (ats === 0 && address.includes('＠')) return 'The address has a full-width ＠; type it again with a normal @.';
  if (ats === 0) return 'There is no @ in this address.';
  if (ats > 1) return 'The address has more than one @.';
  if (/\s/.test(address)) return 'The address contains a space.';
  const domain = address.slice(address.indexOf('@') + 1);
  if (domain.length > 0 && !domain.includes('.')) return `The part after @ has no dot: "${domain}" should be a full domain such as ${domain}.com or ${domain}.co.kr.`;
  if (/^\.|\.\.|\.$/.test(domain)) return 'The part after @ has an empty part between dots.';
  return 'This is not a valid e-mail address.';
}

// Building members

const EMPTY_COUNTS: Readonly<Record<RejectReason, number>> = { 'empty-address': 0, 'invalid-address': 0, duplicate: 0, suppressed: 0, 'broken-quote': 0, 'bad-bytes': 0 };

/** What `buildMembers` needs: a table, its mapping and the suppression list. */
export interface BuildMembersInput {
  /** Column names, as in `DecodedTable.columns`. */
  readonly columns: readonly string[];
  /** Data rows, as in `DecodedTable.rows`. */
  readonly rows: readonly TableRow[];
  /** Which column is the address and which the name. */
  readonly mapping: ColumnMapping;
  /** Suppressed addresses as `addressKey` values (trimmed, lower-cased). */
  readonly suppressed: ReadonlySet<string>;
  /** Lines the file reader could not read as a row (`DecodedTable.unreadable`): reported as rejected. */
  readonly unreadable?: DecodedTable['unreadable'];
}

/**
 * Validates every row and splits the table into members and rejected rows. A row is rejected for a
 * blank address, an invalid one, an address on the suppression list, or an address already seen on
 * an earlier line (ignoring case; the first is kept). Throws `invalid-input` for a mapping that does
 * not fit the columns.
 */
export function buildMembers(input: BuildMembersInput): MemberListReport {
  const { columns, rows, mapping, suppressed } = input;
  if (mapping.address >= columns.length) throw new AppError('invalid-input', 'The address column is not one of the columns.');
  if (mapping.name !== null && (mapping.name >= columns.length || mapping.name === mapping.address)) {
    throw new AppError('invalid-input', 'The name column must be another of the columns.');
  }
  const fieldColumns = columns.flatMap((column, index) => (index === mapping.address || index === mapping.name ? [] : [{ column, index }]));
  const firstLineByKey = new Map<string, number>();
  const members: Member[] = [];
  const rejected: RejectedRow[] = [];
  const counts: Record<RejectReason, number> = { ...EMPTY_COUNTS };
  const reject = (line: number, email: string, reason: RejectReason, detail: string): void => {
    rejected.push({ line, email, reason, detail });
    counts[reason] += 1;
  };

  for (const { line, reason, detail } of input.unreadable ?? []) reject(line, '', reason, detail);
  for (const { line, cells } of rows) {
    const email = (cells[mapping.address] ?? '').trim();
    if (email === '') {
      reject(line, email, 'empty-address', 'The address cell is empty.');
      continue;
    }
    if (!isValidEmail(email)) {
      reject(line, email, 'invalid-address', describeInvalidAddress(email));
      continue;
    }
    const key = addressKey(email);
    if (suppressed.has(key)) {
      reject(line, email, 'suppressed', 'This address is on the suppression list (it unsubscribed or could not be delivered to before).');
      continue;
    }
    const firstLine = firstLineByKey.get(key);
    if (firstLine !== undefined) {
      reject(line, email, 'duplicate', `Same address as line ${firstLine}; the first one is kept.`);
      continue;
    }
    firstLineByKey.set(key, line);
    members.push({
      line,
      email,
      name: mapping.name === null ? '' : (cells[mapping.name] ?? '').trim(),
      // fromEntries defines own properties, so a column named "__proto__" stays a plain field.
      fields: Object.fromEntries(fieldColumns.map(({ column, index }) => [column, (cells[index] ?? '').trim()])),
    });
  }

  rejected.sort((a, b) => a.line - b.line);
  return { members, rejected, summary: { rows: rows.length + (input.unreadable?.length ?? 0), accepted: members.length, rejected: counts } };
}

// Pasted addresses

/** The column names pasted addresses are given, so they go through `buildMembers` like a file. */
export const PASTED_COLUMNS: readonly string[] = ['email', 'name'];

/**
 * Finds the addresses in pasted text: one per line, or separated by commas or semicolons, each a bare
 * `addr`, `Name <addr>` or `"Name, Quoted" <addr>`. Separators inside quotes or angle brackets do not
 * split; a line break always does, so an unbalanced quote cannot swallow the lines after it.
 * Hand-written rather than a CSV parser because this is an address list (RFC 5322 style), not a table.
 */
export function parsePastedAddresses(text: string): { members: PastedMember[] } {
  const members: PastedMember[] = [];
  let line = 1;
  let token = '';
  let inQuote = false;
  let inAngle = false;

  const flush = (): void => {
    const parsed = parseAddressToken(token);
    if (parsed !== null) members.push({ line, ...parsed });
    token = '';
    inQuote = false;
    inAngle = false;
  };

  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] ?? '';
    if (char === '\n' || char === '\r') {
      flush();
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      line += 1;
      continue;
    }
    if (inQuote) {
      if (char === '\\' && i + 1 < text.length && text[i + 1] !== '\n' && text[i + 1] !== '\r') {
        token += char + (text[i + 1] ?? '');
        i += 1;
        continue;
      }
      if (char === '"') inQuote = false;
    } else if (char === '"' && !inAngle) {
      inQuote = true;
    } else if (char === '<') {
      inAngle = true;
    } else if (char === '>') {
      inAngle = false;
    } else if ((char === ',' || char === ';') && !inAngle) {
      flush();
      continue;
    }
    token += char;
  }
  flush();
  return { members };
}

/** Splits one pasted entry into address and name; null for a blank entry. */
function parseAddressToken(raw: string): { email: string; name: string } | null {
  const token = raw.trim();
  if (token === '') return null;
  const angled = /^([^<]*)<([^<>]*)>$/.exec(token);
  if (angled === null) return { email: token, name: '' };
  return { email: (angled[2] ?? '').trim(), name: unquoteName((angled[1] ?? '').trim()) };
}

/** `"Kim, Minsu"` → `Kim, Minsu` (with `\"` and `\\` unescaped); an unquoted name stays as it is. */
function unquoteName(name: string): string {
  if (name.length >= 2 && name.startsWith('"') && name.endsWith('"')) return name.slice(1, -1).replace(/\\(.)/g, '$1').trim();
  return name;
}

/** Pasted addresses as a table with columns `email` and `name`, for `buildMembers`. */
export function pastedMembersToTable(members: readonly PastedMember[]): { columns: readonly string[]; rows: TableRow[] } {
  return { columns: PASTED_COLUMNS, rows: members.map(({ line, email, name }) => ({ line, cells: [email, name] })) };
}

/** Validates pasted addresses exactly like a file: same rules, same report. */
export function buildPastedMembers(members: readonly PastedMember[], suppressed: ReadonlySet<string>): MemberListReport {
  return buildMembers({ ...pastedMembersToTable(members), mapping: { address: 0, name: 1 }, suppressed });
}
