/** Applies the theme setting to the document, following the OS when the setting is `system`. */
import type { Settings } from '../../app/ipc/common/contract';

/** A concrete theme. */
export type ResolvedTheme = 'light' | 'dark';

/** The theme a setting means, given whether the OS prefers dark. */
export function resolveTheme(setting: Settings['theme'], prefersDark: boolean): ResolvedTheme {
  if (setting === 'system') return prefersDark ? 'dark' : 'light';
  return setting;
}

/** Sets `data-theme` on <html> now and whenever the OS preference changes; returns the cleanup. */
export function applyTheme(setting: Settings['theme'], doc: Document = document): () => void {
  const query = doc.defaultView?.matchMedia?.('(prefers-color-scheme: dark)');
  const apply = () => {
    doc.documentElement.dataset.theme = resolveTheme(setting, query?.matches ?? false);
  };
  apply();
  query?.addEventListener('change', apply);
  return () => query?.removeEventListener('change', apply);
}
