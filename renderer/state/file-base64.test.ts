import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from './file-base64';

describe('bytesToBase64', () => {
  it('round-trips small and multi-chunk inputs', () => {
    for (const size of [0, 1, 2, 3, 100, 0x8000, 0x8000 * 3 + 17, 2 * 1024 * 1024]) {
      const bytes = new Uint8Array(size).map((_, i) => (i * 31 + 7) & 0xff);
      const decoded = Uint8Array.from(atob(bytesToBase64(bytes)), (c) => c.charCodeAt(0));
      expect(decoded).toEqual(bytes);
    }
  });
});
