/** A window cache for a virtual table over rows that stay in the main process: which pages are loaded, which the table asked for, and which are out of date. */

/** Loaded pages of one view (one list, one query, one filter). */
export interface RowPages<T> {
  /** What the rows belong to; a new key starts an empty cache. */
  readonly key: string;
  /** Rows per page. */
  readonly pageSize: number;
  /** Loaded pages by number, with the generation they were loaded in. */
  readonly pages: ReadonlyMap<number, { readonly rows: readonly T[]; readonly generation: number }>;
  /** How many rows the whole view has, once a page has told. */
  readonly total: number | undefined;
  /** Bumped by `staleRowPages`: pages of an older generation show until they are loaded again. */
  readonly generation: number;
}

/** An empty cache for `key`. */
export function emptyRowPages<T>(key: string, pageSize: number): RowPages<T> {
  return { key, pageSize, pages: new Map(), total: undefined, generation: 0 };
}

/** The page a row is on. */
export const pageOf = (pages: Pick<RowPages<unknown>, 'pageSize'>, index: number): number => Math.floor(index / pages.pageSize);

/** The row at `index` (perhaps from an out-of-date page), or undefined while its page is not loaded. */
export function rowAt<T>(pages: RowPages<T>, index: number): T | undefined {
  return pages.pages.get(pageOf(pages, index))?.rows[index % pages.pageSize];
}

/** Whether a page must be (re)loaded: never loaded, or out of date. */
export function needsPage(pages: RowPages<unknown>, page: number): boolean {
  const loaded = pages.pages.get(page);
  return loaded === undefined || loaded.generation < pages.generation;
}

/** Stores a loaded page and the view's total; a page loaded for another key or an older generation is dropped. */
export function withPage<T>(pages: RowPages<T>, loaded: { readonly key: string; readonly page: number; readonly generation: number; readonly rows: readonly T[]; readonly total: number }): RowPages<T> {
  if (loaded.key !== pages.key || loaded.generation < (pages.pages.get(loaded.page)?.generation ?? -1)) return pages;
  const next = new Map(pages.pages);
  next.set(loaded.page, { rows: loaded.rows, generation: loaded.generation });
  return { ...pages, pages: next, total: loaded.total };
}

/** Marks every loaded page out of date (the rows changed in the main process); they still show until reloaded. */
export function staleRowPages<T>(pages: RowPages<T>): RowPages<T> {
  return { ...pages, generation: pages.generation + 1 };
}

/** Replaces one loaded row (a change pushed by the main process); a row whose page is not loaded is left for its load. */
export function withRow<T>(pages: RowPages<T>, index: number, row: T): RowPages<T> {
  const page = pageOf(pages, index);
  const loaded = pages.pages.get(page);
  if (!loaded || index % pages.pageSize >= loaded.rows.length) return pages;
  const rows = [...loaded.rows];
  rows[index % pages.pageSize] = row;
  const next = new Map(pages.pages);
  next.set(page, { ...loaded, rows });
  return { ...pages, pages: next };
}
