/** What a list offers a template, the mapped columns as fields, and the closest-name hints. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closestName, editDistance, listPlaceholders, mappedColumnsOf, placeholderHints, withMappedColumns } from './list-placeholders';
import { memberDataRoot, missingPlaceholders } from './placeholders';

const KOREAN = { columns: ['이름', '이메일', '기수', '회비'], mapping: { address: 1, name: 0 } };

describe('listPlaceholders', () => {
  it('offers every header under its own name, the mapped ones too, then the name and email aliases, then unsubscribe', () => {
    expect(listPlaceholders(KOREAN)).toEqual([
      { path: '이름', kind: 'column', role: 'name' },
      { path: '이메일', kind: 'column', role: 'address' },
      { path: '기수', kind: 'column' },
      { path: '회비', kind: 'column' },
      { path: 'name', kind: 'alias', role: 'name' },
      { path: 'email', kind: 'alias', role: 'address' },
      { path: 'unsubscribe', kind: 'alias', role: 'unsubscribe' },
    ]);
  });

  it('offers unsubscribe once, last and as Mailroom\'s, even when a column has that name', () => {
    const offered = listPlaceholders({ columns: ['unsubscribe', 'email'], mapping: { address: 1, name: null } });
    expect(offered.map((p) => p.path)).toEqual(['email', 'name', 'unsubscribe']);
    expect(offered.at(-1)).toEqual({ path: 'unsubscribe', kind: 'alias', role: 'unsubscribe' });
  });

  it('does not repeat an alias the list already has as a header, and puts headers in NFC', () => {
    const decomposed = '이름'.normalize('NFD');
    expect(listPlaceholders({ columns: ['email', decomposed], mapping: { address: 0, name: 1 } }).map((p) => p.path)).toEqual(['email', '이름', 'name', 'unsubscribe']);
  });
});

describe('withMappedColumns', () => {
  it('fills {{이름}} and {{이메일}} for a list whose name and address columns have those headers', () => {
    const member = withMappedColumns({ line: 2, email: 'minsu@school.kr', name: '김민수', fields: { 기수: '3', 회비: '' } }, mappedColumnsOf(KOREAN));
    const root = memberDataRoot(member);
    expect(missingPlaceholders(['이름', '이메일', '기수', '회비', 'name', 'email'], root)).toEqual([]);
    expect([root['이름'], root['이메일'], root.name, root.email]).toEqual(['김민수', 'minsu@school.kr', '김민수', 'minsu@school.kr']);
  });

  it('for any list, every offered placeholder is filled for every member (property)', () => {
    const header = fc.string({ minLength: 1, maxLength: 6 }).filter((h) => h.trim() !== '' && !['name', 'email', 'code'].includes(h));
    fc.assert(
      fc.property(fc.uniqueArray(header, { minLength: 1, maxLength: 6 }), fc.nat(), fc.option(fc.nat()), (columns, a, n) => {
        const address = a % columns.length;
        const name = n === null || columns.length < 2 || n % columns.length === address ? null : n % columns.length;
        const list = { columns, mapping: { address, name } };
        const fields = Object.fromEntries(columns.flatMap((c, i) => (i === address || i === name ? [] : [[c, `v${i}`]])));
        // Every message Mailroom builds fills `unsubscribe` (the message builder, the pre-flight).
        const member = { ...withMappedColumns({ email: 'a@b.kr', name: 'N', fields }, mappedColumnsOf(list)), unsubscribe: 'mailto:office@b.kr?subject=unsubscribe' };
        const offered = listPlaceholders(list).map((p) => p.path);
        // Headers that differ only in normalisation collapse to one NFC name; the property is about the NFC paths.
        expect(missingPlaceholders(offered, memberDataRoot(member))).toEqual([]);
      }),
      { seed: 14, numRuns: 300 },
    );
  });
});

describe('closestName and placeholderHints', () => {
  it('suggests the nearest Korean or English column, ignoring case, and nothing when none is near', () => {
    const offered = listPlaceholders(KOREAN).map((p) => p.path);
    expect(closestName('이룸', offered)).toBe('이름');
    expect(closestName('Name', offered)).toBe('name');
    expect(closestName('emial', offered)).toBe('email');
    // A swap of neighbours is one edit, in Korean and outside the BMP too.
    expect(closestName('름이', offered)).toBe('이름');
    expect(editDistance([...'기수회비'], [...'기회수비'])).toBe(1);
    expect(editDistance([...'𠀀𠀁a'], [...'𠀁𠀀a'])).toBe(1);
    expect(closestName('회비금액', offered)).toBe(null);
    expect(closestName('x', offered)).toBe(null);
    expect(placeholderHints(['기스', 'seat'], offered)).toEqual([
      { path: '기스', suggestion: '기수' },
      { path: 'seat', suggestion: null },
    ]);
  });

  it('edit distance is zero only for equal words, symmetric, and at most the longer length (property)', () => {
    const word = fc.array(fc.constantFrom('a', 'b', '이', '름', '😀'), { maxLength: 8 });
    fc.assert(
      fc.property(word, word, word, (a, b, c) => {
        expect(editDistance(a, a)).toBe(0);
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, c) === 0).toBe(a.join('') === c.join(''));
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
      { seed: 14, numRuns: 300 },
    );
  });

  it('a suggestion is always one of the offered names, and an offered name suggests itself (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 8 }), fc.string({ maxLength: 8 }), (offered, path) => {
        const suggestion = closestName(path, offered);
        if (suggestion !== null) expect(offered).toContain(suggestion);
        expect(closestName(offered[0]!, offered)?.toLowerCase().normalize('NFC')).toBe(offered[0]!.toLowerCase().normalize('NFC'));
      }),
      { seed: 14, numRuns: 300 },
    );
  });
});
