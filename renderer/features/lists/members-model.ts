/**
 * A list's members as the detail view edits them, without holding them: the saved rows stay in the main
 * process (the table asks for the pages it shows); the draft holds only what changed — edited rows by
 * position, removed positions, added rows — and the per-row request they make.
 */
import type { Member } from '../../../app/lists/common/member-list';
import type { MemberList, RequestInput } from '../../../app/ipc/common/contract';
import { isValidEmail } from '../../../app/lists/common/member-list';

/** One member row as shown and edited. */
export interface DraftRow {
  /** Stable key: the saved position for a saved row, `total + n` for the n-th added row. */
  readonly key: number;
  /** The address as typed. */
  readonly email: string;
  /** The name as typed. */
  readonly name: string;
  /** The other columns' values, by column name (kept as they are; not edited here). */
  readonly fields: Readonly<Record<string, string>>;
}

/** What changed in a list's members since they were loaded. */
export interface MembersDraft {
  /** How many members the saved list has. */
  readonly total: number;
  /** The field columns shown after address and name, in the list's column order. */
  readonly fieldNames: readonly string[];
  /** Edited saved rows, by position. */
  readonly edits: ReadonlyMap<number, Pick<DraftRow, 'email' | 'name'>>;
  /** Removed saved rows, by position, ascending. */
  readonly removed: readonly number[];
  /** Added rows, in order. */
  readonly added: readonly DraftRow[];
  /** The key the next added row gets. */
  readonly nextKey: number;
  /** Whether anything was edited, added or removed since loading. */
  readonly dirty: boolean;
}

/** The draft of a loaded list (its header and member count): nothing changed, its field columns. */
export function draftFromList(list: Pick<MemberList, 'columns' | 'mapping'> & { readonly memberCount: number }): MembersDraft {
  const fieldNames = list.columns.filter((_, index) => index !== list.mapping.address && index !== list.mapping.name);
  return { total: list.memberCount, fieldNames, edits: new Map(), removed: [], added: [], nextKey: list.memberCount, dirty: false };
}

/** A saved member as a row, with this draft's edit over it. */
export function savedRow(draft: MembersDraft, position: number, member: Member): DraftRow {
  const edit = draft.edits.get(position);
  return { key: position, email: edit?.email ?? member.email, name: edit?.name ?? member.name, fields: member.fields };
}

/** How many rows show: the saved ones not removed, and the added ones. */
export function rowCount(draft: MembersDraft): number {
  return draft.total - draft.removed.length + draft.added.length;
}

/** How many removed positions are below `position`. */
function removedBelow(draft: MembersDraft, position: number): number {
  let low = 0;
  let high = draft.removed.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (draft.removed[mid]! < position) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The 1-based number a saved row shows (its place among the rows not removed). */
export function rowNumberOf(draft: MembersDraft, position: number): number {
  return position - removedBelow(draft, position) + 1;
}

/** What the `index`-th shown row is (with nothing searched): a saved position, or an added row. */
export function shownRow(draft: MembersDraft, index: number): { readonly position: number } | { readonly added: DraftRow } {
  const saved = draft.total - draft.removed.length;
  if (index >= saved) return { added: draft.added[index - saved]! };
  // The smallest position p with p - removedBelow(p) === index that is not removed.
  let low = index;
  let high = index + draft.removed.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (mid - removedBelow(draft, mid + 1) + 1 <= index) low = mid + 1;
    else high = mid;
  }
  return { position: low };
}

/** Changes the address and/or name of one row (saved or added). */
export function editRow(draft: MembersDraft, row: DraftRow, patch: Partial<Pick<DraftRow, 'email' | 'name'>>): MembersDraft {
  if (row.key >= draft.total) return { ...draft, added: draft.added.map((r) => (r.key === row.key ? { ...r, ...patch } : r)), dirty: true };
  const edits = new Map(draft.edits);
  edits.set(row.key, { email: patch.email ?? row.email, name: patch.name ?? row.name });
  return { ...draft, edits, dirty: true };
}

/** Removes one row. */
export function removeRow(draft: MembersDraft, key: number): MembersDraft {
  if (key >= draft.total) return { ...draft, added: draft.added.filter((r) => r.key !== key), dirty: true };
  if (draft.removed.includes(key)) return draft;
  const edits = new Map(draft.edits);
  edits.delete(key);
  return { ...draft, edits, removed: [...draft.removed, key].sort((a, b) => a - b), dirty: true };
}

/** Adds an empty row at the end; its key is `draft.nextKey`. */
export function addRow(draft: MembersDraft): MembersDraft {
  const fields = Object.fromEntries(draft.fieldNames.map((name) => [name, '']));
  return { ...draft, added: [...draft.added, { key: draft.nextKey, email: '', name: '', fields }], nextKey: draft.nextKey + 1, dirty: true };
}

/** Whether a row's address would be refused when saving (blank or not an address). */
export function rowHasProblem(row: Pick<DraftRow, 'email'>): boolean {
  return !isValidEmail(row.email);
}

/** How many rows would be refused when saving (the saved rows were checked when they were saved). */
export function problemCount(draft: MembersDraft): number {
  let count = 0;
  for (const edit of draft.edits.values()) if (rowHasProblem(edit)) count += 1;
  for (const row of draft.added) if (rowHasProblem(row)) count += 1;
  return count;
}

/** Whether an added row matches a search (address or name contains it, ignoring case); every row for a blank one. */
export function rowMatches(row: Pick<DraftRow, 'email' | 'name'>, query: string): boolean {
  const needle = query.trim().toLowerCase();
  return needle === '' || row.email.toLowerCase().includes(needle) || row.name.toLowerCase().includes(needle);
}

/** The `lists:edit-members` request for the draft: only the changed rows, trimmed; the server validates them like an import. */
export function editMembersInput(id: string, draft: MembersDraft): RequestInput<'lists:edit-members'> {
  return {
    id,
    edits: [...draft.edits].map(([position, edit]) => ({ position, email: edit.email.trim(), name: edit.name.trim() })),
    removed: [...draft.removed],
    added: draft.added.map((row) => ({
      email: row.email.trim(),
      name: row.name.trim(),
      fields: Object.fromEntries(draft.fieldNames.map((name) => [name, row.fields[name] ?? ''])),
    })),
  };
}
