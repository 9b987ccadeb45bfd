/** Saved member lists in the database: one row per list, one row per member, so a page of members is one indexed read. */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../ipc/common/app-error';
import type { MemberList, MemberListSummary } from '../../ipc/common/contract';
import type { Member } from '../common/member-list';
import type { MailroomDatabase } from '../../storage/node/database';
import type { Clock } from '../../storage/node/ports';

/** A list as saved, without its members. */
export type ListHeader = Omit<MemberList, 'members'>;

/** The list store. */
export interface ListStore {
  /** Every list without its members, oldest first. */
  summaries(): MemberListSummary[];
  /** One list without its members, or `not-found`. */
  summary(id: string): MemberListSummary;
  /** One list's header and rejected rows (no members), or `not-found`. */
  header(id: string): ListHeader;
  /** One whole list, or `not-found`. */
  get(id: string): MemberList;
  /**
   * Every member of a list, in order. Kept in memory for the list's current version, so Compose asking
   * again and again (preview, pre-flight per keystroke) reads the database once per change of the list.
   */
  members(id: string): readonly Member[];
  /** A window of members, and how many there are. */
  page(id: string, offset: number, limit: number): { members: Member[]; total: number };
  /** A window of the members whose address or name contains `query` (ignoring case), their positions, and how many match. */
  search(id: string, query: string, offset: number, limit: number): { members: Member[]; positions: number[]; total: number };
  /** One member by position, or undefined. */
  memberAt(id: string, position: number): Member | undefined;
  /** Creates (no id) or replaces a list. */
  save(list: Omit<MemberList, 'id' | 'updatedAt'> & { readonly id?: string | undefined }): MemberList;
  /** Renames a list. */
  rename(id: string, name: string): MemberListSummary;
  /** Removes a list. */
  remove(id: string): void;
}

/** Summarises a list for the lists screen. */
export function summarize(list: MemberList): MemberListSummary {
  const { members, rejected, ...rest } = list;
  return { ...rest, memberCount: members.length, rejectedCount: rejected.length };
}

interface ListRow {
  readonly id: string;
  readonly name: string;
  readonly columns: string;
  readonly mapping: string;
  readonly rejected: string;
  readonly source: string;
  readonly updated_at: string;
  readonly version: number;
  readonly member_count: number;
}

interface MemberRow {
  readonly line: number;
  readonly address: string;
  readonly name: string;
  readonly fields: string;
}

const notFound = () => new AppError('not-found', 'That list no longer exists.', 'Reload the lists.');

const headerOf = (row: ListRow): ListHeader => ({
  id: row.id,
  name: row.name,
  columns: JSON.parse(row.columns) as string[],
  mapping: JSON.parse(row.mapping) as MemberList['mapping'],
  rejected: JSON.parse(row.rejected) as MemberList['rejected'],
  source: JSON.parse(row.source) as MemberList['source'],
  updatedAt: row.updated_at,
});

const summaryOf = (row: ListRow): MemberListSummary => {
  const { rejected, ...rest } = headerOf(row);
  return { ...rest, memberCount: row.member_count, rejectedCount: rejected.length };
};

const memberOf = (row: MemberRow): Member => ({ line: row.line, email: row.address, name: row.name, fields: JSON.parse(row.fields) as Record<string, string> });

