import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextRowIndex } from './row-navigation';

const KEYS = ['ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'PageUp'] as const;

describe('nextRowIndex', () => {
  it('moves by one, by a page, and to either end', () => {
    expect(nextRowIndex('ArrowDown', 3, 10, 4)).toBe(4);
    expect(nextRowIndex('ArrowUp', 3, 10, 4)).toBe(2);
    expect(nextRowIndex('PageDown', 3, 10, 4)).toBe(7);
    expect(nextRowIndex('PageDown', 8, 10, 4)).toBe(9);
    expect(nextRowIndex('PageUp', 3, 10, 4)).toBe(0);
    expect(nextRowIndex('Home', 7, 10, 4)).toBe(0);
    expect(nextRowIndex('End', 0, 10, 4)).toBe(9);
  });
  it('ignores other keys and empty tables', () => {
    expect(nextRowIndex('Tab', 3, 10, 4)).toBeNull();
    expect(nextRowIndex('a', 3, 10, 4)).toBeNull();
    expect(nextRowIndex('ArrowDown', 0, 0, 4)).toBeNull();
  });
  it('always lands on a row, and every move key moves toward its end (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KEYS), fc.integer({ min: 1, max: 10_000 }), fc.nat(), fc.integer({ min: -5, max: 100 }), (key, count, seed, pageSize) => {
        const from = seed % count;
        const next = nextRowIndex(key, from, count, pageSize)!;
        expect(next).toBeGreaterThanOrEqual(0);
        expect(next).toBeLessThan(count);
        if (key === 'ArrowDown' || key === 'PageDown' || key === 'End') expect(next).toBeGreaterThanOrEqual(from);
        else expect(next).toBeLessThanOrEqual(from);
        if (from < count - 1 && (key === 'ArrowDown' || key === 'PageDown')) expect(next).toBeGreaterThan(from);
        if (from > 0 && (key === 'ArrowUp' || key === 'PageUp')) expect(next).toBeLessThan(from);
      }),
    );
  });
});
