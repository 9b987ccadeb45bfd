/** Which row a key moves to in a one-tab-stop table (arrow keys, Home, End, Page Up, Page Down). */

/** The row index `key` moves to from `from` among `count` rows, or null when the key does not move. */
export function nextRowIndex(key: string, from: number, count: number, pageSize: number): number | null {
  if (count <= 0) return null;
  const last = count - 1;
  const clamp = (index: number) => Math.min(last, Math.max(0, index));
  switch (key) {
    case 'ArrowDown':
      return clamp(from + 1);
    case 'ArrowUp':
      return clamp(from - 1);
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'PageDown':
      return clamp(from + Math.max(1, pageSize));
    case 'PageUp':
      return clamp(from - Math.max(1, pageSize));
    default:
      return null;
  }
}
