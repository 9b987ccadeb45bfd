/**
 * The SecretCipher the app uses, with its state: the OS keychain (always ready), or a passphrase the
 * user enters (locked until then). One mechanism for both places a passphrase is needed: Electron on a
 * Linux desktop without a real keyring (`basic_text` is a fixed key, not encryption), and the Node host.
 */
import { AppError } from '../../ipc/common/app-error';
import type { SecretsStatus } from '../../ipc/common/contract';
import { createPassphraseCipher } from './passphrase-cipher';
import type { KeyValueStore, SecretCipher } from '../../storage/node/ports';

/** A cipher plus its lock state. */
export interface SecretKeeper extends SecretCipher {
  /** Whether secrets can be read and written now. */
  status(): SecretsStatus;
  /** Unlocks with the passphrase (sets it, the first time). Throws `secret-unavailable` when wrong. */
  unlock(passphrase: string): Promise<SecretsStatus>;
}

/** A keeper around an OS-keychain cipher: always ready, nothing to unlock. */
export function createKeychainKeeper(cipher: SecretCipher): SecretKeeper {
  return {
    protection: cipher.protection,
    encrypt: (text) => cipher.encrypt(text),
    decrypt: (text) => cipher.decrypt(text),
    status: () => ({ protection: cipher.protection, state: 'ready', passphraseSet: false }),
    unlock: async () => {
      throw new AppError('invalid-input', 'Secrets are protected by the system keychain here; there is no passphrase to enter.');
    },
  };
}

const VERIFIER_KEY = 'passphraseVerifier';
/** Known text encrypted with the passphrase, to tell a wrong passphrase at once. */
const VERIFIER_TEXT = 'mailroom-passphrase-check';

/** A keeper that encrypts with a passphrase, locked until `unlock`. The verifier lives in `store`. */
export function createPassphraseKeeper(store: KeyValueStore): SecretKeeper {
  let cipher: SecretCipher | null = null;
  const locked = () =>
    new AppError('secret-unavailable', 'Saved passwords are locked.', 'Enter your Mailroom passphrase (Settings → Passwords) to unlock them.');
  const status = (): SecretsStatus => ({
    protection: 'passphrase',
    state: cipher ? 'ready' : 'locked',
    passphraseSet: typeof store.get(VERIFIER_KEY) === 'string',
  });
  return {
    protection: 'passphrase',
    encrypt: async (text) => {
      if (!cipher) throw locked();
      return cipher.encrypt(text);
    },
    decrypt: async (text) => {
      if (!cipher) throw locked();
      return cipher.decrypt(text);
    },
    status,
    async unlock(passphrase) {
      if (passphrase.length < 8) throw new AppError('invalid-input', 'passphrase: Use at least 8 characters.');
      const candidate = createPassphraseCipher(passphrase);
      const verifier = store.get(VERIFIER_KEY);
      if (typeof verifier === 'string') {
        const ok = await candidate.decrypt(verifier).then(
          (text) => text === VERIFIER_TEXT,
          () => false,
        );
        if (!ok) throw new AppError('secret-unavailable', 'That passphrase is not the one your passwords were saved with.', 'Type it again.');
      } else {
        store.set(VERIFIER_KEY, await candidate.encrypt(VERIFIER_TEXT));
      }
      cipher = candidate;
      return status();
    },
  };
}
