/** Saved message templates: written in the Templates screen or Compose, or imported from Logto. */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../ipc/common/app-error';
import type { TemplateDraft, TemplateView } from '../../ipc/common/contract';
import type { MailroomDatabase } from '../../storage/node/database';
import type { Clock } from '../../storage/node/ports';

/** The template store. */
export interface TemplateStore {
  /** Every template, oldest first. */
  list(): TemplateView[];
  /** One template, or undefined. */
  get(id: string): TemplateView | undefined;
  /** Creates or updates a template. */
  save(draft: TemplateDraft): TemplateView;
  /** Removes a template. */
  remove(id: string): void;
}

const notFound = () => new AppError('not-found', 'That template no longer exists.');

/** Creates the template store over the database. */
export function createTemplateStore(database: MailroomDatabase, clock: Clock): TemplateStore {
  const { db } = database;
  const all = db.prepare<[], string>('SELECT data FROM templates ORDER BY seq').pluck();
  const one = db.prepare<[string], string>('SELECT data FROM templates WHERE id = ?').pluck();
  const insert = db.prepare('INSERT INTO templates (id, data, updated_at) VALUES (?, ?, ?)');
  const update = db.prepare('UPDATE templates SET data = ?, updated_at = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM templates WHERE id = ?');
  return {
    list: () => all.all().map((data) => JSON.parse(data) as TemplateView),
    get(id) {
      const data = one.get(id);
      return data === undefined ? undefined : (JSON.parse(data) as TemplateView);
    },
    save(draft) {
      const saved: TemplateView = { ...draft, id: draft.id ?? randomUUID(), updatedAt: new Date(clock.now()).toISOString() };
      database.write(() => {
        if (draft.id === undefined) insert.run(saved.id, JSON.stringify(saved), saved.updatedAt);
        else if (update.run(JSON.stringify(saved), saved.updatedAt, saved.id).changes === 0) throw notFound();
      });
      return saved;
    },
    remove(id) {
      database.write(() => {
        if (remove.run(id).changes === 0) throw notFound();
      });
    },
  };
}
