import { describe, expect, it } from 'vitest';
import { renderMessage } from '../node/template-render';
import { templateDraftSchema, USAGE_TYPES } from '../../ipc/common/contract';
import { BUILT_IN_PLACEHOLDERS, placeholdersOf, unsupportedSyntaxOf } from './placeholders';
import { draftFromStarter, STARTER_FOOTERS, STARTER_TEMPLATES, type StarterTemplate } from './starter-templates';

/** A value for every field a starter may need, with characters HTML must escape. */
const VALUES: Record<string, string> = {
  event: '학부모 상담 & 설명회 <2학기>',
  eventDate: '5월 20일(화) 오후 3시',
  place: '본관 2층 시청각실',
  code: '482913',
};

/** What a campaign fills `{{unsubscribe}}` with (List-Unsubscribe's mailto URI with the member token). */
const UNSUBSCRIBE = 'mailto:office@school.example?subject=unsubscribe%20mr1.c-1.3';

const memberWith = (starter: StarterTemplate) => ({
  name: '김민지',
  email: 'minji@example.com',
  unsubscribe: UNSUBSCRIBE,
  ...(starter.fields.includes('code') ? { code: VALUES.code } : {}),
  fields: Object.fromEntries(starter.fields.filter((field) => field !== 'code').map((field) => [field, VALUES[field] ?? field])),
});

describe('STARTER_TEMPLATES', () => {
  it('has an announcement, an event reminder and a password reset, each in Korean and English', () => {
    expect(STARTER_TEMPLATES.map((starter) => starter.id).sort()).toEqual(
      ['announcement', 'event-reminder', 'password-reset'].flatMap((kind) => [`${kind}-en`, `${kind}-ko`]).sort(),
    );
    for (const starter of STARTER_TEMPLATES) expect(starter.id.endsWith(`-${starter.language}`)).toBe(true);
    const byId = new Map(STARTER_TEMPLATES.map((starter) => [starter.id, starter]));
    expect(byId.get('announcement-ko')?.contentType).toBe('text/plain');
    expect(byId.get('event-reminder-ko')?.contentType).toBe('text/html');
    expect(byId.get('password-reset-ko')?.usageType).toBe('ForgotPassword');
  });

  it('gives both languages of a template the same type, usage and fields', () => {
    for (const ko of STARTER_TEMPLATES.filter((starter) => starter.language === 'ko')) {
      const en = STARTER_TEMPLATES.find((starter) => starter.id === ko.id.replace(/-ko$/, '-en'));
      expect(en && { contentType: en.contentType, usageType: en.usageType, fields: en.fields }).toEqual({
        contentType: ko.contentType,
        usageType: ko.usageType,
        fields: ko.fields,
      });
    }
  });

  it('lists exactly the placeholders besides name, email and unsubscribe as fields, and uses only supported syntax', () => {
    for (const starter of STARTER_TEMPLATES) {
      expect(unsupportedSyntaxOf(starter.subject, starter.content), starter.id).toEqual([]);
      expect(placeholdersOf(starter.subject, starter.content).filter((path) => !['name', 'email', 'unsubscribe'].includes(path)), starter.id).toEqual(starter.fields);
      expect(starter.fields.every((field) => !['name', 'email'].includes(field)), starter.id).toBe(true);
    }
    expect(BUILT_IN_PLACEHOLDERS).toContain('code');
  });

  it('ends every notice with a footer whose visible line is {{unsubscribe}}; the password reset has none', () => {
    for (const starter of STARTER_TEMPLATES) {
      const footer = STARTER_FOOTERS[starter.language][starter.contentType === 'text/html' ? 'html' : 'text'];
      if (starter.usageType === 'ForgotPassword') {
        expect(placeholdersOf(starter.content), starter.id).not.toContain('unsubscribe');
        continue;
      }
      expect(starter.content, starter.id).toContain(footer);
      expect(placeholdersOf(starter.content).at(-1), starter.id).toBe('unsubscribe');
      expect(placeholdersOf(footer)).toEqual(['unsubscribe']);
    }
    expect(STARTER_FOOTERS.ko.text).toMatch(/수신 거부/);
    expect(STARTER_FOOTERS.en.text).toMatch(/unsubscribe here/);
  });

  it('render the unsubscribe line as a link in HTML and as the address in text, naming the same target', () => {
    for (const starter of STARTER_TEMPLATES.filter((one) => one.usageType !== 'ForgotPassword')) {
      const result = renderMessage(starter, memberWith(starter));
      if (!result.ok) throw new Error(starter.id);
      expect(result.text, starter.id).toContain(UNSUBSCRIBE);
      if (starter.contentType === 'text/html') expect(result.html, starter.id).toContain(`<a href="${UNSUBSCRIBE}">office@school.example</a>`);
    }
  });

  it('asks for {{code}} in the password reset', () => {
    for (const starter of STARTER_TEMPLATES.filter((one) => one.usageType === 'ForgotPassword')) expect(starter.fields).toContain('code');
  });

  it('writes Korean in Korean and English in English', () => {
    const hangul = /[\uAC00-\uD7A3]/;
    for (const starter of STARTER_TEMPLATES) {
      expect(hangul.test(starter.subject + starter.content + starter.name), starter.id).toBe(starter.language === 'ko');
    }
  });

  it('keeps the HTML starters simple: no scripts, no images, no external resources, no tables', () => {
    for (const starter of STARTER_TEMPLATES.filter((one) => one.contentType === 'text/html')) {
      expect(starter.content, starter.id).not.toMatch(/<script|<img|<link|<table|<iframe|src=|url\(|https?:|\son\w+=/i);
      expect(starter.content, starter.id).toMatch(new RegExp(`<html lang="${starter.language}">`));
    }
  });

  it('are valid template drafts once copied', () => {
    for (const starter of STARTER_TEMPLATES) {
      const draft = draftFromStarter(starter);
      expect(templateDraftSchema.parse(draft)).toEqual(draft);
      expect(draft.id).toBeUndefined();
      expect(USAGE_TYPES).toContain(draft.usageType);
    }
  });

  it('render for a member who has their fields, in both languages', () => {
    for (const starter of STARTER_TEMPLATES) {
      const result = renderMessage(starter, memberWith(starter));
      if (!result.ok) throw new Error(`${starter.id}: ${JSON.stringify(result)}`);
      expect(result.subject, starter.id).not.toMatch(/[{}\r\n]/);
      expect(result.text, starter.id).not.toMatch(/\{\{|}}/);
      expect(result.text, starter.id).toContain('김민지');
      for (const field of starter.fields) expect(`${result.subject}\n${result.text}`, `${starter.id} ${field}`).toContain(VALUES[field]);
      if (starter.contentType === 'text/html') {
        expect(result.html, starter.id).toContain('김민지');
        if (starter.fields.includes('event')) expect(result.html, starter.id).toContain('학부모 상담 &amp; 설명회 &lt;2학기&gt;');
      } else {
        expect(result.html, starter.id).toBeUndefined();
      }
    }
  });

  it('report exactly their fields as missing for a member without them', () => {
    for (const starter of STARTER_TEMPLATES) {
      const result = renderMessage(starter, { name: '김민지', email: 'minji@example.com', unsubscribe: UNSUBSCRIBE, fields: {} });
      if (starter.fields.length === 0) expect(result.ok, starter.id).toBe(true);
      else expect(result, starter.id).toEqual({ ok: false, missing: [...starter.fields], unsupported: [] });
    }
  });
});
