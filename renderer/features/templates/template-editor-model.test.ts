import { describe, expect, it } from 'vitest';
import type { TemplateView } from '../../../app/ipc/common/contract';
import { STARTER_TEMPLATES } from '../../../app/templates/common/starter-templates';
import {
  analyseTemplate,
  checkTemplateForm,
  EMPTY_TEMPLATE_FORM,
  fieldOfServerError,
  formFromOrigin,
  isDirty,
  startersByLanguage,
  usageOptions,
  type Starter,
  type TemplateFormValues,
} from './template-editor-model';

const starters: Starter[] = STARTER_TEMPLATES.map(({ id: _id, fields, ...rest }) => ({ ...rest, fields: [...fields] }));
const saved: TemplateView = { id: 't1', name: 'Logto reset', usageType: 'MagicLink', contentType: 'text/plain', subject: 'Code', content: 'Your code is {{code}}', updatedAt: '2025-01-01T00:00:00.000Z' };
const form = (patch: Partial<TemplateFormValues>): TemplateFormValues => ({ ...EMPTY_TEMPLATE_FORM, name: 'Notice', subject: 'Hello {{name}}', ...patch });

describe('analyseTemplate', () => {
  it('lists placeholders of subject then content, once each, built in or from the list', () => {
    const analysis = analyseTemplate({ subject: '[안내] {{ event }} ({{eventDate}})', content: '{{name}}님, {{event}} {{학년}} {{user.profile.name}} {{email}} {{code}}' });
    expect(analysis.placeholders).toEqual([
      { path: 'event', source: 'list' },
      { path: 'eventDate', source: 'list' },
      { path: 'name', source: 'built-in' },
      { path: '학년', source: 'list' },
      { path: 'user.profile.name', source: 'list' },
      { path: 'email', source: 'built-in' },
      { path: 'code', source: 'built-in' },
    ]);
    expect(analysis.unsupported).toEqual([]);
  });

  it('reports Handlebars blocks, partials, triple-stash and helpers as unsupported', () => {
    const { unsupported } = analyseTemplate({ subject: '{{#if vip}}VIP{{/if}}', content: '{{> footer}} {{{raw}}} {{uppercase name}}' });
    expect(unsupported).toEqual(['{{#if vip}}', '{{/if}}', '{{> footer}}', '{{{raw}}}', '{{uppercase name}}']);
  });
});

describe('checkTemplateForm', () => {
  it('gives a trimmed draft, with the id when editing', () => {
    const check = checkTemplateForm(form({ name: '  Notice  ' }), 't1');
    expect(check).toEqual({ ok: true, draft: { id: 't1', name: 'Notice', usageType: 'Notice', contentType: 'text/plain', subject: 'Hello {{name}}', content: '' } });
  });

  it('leaves the id out for a new template', () => {
    const check = checkTemplateForm(form({}));
    expect(check.ok && 'id' in check.draft).toBe(false);
  });

  it('asks for a name and a subject', () => {
    expect(checkTemplateForm(form({ name: ' ', subject: '' }))).toEqual({ ok: false, fields: ['name', 'subject'], unsupported: [] });
  });

  it('blocks unsupported syntax', () => {
    expect(checkTemplateForm(form({ content: 'Hi {{#if x}}there{{/if}}' }))).toEqual({ ok: false, fields: [], unsupported: ['{{#if x}}', '{{/if}}'] });
  });

  it('does not check whether members can fill the placeholders', () => {
    expect(checkTemplateForm(form({ content: '{{seat.row}} {{nobody-has-this}}' })).ok).toBe(true);
  });

  it('accepts every starter as it is', () => {
    for (const starter of starters) expect(checkTemplateForm(formFromOrigin({ kind: 'starter', starter })).ok, starter.name).toBe(true);
  });
});

describe('the editor’s values', () => {
  it('start from a saved template or a starter', () => {
    expect(formFromOrigin({ kind: 'edit', template: saved })).toEqual({ name: 'Logto reset', usageType: 'MagicLink', contentType: 'text/plain', subject: 'Code', content: 'Your code is {{code}}' });
    expect(formFromOrigin({ kind: 'new' })).toBe(EMPTY_TEMPLATE_FORM);
    const starter = starters.find((s) => s.name === '행사 일정 알림')!;
    expect(formFromOrigin({ kind: 'starter', starter }).subject).toBe(starter.subject);
  });

  it('are dirty once anything changes', () => {
    expect(isDirty(EMPTY_TEMPLATE_FORM, { ...EMPTY_TEMPLATE_FORM })).toBe(false);
    expect(isDirty(EMPTY_TEMPLATE_FORM, { ...EMPTY_TEMPLATE_FORM, contentType: 'text/html' })).toBe(true);
  });
});

describe('usageOptions', () => {
  it('offers Mailroom’s types, and keeps an imported type selectable', () => {
    expect(usageOptions('Notice').map((o) => o.value)).toEqual(['Register', 'SignIn', 'ForgotPassword', 'Generic', 'Notice']);
    expect(usageOptions('MagicLink').at(-1)).toEqual({ value: 'MagicLink', known: false });
  });
});

describe('fieldOfServerError', () => {
  it('reads the field from the dispatcher’s `path: message`', () => {
    expect(fieldOfServerError('name: Give the template a name.')).toBe('name');
    expect(fieldOfServerError('subject: Too big: expected string to have <=998 characters')).toBe('subject');
    expect(fieldOfServerError('content: Too big')).toBeUndefined();
    expect(fieldOfServerError('That template no longer exists.')).toBeUndefined();
  });
});

describe('startersByLanguage', () => {
  it('groups Korean first, then English', () => {
    const groups = startersByLanguage([...starters].reverse());
    expect(groups.map((g) => g.language)).toEqual(['ko', 'en']);
    expect(groups[0]!.starters.every((s) => s.language === 'ko')).toBe(true);
  });
});
