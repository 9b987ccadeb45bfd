/** User preferences, persisted in the host's key-value store. */
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../ipc/common/contract';
import type { KeyValueStore } from './ports';

const KEY = 'settings';

/** Reads the saved settings, falling back to defaults for anything missing or malformed. */
export function readSettings(store: KeyValueStore): Settings {
  const parsed = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...(store.get(KEY) as object | undefined) });
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

/** Saves the settings and returns them. */
export function writeSettings(store: KeyValueStore, settings: Settings): Settings {
  store.set(KEY, settings);
  return settings;
}
