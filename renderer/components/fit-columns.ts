/** Fits a table's column widths into the room there is: wide columns give up width first, never below a floor. */

/** Columns at least this wide may shrink. */
const WIDE = 200;
/** A wide column keeps at least this share of its width. */
const FLOOR = 0.6;

/**
 * The widths to use for `widths` (pixels; `undefined` = shares what is left, counted as `flexible`)
 * in `available` pixels: unchanged when they fit; otherwise the wide columns shrink in proportion to
 * their width, each to no less than 60% of it, until the sum fits or they are all at their floor.
 */
export function fitColumns(widths: readonly (number | undefined)[], available: number, flexible = 160): (number | undefined)[] {
  const total = widths.reduce<number>((sum, width) => sum + (width ?? flexible), 0);
  const deficit = total - available;
  if (!(deficit > 0)) return [...widths];
  const slack = widths.reduce<number>((sum, width) => sum + (width !== undefined && width >= WIDE ? width * (1 - FLOOR) : 0), 0);
  if (slack === 0) return [...widths];
  const share = Math.min(1, deficit / slack);
  return widths.map((width) => (width !== undefined && width >= WIDE ? Math.floor(width - width * (1 - FLOOR) * share) : width));
}
