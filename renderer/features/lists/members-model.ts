/** A list's members as the detail view edits them: pure changes over readonly rows, and the request they make. */
import type { MemberList, RequestInput } from '../../../app/ipc/common/contract';
import { isValidEmail } from '../../../app/lists/common/member-list';

/** One member row being edited. */
export interface DraftRow {
  /** Stable React key for the row (not saved). */
  readonly key: number;
  /** The address as typed. */
  readonly email: string;
  /** The name as typed. */
  readonly name: string;
  /** The other columns' values, by column name (kept as they are; not edited here). */
  readonly fields: Readonly<Record<string, string>>;
}

/** The members being edited, with what changed since they were loaded. */
export interface MembersDraft {
  /** The rows in list order. */
  readonly rows: readonly DraftRow[];
  /** The field columns shown after address and name, in the list's column order. */
  readonly fieldNames: readonly string[];
  /** The key the next added row gets. */
  readonly nextKey: number;
  /** Whether anything was edited, added or removed since loading. */
  readonly dirty: boolean;
}

/** The draft of a loaded list: its members, and its field columns (every column but the address and name). */
export function draftFromList(list: Pick<MemberList, 'columns' | 'mapping' | 'members'>): MembersDraft {
  const byColumn = list.columns.filter((_, index) => index !== list.mapping.address && index !== list.mapping.name);
  // Rows saved by an older version, or edited elsewhere, may carry fields the header no longer names.
  const extra = new Set<string>();
  for (const member of list.members) for (const key of Object.keys(member.fields)) if (!byColumn.includes(key)) extra.add(key);
  return {
    rows: list.members.map((member, index) => ({ key: index, email: member.email, name: member.name, fields: member.fields })),
    fieldNames: [...byColumn, ...extra],
    nextKey: list.members.length,
    dirty: false,
  };
}

/** Changes the address and/or name of one row. */
export function editRow(draft: MembersDraft, key: number, patch: Partial<Pick<DraftRow, 'email' | 'name'>>): MembersDraft {
  return { ...draft, rows: draft.rows.map((row) => (row.key === key ? { ...row, ...patch } : row)), dirty: true };
}

/** Removes one row. */
export function removeRow(draft: MembersDraft, key: number): MembersDraft {
  return { ...draft, rows: draft.rows.filter((row) => row.key !== key), dirty: true };
}

/** Adds an empty row at the end; its key is `draft.nextKey`. */
export function addRow(draft: MembersDraft): MembersDraft {
  const fields = Object.fromEntries(draft.fieldNames.map((name) => [name, '']));
  return { ...draft, rows: [...draft.rows, { key: draft.nextKey, email: '', name: '', fields }], nextKey: draft.nextKey + 1, dirty: true };
}

/** Whether a row's address would be refused when saving (blank or not an address). */
export function rowHasProblem(row: Pick<DraftRow, 'email'>): boolean {
  return !isValidEmail(row.email);
}

/** How many rows would be refused when saving. */
export function problemCount(draft: MembersDraft): number {
  return draft.rows.reduce((count, row) => count + (rowHasProblem(row) ? 1 : 0), 0);
}

/**
 * Indexes of the rows whose address or name contains `query` (ignoring case); every index for a blank
 * query. The row with key `keep` (the one being edited) always stays, so it does not vanish while its
 * address is retyped.
 */
export function matchingRows(rows: readonly DraftRow[], query: string, keep: number | null = null): number[] {
  const needle = query.trim().toLowerCase();
  const indexes: number[] = [];
  rows.forEach((row, index) => {
    if (needle === '' || row.key === keep || row.email.toLowerCase().includes(needle) || row.name.toLowerCase().includes(needle)) indexes.push(index);
  });
  return indexes;
}

/** The `lists:set-members` request for the draft: every row, trimmed; the server validates them like an import. */
export function setMembersInput(id: string, draft: MembersDraft): RequestInput<'lists:set-members'> {
  return {
    id,
    members: draft.rows.map((row) => ({
      email: row.email.trim(),
      name: row.name.trim(),
      fields: Object.fromEntries(draft.fieldNames.map((name) => [name, row.fields[name] ?? ''])),
    })),
  };
}
