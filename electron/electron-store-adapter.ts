/** The KeyValueStore port on electron-store: one JSON file per store in the app's userData folder. */
import ElectronStore from 'electron-store';
import type { KeyValueStore } from '../app/storage/node/ports';

/**
 * Opens (or creates) `<cwd>/<name>.json` — by default in `app.getPath('userData')`. The options match
 * the Node host's `createConfStore`, so both hosts write the same format; the file is readable by its
 * owner only, since it holds the user's accounts (and, for `secrets`, their encrypted passwords).
 */
export function createElectronKeyValueStore(name: string, cwd?: string): KeyValueStore {
  const store = new ElectronStore<Record<string, unknown>>({
    name,
    clearInvalidConfig: false,
    configFileMode: 0o600,
    ...(cwd === undefined ? {} : { cwd }),
  });
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
  };
}
