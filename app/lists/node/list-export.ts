/**
 * Moving a list out of Mailroom: a member list or the suppression list as listmonk's subscriber import
 * CSV, or as a plain CSV for a spreadsheet. Pure functions over iterables of members and entries, so
 * they work over whatever store the lists live in. Suppression is applied to member exports, so a
 * move to a list server loses nobody's unsubscribe.
 *
 * listmonk's import (listmonk.app/docs, "Importing subscribers"; its API page /api/import/subscribers):
 * a header row with the exact column names `email`, `name` and, optionally, `attributes`, a JSON
 * object written as a quoted CSV cell with its quotes doubled. The suppression export has the same
 * columns and is meant for listmonk's `blocklist` import mode. listmonk reads the header with a plain
 * CSV reader, so its file has no byte-order mark; the plain CSV has one, for Excel.
 */
import { addressKey, fieldValue, type Member } from '../common/member-list';
import type { SuppressionEntry } from './suppression-store';
import { writeCsv } from '../../exports/node/csv-writer';

/** The formats Mailroom exports lists in. */
export type ExportFormat = 'listmonk' | 'csv';

/** An export: the file's text and what went into it. */
export interface ListExport {
  /** The CSV text. */
  readonly content: string;
  /** Rows written (not counting the header). */
  readonly exported: number;
  /** Members left out because their address is on the suppression list. */
  readonly suppressed: number;
}

/**
 * A member's fields as listmonk attributes: a column named with dots (`address.city`) becomes a nested
 * object (`{"address":{"city":…}}`), as listmonk templates read `.Subscriber.Attribs.address.city`; a
 * name that would clash with another (`address` and `address.city`) stays flat. Objects have no
 * prototype, so any column name (`__proto__`, `constructor`) is an ordinary key.
 */
export function listmonkAttributes(fields: Readonly<Record<string, string>>): Record<string, unknown> {
  const root = Object.create(null) as Record<string, unknown>;
  const names = Object.keys(fields);
  const flatNames = new Set(names.filter((name) => !name.includes('.')));
  for (const name of names) {
    const value = fieldValue(fields, name);
    const path = name.split('.');
    const nestable = path.length > 1 && path.every((step) => step !== '') && !flatNames.has(path[0]!);
    if (!nestable) {
      if (!Object.hasOwn(root, name)) root[name] = value;
      continue;
    }
    let node = root;
    let placed = true;
    for (const step of path.slice(0, -1)) {
      const next = Object.hasOwn(node, step) ? node[step] : undefined;
      if (next === undefined) {
        const child = Object.create(null) as Record<string, unknown>;
        node[step] = child;
        node = child;
      } else if (typeof next === 'object' && next !== null) {
        node = next as Record<string, unknown>;
      } else {
        placed = false;
        break;
      }
    }
    const leaf = path[path.length - 1]!;
    if (placed && !Object.hasOwn(node, leaf)) node[leaf] = value;
    else if (!Object.hasOwn(root, name)) root[name] = value;
  }
  return root;
}

/** Members not on the suppression list, and how many were left out. */
function unsuppressed(members: Iterable<Member>, suppressed: ReadonlySet<string>): { kept: Member[]; left: number } {
  const kept: Member[] = [];
  let left = 0;
  for (const member of members) {
    if (suppressed.has(addressKey(member.email))) left += 1;
    else kept.push(member);
  }
  return { kept, left };
}

/** A member list as CSV in `format`, suppressed addresses left out. `columns` orders the plain CSV's field columns (the list's own order). */
export function exportMembers(members: Iterable<Member>, suppressed: ReadonlySet<string>, format: ExportFormat, columns: readonly string[] = []): ListExport {
  const { kept, left } = unsuppressed(members, suppressed);
  if (format === 'listmonk') {
    const rows = kept.map((m) => [m.email, m.name, JSON.stringify(listmonkAttributes(m.fields))]);
    return { content: writeCsv(['email', 'name', 'attributes'], rows, { bom: false }), exported: rows.length, suppressed: left };
  }
  const fieldNames = [...new Set([...columns.filter((c) => kept.some((m) => Object.hasOwn(m.fields, c))), ...kept.flatMap((m) => Object.keys(m.fields))])];
  const rows = kept.map((m) => [m.email, m.name, ...fieldNames.map((f) => fieldValue(m.fields, f))]);
  return { content: writeCsv(['email', 'name', ...fieldNames], rows), exported: rows.length, suppressed: left };
}

/** The suppression list as CSV in `format`: for listmonk, `email,name,attributes` (reason and date as attributes) to import in blocklist mode. */
export function exportSuppression(entries: Iterable<SuppressionEntry>, format: ExportFormat): ListExport {
  const all = [...entries];
  if (format === 'listmonk') {
    const rows = all.map((e) => [e.email, '', JSON.stringify({ mailroom_reason: e.reason, mailroom_suppressed_at: e.addedAt })]);
    return { content: writeCsv(['email', 'name', 'attributes'], rows, { bom: false }), exported: rows.length, suppressed: 0 };
  }
  const rows = all.map((e) => [e.email, e.reason, e.addedAt]);
  return { content: writeCsv(['email', 'reason', 'addedAt'], rows), exported: rows.length, suppressed: 0 };
}
