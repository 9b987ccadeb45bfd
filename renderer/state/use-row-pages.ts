/** Rows of a virtual table loaded page by page from the main process, as the table shows them. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { emptyRowPages, needsPage, pageOf, rowAt, staleRowPages, withPage, withRow, type RowPages } from './row-pages';

/** One page as the main process answers it, or null when the request failed. */
export type PageLoad<T> = (offset: number, limit: number) => Promise<{ readonly rows: readonly T[]; readonly total: number } | null>;

/** What a table reads. */
export interface PagedRows<T> {
  /** The row at `index`, or undefined while it loads (its page is then asked for). */
  readonly rowAt: (index: number) => T | undefined;
  /** How many rows the view has, once known. */
  readonly total: number | undefined;
  /** Reloads the pages on screen (the rows changed in the main process). */
  readonly refresh: () => void;
  /** Replaces one loaded row. */
  readonly patch: (index: number, row: T) => void;
}

/** Loads pages of `key`'s rows through `load` as the table asks for them; a new key starts over. */
export function useRowPages<T>(key: string, load: PageLoad<T>, pageSize = 100): PagedRows<T> {
  const [pages, setPages] = useState<RowPages<T>>(() => emptyRowPages(key, pageSize));
  const current = pages.key === key ? pages : emptyRowPages<T>(key, pageSize);
  if (current !== pages) setPages(current);
  /** Pages the last render asked for; page 0 always, so the total is known. */
  const wanted = useRef(new Set<number>([0]));
  const inFlight = useRef(new Set<string>());

  useEffect(() => {
    const asked = [...wanted.current];
    wanted.current = new Set([0]);
    for (const page of asked) {
      if (!needsPage(current, page)) continue;
      const ticket = `${current.key}\u0000${page}\u0000${current.generation}`;
      if (inFlight.current.has(ticket)) continue;
      inFlight.current.add(ticket);
      const generation = current.generation;
      void load(page * pageSize, pageSize).then((result) => {
        inFlight.current.delete(ticket);
        if (result) setPages((now) => withPage(now, { key: current.key, page, generation, rows: result.rows, total: result.total }));
      });
    }
  });

  return {
    rowAt: (index) => {
      if (needsPage(current, pageOf(current, index))) wanted.current.add(pageOf(current, index));
      return rowAt(current, index);
    },
    total: current.total,
    refresh: useCallback(() => setPages((now) => staleRowPages(now)), []),
    patch: useCallback((index: number, row: T) => setPages((now) => withRow(now, index, row)), []),
  };
}
