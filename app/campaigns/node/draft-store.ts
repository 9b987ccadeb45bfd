/** Drafts of a campaign being composed, saved as the user types, in the database's drafts table. */
import { randomUUID } from 'node:crypto';
import type { MailroomDatabase } from '../../storage/node/database';
import type { Clock } from '../../storage/node/ports';

/** One saved draft; `data` is whatever the composer keeps (JSON-serialisable). */
export interface DraftRecord {
  readonly id: string;
  readonly title: string;
  readonly updatedAt: string;
  readonly data: unknown;
}

/** The draft store. */
export interface DraftStore {
  /** Every draft without its data, newest first. */
  list(): Omit<DraftRecord, 'data'>[];
  /** One draft, or undefined. */
  get(id: string): DraftRecord | undefined;
  /** Creates (no id, or an id not yet saved) or replaces a draft; sets `updatedAt`. */
  save(draft: { id?: string; title: string; data: unknown }): DraftRecord;
  /** Removes a draft (nothing happens when it is gone already). */
  remove(id: string): void;
}

/** Creates the draft store over the database. */
export function createDraftStore(database: MailroomDatabase, clock: Clock): DraftStore {
  const { db } = database;
  const list = db.prepare<[], { id: string; title: string; updated_at: string }>('SELECT id, title, updated_at FROM drafts ORDER BY updated_at DESC, rowid DESC');
  const one = db.prepare<[string], { id: string; title: string; updated_at: string; data: string }>('SELECT id, title, updated_at, data FROM drafts WHERE id = ?');
  const upsert = db.prepare(
    'INSERT INTO drafts (id, title, data, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title, data = excluded.data, updated_at = excluded.updated_at',
  );
  const remove = db.prepare('DELETE FROM drafts WHERE id = ?');
  return {
    list: () => list.all().map((r) => ({ id: r.id, title: r.title, updatedAt: r.updated_at })),
    get(id) {
      const row = one.get(id);
      return row ? { id: row.id, title: row.title, updatedAt: row.updated_at, data: JSON.parse(row.data) as unknown } : undefined;
    },
    save(draft) {
      const text = JSON.stringify(draft.data);
      if (text === undefined) throw new TypeError('A draft needs JSON data.');
      const record: DraftRecord = { id: draft.id ?? randomUUID(), title: draft.title, updatedAt: new Date(clock.now()).toISOString(), data: JSON.parse(text) as unknown };
      database.write(() => upsert.run(record.id, record.title, text, record.updatedAt));
      return record;
    },
    remove(id) {
      database.write(() => remove.run(id));
    },
  };
}
