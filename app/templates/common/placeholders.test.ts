import { describe, expect, it } from 'vitest';
import { emptyPlaceholders, memberDataRoot, missingPlaceholders, placeholdersOf, scanTemplate, unsupportedSyntaxOf } from './placeholders';

describe('placeholdersOf', () => {
  it('reads optional spaces, dotted paths and indexes, distinct, in order of first use', () => {
    expect(placeholdersOf('{{ name }}, {{user.profile.name}} {{items.1}} {{name}} {{\n  email\n}}')).toEqual(['name', 'user.profile.name', 'items.1', 'email']);
  });

  it('reads several texts (subject, then body) without joining them', () => {
    expect(placeholdersOf('Hi {', '{name}} {{code}}', '{{name}}')).toEqual(['code', 'name']);
  });

  it('reads Korean and other letters, digits, _ and - in names', () => {
    expect(placeholdersOf('{{학년}}반 {{반}} {{생년월일_양력}} {{first-name}} {{Ärztin}} {{2024}}')).toEqual(['학년', '반', '생년월일_양력', 'first-name', 'Ärztin', '2024']);
  });

  it('puts paths in Unicode NFC, so a decomposed 학년 is the same placeholder', () => {
    expect(placeholdersOf(`{{${'학년'.normalize('NFD')}}} {{학년}}`)).toEqual(['학년']);
  });

  it('ignores text that only looks like braces', () => {
    expect(placeholdersOf('a { b } }} c {name} {{ }}')).toEqual([]);
  });

  it('keeps a placeholder followed by a lone closing brace', () => {
    expect(placeholdersOf('{{name}}}')).toEqual(['name']);
    expect(unsupportedSyntaxOf('{{name}}}')).toEqual([]);
  });
});

describe('unsupportedSyntaxOf', () => {
  it('reports Handlebars blocks, partials, triple-stash and the rest instead of accepting them', () => {
    const text = [
      '{{#if x}}yes{{else}}no{{/if}}',
      '{{> partial}}',
      '{{{raw}}}',
      '{{&raw}}',
      '{{! a comment }}',
      '{{!-- a }} comment --}}',
      '{{lookup items 1}}',
      '{{upper name}}',
      '{{this}}',
      '{{this.name}}',
      '{{../name}}',
      '{{@root.name}}',
      '{{a/b}}',
      '{{~name~}}',
      '\\{{name}}',
      '{{true}}',
      '{{name.}}',
      '{{ }}',
      '{{생년월일 (양력)}}',
    ].join('\n');
    expect(unsupportedSyntaxOf(text)).toEqual([
      '{{#if x}}',
      '{{else}}',
      '{{/if}}',
      '{{> partial}}',
      '{{{raw}}}',
      '{{&raw}}',
      '{{! a comment }}',
      '{{!-- a }} comment --}}',
      '{{lookup items 1}}',
      '{{upper name}}',
      '{{this}}',
      '{{this.name}}',
      '{{../name}}',
      '{{@root.name}}',
      '{{a/b}}',
      '{{~name~}}',
      '\\{{name}}',
      '{{true}}',
      '{{name.}}',
      '{{ }}',
      '{{생년월일 (양력)}}',
    ]);
    expect(placeholdersOf(text)).toEqual([]);
  });

  it('quotes an unclosed {{ up to the end of its line or the next {{, and a long construct shortened on one line', () => {
    expect(unsupportedSyntaxOf('Hello {{name\nBye {{email}}')).toEqual(['{{name']);
    expect(placeholdersOf('Hello {{name\nBye {{email}}')).toEqual(['email']);
    expect(unsupportedSyntaxOf('Hello {{name {{email}} {{{{raw}}}} {{')).toEqual(['{{name ', '{{{{raw}}}', '{{']);
    const [long] = unsupportedSyntaxOf(`{{!-- note:\n${'x'.repeat(100)} --}}`);
    expect(long).toHaveLength(60);
    expect(long?.startsWith('{{!-- note: xxx')).toBe(true);
    expect(long?.endsWith('…')).toBe(true);
  });

  it('reports nothing for plain placeholders', () => {
    expect(unsupportedSyntaxOf('{{ name }} {{user.profile.name}} {{items.1}} {{학년}}')).toEqual([]);
  });
});

describe('scanTemplate', () => {
  it('splits a template into text, placeholders and unsupported parts, losing nothing', () => {
    const text = 'Hi {{ name }}, {{#if x}}!{{/if}} {{items.1}}}';
    const parts = scanTemplate(text);
    expect(parts.map((part) => part.kind)).toEqual(['text', 'placeholder', 'text', 'unsupported', 'text', 'unsupported', 'text', 'placeholder', 'text']);
    expect(parts.map((part) => (part.kind === 'text' ? part.text : part.source)).join('')).toBe(text);
  });
});

describe('missingPlaceholders and emptyPlaceholders', () => {
  const data = {
    name: 'Kim',
    blank: '',
    spaces: ' \u3000',
    nothing: null,
    notSet: undefined,
    user: { profile: { name: 'Lee' } },
    items: ['a', 'b'],
    학년: '3',
  };

  it('counts absent, undefined and null (at any step) as missing, in the order given', () => {
    const paths = ['name', 'absent', 'nothing', 'notSet', 'user.profile.name', 'user.profile.age', 'user.x.y', 'items.1', 'items.2', 'nothing.x', '학년'];
    expect(missingPlaceholders(paths, data)).toEqual(['absent', 'nothing', 'notSet', 'user.profile.age', 'user.x.y', 'items.2', 'nothing.x']);
  });

  it('counts an empty string as present, and lists blank values apart', () => {
    expect(missingPlaceholders(['blank', 'spaces'], data)).toEqual([]);
    expect(emptyPlaceholders(['name', 'blank', 'spaces', 'absent'], data)).toEqual(['blank', 'spaces']);
  });

  it('never reaches inherited properties or into strings', () => {
    const paths = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'name.length', 'name.0', 'user.constructor', 'items.constructor'];
    expect(missingPlaceholders(paths, data)).toEqual(paths);
  });
});

describe('memberDataRoot', () => {
  it('puts fields at the root, with name, email and a given code over same-named fields', () => {
    const root = memberDataRoot({ name: 'Kim', email: 'kim@example.com', code: '123456', fields: { name: 'list name', email: 'x', code: 'list code', 반: '2' } });
    expect({ ...root }).toEqual({ name: 'Kim', email: 'kim@example.com', code: '123456', 반: '2' });
  });

  it('lets a code column fill {{code}} when the campaign gives no code', () => {
    expect(memberDataRoot({ name: 'Kim', email: 'k@example.com', fields: { code: '777' } }).code).toBe('777');
    expect(missingPlaceholders(['code'], memberDataRoot({ name: 'Kim', email: 'k@example.com', fields: {} }))).toEqual(['code']);
  });

  it('has no prototype, and normalises field names to NFC', () => {
    const root = memberDataRoot({ name: 'Kim', email: 'k@example.com', fields: { ['학년'.normalize('NFD')]: '3' } });
    expect(Object.getPrototypeOf(root)).toBeNull();
    expect(missingPlaceholders(placeholdersOf('{{학년}}'), root)).toEqual([]);
  });
});
