import { describe, expect, it } from 'vitest';
import { delimiterKey, fieldColumns, formatSize, initialMapping, isTooLarge, listNameFromFile, MAX_IMPORT_BYTES, mappingProblem, toColumnMapping } from './import-model';

describe('the import size limit', () => {
  it('allows 20 MiB and refuses a byte more', () => {
    expect(isTooLarge(MAX_IMPORT_BYTES)).toBe(false);
    expect(isTooLarge(MAX_IMPORT_BYTES + 1)).toBe(true);
    expect(isTooLarge(50 * 1000 * 1000)).toBe(true);
  });
});

describe('formatSize', () => {
  it('says bytes, kilobytes and megabytes', () => {
    expect(formatSize(12, 'en')).toBe('12 B');
    expect(formatSize(820 * 1024 + 100, 'en')).toBe('820 KB');
    expect(formatSize(4.2 * 1024 * 1024, 'en')).toBe('4.2 MB');
    expect(formatSize(50 * 1024 * 1024, 'ko')).toBe('50.0 MB');
  });
});

describe('delimiterKey', () => {
  it('names each delimiter', () => {
    expect([',', ';', '\t'].map((d) => delimiterKey(d as ',' | ';' | '\t'))).toEqual(['comma', 'semicolon', 'tab']);
  });
});

describe('initialMapping', () => {
  const columns = ['이름', '이메일', '학년'];
  it('takes the guess for a new list', () => {
    expect(initialMapping(columns, { address: 1, name: 0 }, null)).toEqual({ mapping: { address: 1, name: 0 }, remembered: false });
  });
  it('takes the list’s remembered mapping when the columns are the same', () => {
    const target = { columns: ['이름', '이메일', '학년'], mapping: { address: 1, name: 2 } };
    expect(initialMapping(columns, { address: 1, name: 0 }, target)).toEqual({ mapping: { address: 1, name: 2 }, remembered: true });
  });
  it('falls back to the guess when the columns changed', () => {
    const target = { columns: ['email', 'name'], mapping: { address: 0, name: 1 } };
    expect(initialMapping(columns, { address: 1, name: null }, target)).toEqual({ mapping: { address: 1, name: null }, remembered: false });
  });
  it('drops guesses that do not fit the columns', () => {
    expect(initialMapping(['a'], { address: 3, name: 0 }, null)).toEqual({ mapping: { address: null, name: 0 }, remembered: false });
    expect(initialMapping(['a', 'b'], { address: 1, name: 1 }, null)).toEqual({ mapping: { address: 1, name: null }, remembered: false });
  });
});

describe('mapping checks', () => {
  it('needs an address column, and a name column that is another one', () => {
    expect(mappingProblem({ address: null, name: 0 })).toBe('address-required');
    expect(mappingProblem({ address: 1, name: 1 })).toBe('same-column');
    expect(mappingProblem({ address: 1, name: null })).toBeNull();
    expect(toColumnMapping({ address: null, name: null })).toBeNull();
    expect(toColumnMapping({ address: 2, name: 0 })).toEqual({ address: 2, name: 0 });
  });
  it('lists the columns that become fields', () => {
    expect(fieldColumns(['이름', '이메일', '학년', '반'], { address: 1, name: 0 })).toEqual(['학년', '반']);
    expect(fieldColumns(['email'], { address: 0, name: null })).toEqual([]);
  });
});

describe('listNameFromFile', () => {
  it('drops the extension', () => {
    expect(listNameFromFile('3학년 학부모.csv')).toBe('3학년 학부모');
    expect(listNameFromFile('members.TSV')).toBe('members');
    expect(listNameFromFile('.csv')).toBe('.csv');
  });
});