/** Creates the list store over the database. */
export function createListStore(database: MailroomDatabase, clock: Clock): ListStore {
  const { db } = database;
  const all = db.prepare<[], ListRow>('SELECT * FROM lists ORDER BY seq');
  const one = db.prepare<[string], ListRow>('SELECT * FROM lists WHERE id = ?');
  const versionOf = db.prepare<[string], { version: number }>('SELECT version FROM lists WHERE id = ?');
  const membersOf = db.prepare<[string], MemberRow>('SELECT line, address, name, fields FROM members WHERE list_id = ? ORDER BY position');
  const pageOf = db.prepare<[string, number, number], MemberRow>('SELECT line, address, name, fields FROM members WHERE list_id = ? AND position >= ? ORDER BY position LIMIT ?');
  const MATCH = 'list_id = @id AND (instr(lower(address), @needle) > 0 OR instr(lower(name), @needle) > 0)';
  const searchOf = db.prepare<[{ id: string; needle: string; offset: number; limit: number }], MemberRow & { position: number }>(
    `SELECT position, line, address, name, fields FROM members WHERE ${MATCH} ORDER BY position LIMIT @limit OFFSET @offset`,
  );
  const countOf = db.prepare<[{ id: string; needle: string }], number>(`SELECT count(*) FROM members WHERE ${MATCH}`).pluck();
  const memberAt = db.prepare<[string, number], MemberRow>('SELECT line, address, name, fields FROM members WHERE list_id = ? AND position = ?');
  const insertList = db.prepare(
    'INSERT INTO lists (id, name, columns, mapping, rejected, source, updated_at, version, member_count) VALUES (@id, @name, @columns, @mapping, @rejected, @source, @updatedAt, 1, @memberCount)',
  );
  const updateList = db.prepare(
    'UPDATE lists SET name = @name, columns = @columns, mapping = @mapping, rejected = @rejected, source = @source, updated_at = @updatedAt, version = version + 1, member_count = @memberCount WHERE id = @id',
  );
  const rename = db.prepare('UPDATE lists SET name = ?, updated_at = ?, version = version + 1 WHERE id = ?');
  const clearMembers = db.prepare('DELETE FROM members WHERE list_id = ?');
  const insertMember = db.prepare('INSERT INTO members (list_id, position, line, address, name, fields) VALUES (?, ?, ?, ?, ?, ?)');
  const removeList = db.prepare('DELETE FROM lists WHERE id = ?');

  let cache: { id: string; version: number; members: readonly Member[] } | undefined;
  const row = (id: string) => {
    const found = one.get(id);
    if (!found) throw notFound();
    return found;
  };

  const store: ListStore = {
    summaries: () => all.all().map(summaryOf),
    summary: (id) => summaryOf(row(id)),
    header: (id) => headerOf(row(id)),
    get: (id) => ({ ...headerOf(row(id)), members: [...store.members(id)] }),
    members(id) {
      return db.transaction(() => {
        const version = versionOf.get(id)?.version;
        if (version === undefined) throw notFound();
        if (cache?.id !== id || cache.version !== version) cache = { id, version, members: membersOf.all(id).map(memberOf) };
        return cache.members;
      })();
    },
    page(id, offset, limit) {
      const total = row(id).member_count;
      return { members: pageOf.all(id, offset, limit).map(memberOf), total };
    },
    search(id, query, offset, limit) {
      return db.transaction(() => {
        row(id);
        const needle = query.trim().toLowerCase();
        const found = searchOf.all({ id, needle, offset, limit });
        return { members: found.map(memberOf), positions: found.map((f) => f.position), total: countOf.get({ id, needle }) ?? 0 };
      })();
    },
    memberAt(id, position) {
      const found = memberAt.get(id, position);
      return found ? memberOf(found) : undefined;
    },
    save(input) {
      const list: MemberList = { ...input, id: input.id ?? randomUUID(), updatedAt: new Date(clock.now()).toISOString() };
      const params = {
        id: list.id,
        name: list.name,
        columns: JSON.stringify(list.columns),
        mapping: JSON.stringify(list.mapping),
        rejected: JSON.stringify(list.rejected),
        source: JSON.stringify(list.source),
        updatedAt: list.updatedAt,
        memberCount: list.members.length,
      };
      database.write(() => {
        if (input.id === undefined) insertList.run(params);
        else if (updateList.run(params).changes === 0) throw notFound();
        clearMembers.run(list.id);
        list.members.forEach((m, position) => insertMember.run(list.id, position, m.line, m.email, m.name, JSON.stringify(m.fields)));
      });
      return list;
    },
    rename(id, name) {
      database.write(() => {
        if (rename.run(name, new Date(clock.now()).toISOString(), id).changes === 0) throw notFound();
      });
      return store.summary(id);
    },
    remove(id) {
      database.write(() => {
        if (removeList.run(id).changes === 0) throw notFound();
      });
      if (cache?.id === id) cache = undefined;
    },
  };
  return store;
}
