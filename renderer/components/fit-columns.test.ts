import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitColumns } from './fit-columns';

const sum = (widths: readonly (number | undefined)[]) => widths.reduce<number>((s, w) => s + (w ?? 160), 0);

describe('fitColumns', () => {
  it('leaves columns that fit alone', () => {
    expect(fitColumns([64, 250, 130, undefined], 900)).toEqual([64, 250, 130, undefined]);
  });
  it('takes the missing room from the wide columns', () => {
    const fitted = fitColumns([64, 250, 130, 100, 100, 186], 800);
    expect(sum(fitted)).toBeLessThanOrEqual(800);
    expect(fitted[1]).toBeLessThan(250);
    expect(fitted.filter((_, i) => i !== 1)).toEqual([64, 130, 100, 100, 186]);
  });
  it('never fits by more than the wide columns can give, never below their floor, never wider (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 40, max: 600 }), { nil: undefined }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 4000 }), (widths, available) => {
        const fitted = fitColumns(widths, available);
        expect(fitted).toHaveLength(widths.length);
        fitted.forEach((width, i) => {
          const before = widths[i];
          if (before === undefined || before < 200) expect(width).toBe(before);
          else {
            expect(width!).toBeLessThanOrEqual(before);
            expect(width!).toBeGreaterThanOrEqual(Math.floor(before * 0.6));
          }
        });
        const floorSum = sum(widths.map((w) => (w !== undefined && w >= 200 ? Math.floor(w * 0.6) : w)));
        if (sum(widths) > available) expect(sum(fitted)).toBeLessThanOrEqual(Math.max(available + widths.length, floorSum + widths.length));
        else expect(fitted).toEqual(widths);
      }),
    );
  });
});
