/** i18next set-up and the rule that turns the language setting into a UI language. */
import i18next, { type BackendModule, type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Settings } from '../../app/ipc/common/contract';
import type { Messages } from './en';

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

/**
 * The words of one language, each language its own script chunk: the first screen loads only the
 * active language's words, the other comes when the language is changed.
 */
export function loadMessages(language: UiLanguage): Promise<Messages> {
  return language === 'ko' ? import('./ko').then((module) => module.ko) : import('./en').then((module) => module.en);
}

/** An i18next backend that loads a language's words with `loadMessages` when i18next first needs them. */
const lazyLanguages: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, _namespace, callback) {
    if (language !== 'en' && language !== 'ko') {
      callback(null, {});
      return;
    }
    loadMessages(language).then(
      (messages) => callback(null, messages),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

/** Creates the i18next instance used by the app, with the active language's words (from `loadMessages`) already in it. */
export function createI18n(language: UiLanguage, messages: Messages): i18n {
  const instance = i18next.createInstance();
  void instance.use(lazyLanguages).use(initReactI18next).init({
    resources: { [language]: { translation: messages } },
    // The other language is loaded by the backend when the user switches to it.
    partialBundledLanguages: true,
    lng: language,
    // Korean and English have the same keys (checked by the compiler): no fallback language to load.
    fallbackLng: false,
    // React escapes by itself.
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}
