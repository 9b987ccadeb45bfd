/** The KeyValueStore port on `conf` (electron-store's own engine), for the Node host and its tests. */
import Conf from 'conf';
import type { KeyValueStore } from './ports';

/** Opens (or creates) `<dir>/<name>.json` as a key-value store, readable and writable by its owner only (0600). */
export function createConfStore(dir: string, name: string): KeyValueStore {
  const conf = new Conf<Record<string, unknown>>({ cwd: dir, configName: name, clearInvalidConfig: false, configFileMode: 0o600 });
  return {
    get: (key) => conf.get(key),
    set: (key, value) => conf.set(key, value),
    delete: (key) => conf.delete(key),
  };
}
