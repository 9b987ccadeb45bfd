/**
 * The import's fast paths against the plain readings they replace, over generated text (fast-check,
 * seed printed on failure): a cell with no control character is only trimmed, and the Korean test
 * counts UTF-16 units the way the code-point loop did.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanCell, readsAsKorean } from './list-import';

// eslint-disable-next-line no-control-regex -- the reference reading of the same characters
const NOT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/g;

function cleanCellReference(cell: string): { text: string; removed: boolean } {
  const spaced = cell.replace(/[\n\r\t]+/g, ' ');
  const text = spaced.replace(NOT_TEXT, '');
  return { text: text.trim(), removed: text.length !== spaced.length };
}

function readsAsKoreanReference(text: string): boolean {
  let other = 0;
  let korean = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) continue;
    if (code === 0xfffd) return false;
    if ((code >= 0xac00 && code <= 0xd7a3) || (code >= 0x3130 && code <= 0x318f) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3000 && code <= 0x303f) || (code >= 0xff00 && code <= 0xffef)) korean += 1;
    else other += 1;
  }
  return korean > 0 && korean >= other * 4;
}

const PIECES = ['김', '민', '가', '漢', '　', 'Ａ', 'a', ' ', '\t', '\n', '\r', '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009f', '\u00a0', 'é', '\u202e', '\u2066', '\ufeff', '\ufffd', '😀', '𠀀', '\ud800', '\udc00', ','];
const text = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

describe('import fast paths', () => {
  it('cleans a cell exactly as the two-pass reading does', () => {
    fc.assert(fc.property(text, (cell) => {
      expect(cleanCell(cell)).toEqual(cleanCellReference(cell));
    }), { numRuns: 3000 });
  });

  it('tells Korean text exactly as the code-point loop does', () => {
    fc.assert(fc.property(text, (sample) => {
      expect(readsAsKorean(sample)).toBe(readsAsKoreanReference(sample));
    }), { numRuns: 3000 });
  });

  it('counts a lone high surrogate as one character and still reads the unit after it (found by the property above, seed 1780387058)', () => {
    for (const sample of ['\ud800김김김김', '김김\udbff김김', '\udbff']) expect(readsAsKorean(sample)).toBe(readsAsKoreanReference(sample));
  });
});
