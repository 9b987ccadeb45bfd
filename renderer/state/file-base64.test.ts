import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from './file-base64';

/** Bytes that differ from position to position, so a chunk written twice or out of order shows. */
function patterned(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 1) bytes[i] = (i * 31 + 7 + (i >> 15)) & 0xff;
  return bytes;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** RFC 4648 base64, written out three bytes at a time: the reference the chunked encoder must match. */
function referenceBase64(bytes: Uint8Array): string {
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | (b << 8) | c;
    const left = bytes.length - i;
    out.push(ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + (left > 1 ? ALPHABET[(n >> 6) & 63]! : '=') + (left > 2 ? ALPHABET[n & 63]! : '='));
  }
  return out.join('');
}

describe('bytesToBase64', () => {
  it('matches the reference encoder around every chunk boundary', () => {
    // Comparing with a reference encoding is cheap, where atob and a 2 MB deep-equal through the test
    // matcher took most of a minute on a loaded machine.
    for (const size of [0, 1, 2, 3, 100, 0x8000 - 1, 0x8000, 0x8000 + 1, 0x8000 * 3 + 17]) {
      const bytes = patterned(size);
      expect(bytesToBase64(bytes), `size ${size}`).toBe(referenceBase64(bytes));
    }
  });

  it('encodes a 2 MB file, which one String.fromCharCode call could not take without a stack overflow', () => {
    const bytes = patterned(2 * 1024 * 1024);
    expect(() => String.fromCharCode(...bytes)).toThrow(RangeError);
    const encoded = bytesToBase64(bytes);
    expect(encoded.length).toBe(Math.ceil(bytes.length / 3) * 4);
    expect(encoded === referenceBase64(bytes)).toBe(true);
  });
});
