import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyRowPages, needsPage, rowAt, staleRowPages, withPage, withRow } from './row-pages';

const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe('row pages', () => {
  it('answers every row of the pages loaded, in any order, and nothing else (seeded)', () => {
    const seed = 20261130;
    console.log(`row pages property: fast-check seed ${seed}`);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 40 }), fc.array(fc.nat({ max: 30 })), (total, size, order) => {
        let pages = emptyRowPages<number>('k', size);
        for (const page of order) if (page * size < total) pages = withPage(pages, { key: 'k', page, generation: 0, rows: rows(page * size, Math.min(size, total - page * size)), total });
        for (let i = 0; i < total; i += 1) {
          const loaded = order.includes(Math.floor(i / size));
          expect(rowAt(pages, i)).toBe(loaded ? i : undefined);
          expect(needsPage(pages, Math.floor(i / size))).toBe(!loaded);
        }
      }),
      { seed },
    );
  });

  it('drops a page loaded for another key or an older generation, and keeps stale rows until reloaded', () => {
    let pages = withPage(emptyRowPages<number>('a', 10), { key: 'a', page: 0, generation: 0, rows: rows(0, 10), total: 25 });
    expect(withPage(pages, { key: 'b', page: 1, generation: 0, rows: rows(10, 10), total: 25 })).toBe(pages);
    pages = staleRowPages(pages);
    expect(rowAt(pages, 3)).toBe(3);
    expect(needsPage(pages, 0)).toBe(true);
    pages = withPage(pages, { key: 'a', page: 0, generation: 1, rows: rows(100, 10), total: 24 });
    expect(withPage(pages, { key: 'a', page: 0, generation: 0, rows: rows(0, 10), total: 25 })).toBe(pages);
    expect(rowAt(pages, 3)).toBe(103);
    expect(pages.total).toBe(24);
    expect(needsPage(pages, 0)).toBe(false);
    expect(rowAt(withRow(pages, 4, -4), 4)).toBe(-4);
    expect(withRow(pages, 15, -15)).toBe(pages);
  });
});
