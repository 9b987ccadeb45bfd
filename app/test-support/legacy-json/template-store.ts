// Test support: the JSON store of the versions before the database, verbatim (writes fixtures for the one-time move).
/** Saved message templates: written in the Templates screen or Compose, or imported from Logto. */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../ipc/common/app-error';
import type { TemplateDraft, TemplateView } from '../../ipc/common/contract';
import type { Clock, KeyValueStore } from '../../storage/node/ports';

const KEY = 'templates';

/** The template store. */
export interface TemplateStore {
  /** Every template, oldest first. */
  list(): TemplateView[];
  /** Creates or updates a template. */
  save(draft: TemplateDraft): TemplateView;
  /** Removes a template. */
  remove(id: string): void;
}

/** Creates the template store over a key-value store. */
export function createTemplateStore(store: KeyValueStore, clock: Clock): TemplateStore {
  const read = (): TemplateView[] => {
    const value = store.get(KEY);
    return Array.isArray(value) ? (value as TemplateView[]) : [];
  };
  return {
    list: read,
    save(draft) {
      const all = read();
      if (draft.id !== undefined && !all.some((t) => t.id === draft.id)) throw new AppError('not-found', 'That template no longer exists.');
      const saved: TemplateView = { ...draft, id: draft.id ?? randomUUID(), updatedAt: new Date(clock.now()).toISOString() };
      store.set(KEY, draft.id === undefined ? [...all, saved] : all.map((t) => (t.id === saved.id ? saved : t)));
      return saved;
    },
    remove(id) {
      const all = read();
      if (!all.some((t) => t.id === id)) throw new AppError('not-found', 'That template no longer exists.');
      store.set(
        KEY,
        all.filter((t) => t.id !== id),
      );
    },
  };
}
