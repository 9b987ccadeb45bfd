/** In-memory implementations of the ports, for tests and for throwaway sessions. */
import type { KeyValueStore, SecretCipher } from '../storage/node/ports';

/** A KeyValueStore in a Map; values are deep-copied as JSON, as a real store would. */
export function createMemoryStore(): KeyValueStore & { readonly dump: () => Record<string, unknown> } {
  const map = new Map<string, string>();
  return {
    get: (key) => {
      const raw = map.get(key);
      return raw === undefined ? undefined : JSON.parse(raw);
    },
    set: (key, value) => {
      map.set(key, JSON.stringify(value));
    },
    delete: (key) => {
      map.delete(key);
    },
    dump: () => Object.fromEntries([...map].map(([k, v]) => [k, JSON.parse(v)])),
  };
}

/** A reversible but non-secret cipher for unit tests only (base64 of reversed text). */
export function createTestCipher(): SecretCipher {
  return {
    protection: 'test',
    encrypt: async (plain) => Buffer.from([...plain].reverse().join(''), 'utf8').toString('base64'),
    decrypt: async (cipher) => [...Buffer.from(cipher, 'base64').toString('utf8')].reverse().join(''),
  };
}
