/**
 * What a member list offers a template: every column header under its own name (the columns mapped as
 * name and address too), plus the `name` and `email` aliases. The template editor's placeholder panel,
 * Compose's preview and the pre-flight all ask this module, so they agree.
 */
import damerauLevenshtein from 'damerau-levenshtein';
import { isPlaceholderName } from './placeholders';

/** The parts of a saved list that decide its placeholders. */
export interface ListShape {
  /** Column headers, in file order. */
  readonly columns: readonly string[];
  /** Which column is the address and which the name (indexes into `columns`). */
  readonly mapping: { readonly address: number; readonly name: number | null };
}

/** One placeholder a list offers. */
export interface OfferedPlaceholder {
  /** The path to write between the braces, in Unicode NFC. */
  readonly path: string;
  /** `column` for a header of the list, `alias` for `name` and `email`. */
  readonly kind: 'column' | 'alias';
  /** For an alias, or a column mapped as name or address: which role it fills (`unsubscribe`: the member's unsubscribe line, which Mailroom makes). */
  readonly role?: 'name' | 'address' | 'unsubscribe';
}

/**
 * The placeholders a list offers: its columns that can be written as a placeholder, in order, then the
 * `name` and `email` aliases (unless a column has that name), then `unsubscribe`, which every member has
 * (Mailroom fills it with the member's unsubscribe address, over a column of that name).
 */
export function listPlaceholders(list: ListShape): OfferedPlaceholder[] {
  const offered: OfferedPlaceholder[] = [];
  const seen = new Set<string>();
  list.columns.forEach((column, index) => {
    const path = column.normalize('NFC');
    if (!isPlaceholderName(path) || seen.has(path)) return;
    seen.add(path);
    const role = index === list.mapping.address ? 'address' : index === list.mapping.name ? 'name' : undefined;
    offered.push(role === undefined ? { path, kind: 'column' } : { path, kind: 'column', role });
  });
  for (const [path, role] of [['name', 'name'], ['email', 'address']] as const) {
    if (!seen.has(path)) offered.push({ path, kind: 'alias', role });
  }
  const unsubscribe = offered.findIndex((p) => p.path === 'unsubscribe');
  if (unsubscribe >= 0) offered.splice(unsubscribe, 1);
  offered.push({ path: 'unsubscribe', kind: 'alias', role: 'unsubscribe' });
  return offered;
}

/** A list column that repeats each member's name or address under its own header (so `{{이름}}` fills). */
export interface MappedColumn {
  /** The column's header. */
  readonly column: string;
  /** Which of the member's own values it repeats. */
  readonly role: 'name' | 'address';
}

/** The list's columns mapped as name and address, name first (a column without a header is left out). */
export function mappedColumnsOf(list: ListShape): MappedColumn[] {
  const nameColumn = list.mapping.name === null ? undefined : list.columns[list.mapping.name];
  const addressColumn = list.columns[list.mapping.address];
  const mapped: MappedColumn[] = [];
  if (nameColumn !== undefined && nameColumn !== '') mapped.push({ column: nameColumn, role: 'name' });
  if (addressColumn !== undefined && addressColumn !== '') mapped.push({ column: addressColumn, role: 'address' });
  return mapped;
}

/**
 * The member with its mapped columns (`mappedColumnsOf`) also among its fields, under their headers, so
 * `{{이름}}` fills from a list whose `이름` column is the name. A field already there is kept. Members are
 * stored without them (a campaign's snapshot too); they are added where a message is rendered.
 */
export function withMappedColumns<M extends { readonly email: string; readonly name: string; readonly fields: Readonly<Record<string, string>> }>(member: M, mapped: readonly MappedColumn[]): M {
  const extra = mapped.filter(({ column }) => !Object.hasOwn(member.fields, column)).map(({ column, role }) => [column, role === 'name' ? member.name : member.email] as const);
  if (extra.length === 0) return member;
  // fromEntries keeps a `__proto__` header an ordinary own key.
  return { ...member, fields: Object.fromEntries([...Object.entries(member.fields), ...extra]) };
}

/** A placeholder that cannot be filled, with the closest name the list offers (if any is close). */
export interface PlaceholderHint {
  /** The path as written. */
  readonly path: string;
  /** The closest offered placeholder, or null when none is near. */
  readonly suggestion: string | null;
}

/** Hints for each unfillable path: the closest offered placeholder by edit distance (ignoring case), when close enough. */
export function placeholderHints(missing: readonly string[], offered: readonly string[]): PlaceholderHint[] {
  return missing.map((path) => ({ path, suggestion: closestName(path, offered) }));
}

/**
 * The offered name nearest to `path` (`editDistance` over code points, lower-cased, NFC), when the distance
 * is at most a third of the longer name (at least 1), so `이룸` → `이름` and `Name` → `name`, but `x` → nothing.
 */
export function closestName(path: string, offered: readonly string[]): string | null {
  const wanted = [...path.normalize('NFC').toLowerCase()];
  let best: { name: string; distance: number } | null = null;
  for (const name of offered) {
    const candidate = [...name.normalize('NFC').toLowerCase()];
    const distance = editDistance(wanted, candidate);
    const allowed = Math.max(1, Math.floor(Math.max(wanted.length, candidate.length) / 3));
    if (distance <= allowed && (best === null || distance < best.distance)) best = { name, distance };
  }
  return best?.name ?? null;
}

/**
 * Edit distance between two sequences of code points: insertions, deletions, substitutions and swaps of
 * neighbours (`emial` → `email` is 1), by the `damerau-levenshtein` package (optimal string alignment).
 * It counts UTF-16 units, so each distinct code point is first written as one private-use unit.
 */
export function editDistance(a: readonly string[], b: readonly string[]): number {
  const units = new Map<string, string>();
  const unitOf = (point: string) => {
    let unit = units.get(point);
    if (unit === undefined) {
      unit = String.fromCharCode(0xe000 + units.size);
      units.set(point, unit);
    }
    return unit;
  };
  return damerauLevenshtein(a.map(unitOf).join(''), b.map(unitOf).join('')).steps;
}
