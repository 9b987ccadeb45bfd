// Test support: the JSON store of the versions before the database, verbatim (writes fixtures for the one-time move).
/** Saved member lists: members, the mapping used, and the rows the last import rejected. */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../ipc/common/app-error';
import type { MemberList, MemberListSummary } from '../../ipc/common/contract';
import type { Clock, KeyValueStore } from '../../storage/node/ports';

const INDEX_KEY = 'ids';
const listKey = (id: string) => `list:${id}`;

/** The list store. */
export interface ListStore {
  /** Every list without its members, oldest first. */
  summaries(): MemberListSummary[];
  /** One whole list, or `not-found`. */
  get(id: string): MemberList;
  /** Creates (no id) or replaces a list. */
  save(list: Omit<MemberList, 'id' | 'updatedAt'> & { readonly id?: string | undefined }): MemberList;
  /** Removes a list. */
  remove(id: string): void;
}

/** Summarises a list for the lists screen. */
export function summarize(list: MemberList): MemberListSummary {
  const { members, rejected, ...rest } = list;
  return { ...rest, memberCount: members.length, rejectedCount: rejected.length };
}

/** Creates the list store; each list is one key, so saving one list does not rewrite the others' members in memory. */
export function createListStore(store: KeyValueStore, clock: Clock): ListStore {
  const ids = (): string[] => {
    const value = store.get(INDEX_KEY);
    return Array.isArray(value) ? (value as string[]) : [];
  };
  const get = (id: string): MemberList => {
    const list = store.get(listKey(id)) as MemberList | undefined;
    if (!list) throw new AppError('not-found', 'That list no longer exists.', 'Reload the lists.');
    return list;
  };
  return {
    summaries: () => ids().flatMap((id) => {
      const list = store.get(listKey(id)) as MemberList | undefined;
      return list ? [summarize(list)] : [];
    }),
    get,
    save(input) {
      if (input.id !== undefined) get(input.id);
      const list: MemberList = { ...input, id: input.id ?? randomUUID(), updatedAt: new Date(clock.now()).toISOString() };
      store.set(listKey(list.id), list);
      if (!ids().includes(list.id)) store.set(INDEX_KEY, [...ids(), list.id]);
      return list;
    },
    remove(id) {
      get(id);
      store.delete(listKey(id));
      store.set(
        INDEX_KEY,
        ids().filter((x) => x !== id),
      );
    },
  };
}
