import { describe, expect, it } from 'vitest';
import { en } from './en';
import { createI18n, resolveLanguage } from './i18n';
import { ko } from './ko';
import { SMTP_DIAGNOSES } from '../../app/diagnosis/common/smtp-diagnosis';
import { DIAGNOSIS_CATALOGUE, explainFailure } from '../../app/diagnosis/common/diagnosis-catalogue';
import { PRESET_IDS } from '../../app/accounts/common/presets';
import { LOGTO_NOTE_CODES } from '../../app/logto/common/logto-notes';

function keys(value: unknown, prefix = ''): string[] {
  return value && typeof value === 'object'
    ? Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
    : [prefix];
}

describe('resolveLanguage', () => {
  it('follows an explicit choice', () => {
    expect(resolveLanguage('ko', ['en-US'])).toBe('ko');
    expect(resolveLanguage('en', ['ko-KR'])).toBe('en');
  });
  it('follows the first known system language', () => {
    expect(resolveLanguage('system', ['ko-KR', 'en-US'])).toBe('ko');
    expect(resolveLanguage('system', ['fr-FR', 'en-GB', 'ko'])).toBe('en');
    expect(resolveLanguage('system', ['ja-JP'])).toBe('en');
  });
});

describe('language tables', () => {
  it('have the same keys in Korean and English, all non-empty', () => {
    expect(keys(ko).sort()).toEqual(keys(en).sort());
    for (const table of [en, ko]) for (const key of keys(table)) expect(key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], table)).not.toBe('');
  });
  it('explain every diagnosis in both languages', () => {
    for (const code of SMTP_DIAGNOSES) {
      expect(en.diagnosis[code].title).toBeTruthy();
      expect(ko.diagnosis[code].title).toBeTruthy();
    }
  });
  it('have title, meaning and steps for every diagnosis under every preset', () => {
    for (const lng of ['en', 'ko'] as const) {
      const i18n = createI18n(lng, { en, ko }[lng]);
      for (const code of Object.keys(DIAGNOSIS_CATALOGUE) as (keyof typeof DIAGNOSIS_CATALOGUE)[]) {
        for (const preset of PRESET_IDS) {
          const { key } = explainFailure(code, preset);
          expect(i18n.exists(`${key}.title`), `${lng} ${key}.title`).toBe(true);
          expect(i18n.exists(`${key}.body`), `${lng} ${key}.body`).toBe(true);
          expect(Array.isArray(i18n.t(`${key}.steps`, { returnObjects: true })), `${lng} ${key}.steps`).toBe(true);
        }
      }
    }
  });

  it('name and explain every preset', () => {
    for (const lng of ['en', 'ko'] as const) {
      const i18n = createI18n(lng, { en, ko }[lng]);
      for (const preset of PRESET_IDS) for (const part of ['name', 'username', 'password']) expect(i18n.exists(`presets.${preset}.${part}`)).toBe(true);
    }
  });

  it('word every Logto note', () => {
    for (const lng of ['en', 'ko'] as const) for (const code of LOGTO_NOTE_CODES) expect(createI18n(lng, { en, ko }[lng]).exists(`logto.notes.${code}`), `${lng} ${code}`).toBe(true);
  });

  it('interpolate through i18next', () => {
    expect(createI18n('ko', ko).t('settings.version', { version: '1.2.3' })).toBe('버전 1.2.3');
    expect(createI18n('en', en).t('accounts.confirmRemove', { label: 'Office' })).toContain('“Office”');
  });
});

describe('per-language words', () => {
  it('starts with the active language only and loads the other when the language changes', async () => {
    const i18n = createI18n('en', en);
    expect(i18n.t('nav.lists')).toBe(en.nav.lists);
    expect(i18n.hasResourceBundle('ko', 'translation')).toBe(false);
    await i18n.changeLanguage('ko');
    expect(i18n.language).toBe('ko');
    expect(i18n.t('nav.lists')).toBe(ko.nav.lists);
    await i18n.changeLanguage('en');
    expect(i18n.t('nav.lists')).toBe(en.nav.lists);
  });
});
