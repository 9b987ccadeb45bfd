/** i18next set-up and the rule that turns the language setting into a UI language. */
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Settings } from '../../app/ipc/common/contract';
import { en } from './en';
import { ko } from './ko';

/** The languages the UI has. */
export type UiLanguage = 'ko' | 'en';

/** The UI language for a setting: an explicit choice wins; `system` takes Korean for any `ko*` locale first in the list, else English. */
export function resolveLanguage(setting: Settings['language'], systemLanguages: readonly string[]): UiLanguage {
  if (setting !== 'system') return setting;
  for (const tag of systemLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'ko') return 'ko';
    if (base === 'en') return 'en';
  }
  return 'en';
}

/** Creates the i18next instance used by the app. */
export function createI18n(language: UiLanguage): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { en: { translation: en }, ko: { translation: ko } },
    lng: language,
    fallbackLng: 'en',
    // React escapes by itself.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}
