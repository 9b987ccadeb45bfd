/**
 * Secrets encrypted by the OS keychain through Electron's `safeStorage` (its async API), and
 * the rule for when the keychain may be trusted. On Linux without a secret service, Chromium falls back
 * to the `basic_text` backend, whose key is a constant compiled into every Chromium: that is obfuscation,
 * not encryption, so it is refused — as Signal Desktop does (`ts/main/sql.ts`, getSQLKey). There, and
 * wherever safeStorage cannot encrypt, secrets are encrypted with a passphrase the user enters instead.
 * https://www.electronjs.org/docs/latest/api/safe-storage
 */
import type { KeyValueStore, SecretCipher, Clock } from '../app/storage/node/ports';
import { createKeychainKeeper, createPassphraseKeeper, type SecretKeeper } from '../app/secrets/node/secret-keeper';

/** The part of Electron's `safeStorage` this module uses. */
export interface SafeStorageApi {
  /** Resolves once the async encryptor is initialised; whether it can encrypt. */
  isAsyncEncryptionAvailable(): Promise<boolean>;
  /** Encrypts a string with the OS-protected key. */
  encryptStringAsync(plainText: string): Promise<Buffer>;
  /** Decrypts what `encryptStringAsync` produced. */
  decryptStringAsync(encrypted: Buffer): Promise<{ readonly result: string; readonly shouldReEncrypt: boolean }>;
  /** Linux only: which password store Chromium selected (`basic_text`, `gnome_libsecret`, `kwallet5`, …). */
  getSelectedStorageBackend(): string;
}

/** Linux backends that are not real encryption: a hard-coded key, or not determined at all. */
const UNSAFE_LINUX_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown']);

/** A short name of the keychain for `SecretCipher.protection`, e.g. `keychain:macos`. */
export function keychainProtectionName(platform: NodeJS.Platform, backend?: string): string {
  switch (platform) {
    case 'darwin':
      return 'keychain:macos';
    case 'win32':
      return 'keychain:dpapi';
    case 'linux':
      return `keychain:${backend ?? 'unknown'}`;
    default:
      return `keychain:${platform}`;
  }
}

/** A SecretCipher over `safeStorage`. Cipher text is the base64 of the bytes safeStorage returns. */
export function createSafeStorageCipher(safeStorage: SafeStorageApi, platform: NodeJS.Platform): SecretCipher {
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined;
  return {
    protection: keychainProtectionName(platform, backend),
    async encrypt(plainText) {
      const encrypted = await safeStorage.encryptStringAsync(plainText);
      return encrypted.toString('base64');
    },
    async decrypt(cipherText) {
      // `shouldReEncrypt` (the keychain rotated its key) is not acted on yet: the old form still decrypts.
      const { result } = await safeStorage.decryptStringAsync(Buffer.from(cipherText, 'base64'));
      return result;
    },
  };
}

/** Picks the keychain when it is real encryption, else a locked passphrase keeper. Call after `ready`. */
export async function chooseSecretKeeper(options: {
  /** Electron's `safeStorage`. */
  readonly safeStorage: SafeStorageApi;
  /** `process.platform`. */
  readonly platform: NodeJS.Platform;
  /** Where the passphrase keeper keeps its verifier, should the keychain be refused. */
  readonly passphraseStore: KeyValueStore;
  /** The passphrase keeper's clock (the delay after wrong passphrases); tests pass a fake one. */
  readonly clock?: Clock;
}): Promise<{ readonly keeper: SecretKeeper; readonly reason?: string }> {
  const { safeStorage, platform, passphraseStore } = options;
  const reason = await keychainRefusal(safeStorage, platform);
  if (reason === undefined) return { keeper: createKeychainKeeper(createSafeStorageCipher(safeStorage, platform)) };
  return { keeper: createPassphraseKeeper(passphraseStore, options.clock ? { clock: options.clock } : {}), reason };
}

/** Why the keychain must not be used, or undefined when it may. */
async function keychainRefusal(safeStorage: SafeStorageApi, platform: NodeJS.Platform): Promise<string | undefined> {
  let available: boolean;
  try {
    // Initialises the async encryptor first: the Linux backend is only known after that.
    available = await safeStorage.isAsyncEncryptionAvailable();
  } catch (error) {
    return `safeStorage failed to initialise: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (!available) return 'safeStorage reports that encryption is not available.';
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (UNSAFE_LINUX_BACKENDS.has(backend)) {
      return `the Linux password store is "${backend}", which is not real encryption (no keyring service was found).`;
    }
  }
  return undefined;
}
