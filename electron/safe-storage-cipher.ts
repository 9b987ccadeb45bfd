/**
 * Secrets encrypted by the OS keychain through Electron's `safeStorage` (its async API), and
 * the rule for when the keychain may be trusted. On Linux without a secret service, Chromium falls back
 * to the `basic_text` backend, whose key is a constant compiled into every Chromium: that is obfuscation,
 * not encryption, so it is refused — as Signal Desktop does (`ts/main/sql.ts`, getSQLKey) — and a
 * passphrase is used instead. With neither, saving a password fails rather than storing it readable.
 * https://www.electronjs.org/docs/latest/api/safe-storage
 */
import { AppError } from '../app/core/app-error';
import type { SecretCipher } from '../app/services/ports';

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

/** Which cipher protects secrets here, and why. */
export type SecretCipherChoice =
  | {
      /** The OS keychain encrypts secrets. */
      readonly kind: 'keychain';
      /** The safeStorage cipher. */
      readonly cipher: SecretCipher;
    }
  | {
      /** The keychain is not real encryption here; the passphrase cipher is used. */
      readonly kind: 'passphrase';
      /** The passphrase cipher. */
      readonly cipher: SecretCipher;
      /** Why the keychain was not used, in English, for the log. */
      readonly reason: string;
    }
  | {
      /** Nothing can protect secrets: saving one fails with `secret-unavailable`. */
      readonly kind: 'unavailable';
      /** A cipher that refuses to encrypt or decrypt. */
      readonly cipher: SecretCipher;
      /** Why the keychain was not used, in English, for the log. */
      readonly reason: string;
    };

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

/** A SecretCipher that refuses to store or read any secret, with a message the user can act on. */
export function createUnavailableCipher(): SecretCipher {
  const refuse = (): never => {
    throw new AppError(
      'secret-unavailable',
      'Mailroom cannot store passwords on this computer: no system keychain is available to encrypt them, and it will not save them unencrypted.',
      'On Linux, install and unlock a keyring (GNOME Keyring or KWallet), then restart Mailroom.',
    );
  };
  return {
    protection: 'unavailable',
    encrypt: async () => refuse(),
    decrypt: async () => refuse(),
  };
}

/**
 * Picks the cipher: the keychain when it is real encryption, else the passphrase cipher when one is
 * given, else the refusing cipher. Call after the app is ready (before, Linux reports `unknown`).
 */
export async function chooseSecretCipher(options: {
  /** Electron's `safeStorage`. */
  readonly safeStorage: SafeStorageApi;
  /** `process.platform`. */
  readonly platform: NodeJS.Platform;
  /** The passphrase cipher, when the user has given a passphrase. */
  readonly passphraseCipher?: SecretCipher | undefined;
}): Promise<SecretCipherChoice> {
  const { safeStorage, platform, passphraseCipher } = options;
  const reason = await keychainRefusal(safeStorage, platform);
  if (reason === undefined) return { kind: 'keychain', cipher: createSafeStorageCipher(safeStorage, platform) };
  if (passphraseCipher) return { kind: 'passphrase', cipher: passphraseCipher, reason };
  return { kind: 'unavailable', cipher: createUnavailableCipher(), reason };
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
