/**
 * The SecretCipher the app uses, with its state: the OS keychain (always ready), or a passphrase the
 * user enters (locked until then). One mechanism for both places a passphrase is needed: Electron on a
 * Linux desktop without a real keyring (`basic_text` is a fixed key, not encryption), and the Node host.
 */
import { AppError } from '../../ipc/common/app-error';
import type { SecretsStatus } from '../../ipc/common/contract';
import { createPassphraseCipher, currentSaltOf, isCurrentCipherText } from './passphrase-cipher';
import { systemClock, type Clock, type KeyValueStore, type SecretCipher } from '../../storage/node/ports';

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
/** Wrong unlocks so far and when the last one was, kept in the store: a new socket or a restart does not reset them. */
const FAILURES_KEY = 'unlockFailures';

/** The secret maps kept beside the verifier (the account store's passwords and OAuth grants), re-encrypted when the KDF cost rises. */
export const REWRAP_KEYS = ['passwords', 'oauthGrants'] as const;

/** How long to refuse unlocks after `failures` wrong ones: 1 s, doubling each time, at most 15 minutes. */
export function unlockDelayMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(1000 * 2 ** Math.min(failures - 1, 20), 15 * 60 * 1000);
}

interface Failures {
  readonly count: number;
  readonly at: number;
}

/** Options of the passphrase keeper. */
export interface PassphraseKeeperOptions {
  /** Time source for the growing delay after wrong passphrases (tests: a fake clock). */
  readonly clock?: Clock;
  /** Keys of `{ id: { protection, cipherText } }` maps in the same store to bring up to today's KDF cost on unlock. */
  readonly rewrapKeys?: readonly string[];
}

/**
 * A keeper that encrypts with a passphrase, locked until `unlock`. The verifier lives in `store`.
 * Each wrong passphrase makes the next attempt wait longer (`unlockDelayMs`); unlocks run one at a
 * time, so parallel guesses do not slip past the count. Unlocking data written with an older KDF cost
 * re-encrypts it with today's.
 */
export function createPassphraseKeeper(store: KeyValueStore, options: PassphraseKeeperOptions = {}): SecretKeeper {
  const clock = options.clock ?? systemClock;
  const rewrapKeys = options.rewrapKeys ?? REWRAP_KEYS;
  let cipher: SecretCipher | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const locked = () =>
    new AppError('secret-unavailable', 'Saved passwords are locked.', 'Enter your Mailroom passphrase (Settings → Passwords) to unlock them.');
  const status = (): SecretsStatus => ({
    protection: 'passphrase',
    state: cipher ? 'ready' : 'locked',
    passphraseSet: typeof store.get(VERIFIER_KEY) === 'string',
  });
  const failures = (): Failures => {
    const value = store.get(FAILURES_KEY) as Partial<Failures> | undefined;
    const count = Number(value?.count);
    const at = Number(value?.at);
    return Number.isSafeInteger(count) && count > 0 && Number.isFinite(at) ? { count, at } : { count: 0, at: 0 };
  };

  const rewrap = async (old: SecretCipher, fresh: SecretCipher) => {
    for (const key of rewrapKeys) {
      const map = store.get(key);
      if (!map || typeof map !== 'object') continue;
      const next: Record<string, unknown> = {};
      for (const [id, entry] of Object.entries(map as Record<string, unknown>)) {
        const stored = entry as { protection?: unknown; cipherText?: unknown };
        next[id] = entry;
        if (stored.protection !== 'passphrase' || typeof stored.cipherText !== 'string' || isCurrentCipherText(stored.cipherText)) continue;
        // A secret that does not open with this passphrase is left exactly as it was.
        const plain = await old.decrypt(stored.cipherText).catch(() => undefined);
        if (plain !== undefined) next[id] = { ...stored, cipherText: await fresh.encrypt(plain) };
      }
      store.set(key, next);
    }
  };

  const unlockNow = async (passphrase: string): Promise<SecretsStatus> => {
    if (passphrase.length < 8) throw new AppError('invalid-input', 'passphrase: Use at least 8 characters.');
    const past = failures();
    const wait = past.at + unlockDelayMs(past.count) - clock.now();
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      throw new AppError(
        'secret-unavailable',
        `Too many wrong passphrases: wait ${seconds} second${seconds === 1 ? '' : 's'}, then try again.`,
        'Each wrong passphrase makes the wait longer; the right one ends it.',
      );
    }
    const verifier = store.get(VERIFIER_KEY);
    if (typeof verifier !== 'string') {
      const fresh = createPassphraseCipher(passphrase);
      store.set(VERIFIER_KEY, await fresh.encrypt(VERIFIER_TEXT));
      cipher = fresh;
      return status();
    }
    const candidate = createPassphraseCipher(passphrase, { salt: currentSaltOf(verifier) });
    const ok = await candidate.decrypt(verifier).then(
      (text) => text === VERIFIER_TEXT,
      () => false,
    );
    if (!ok) {
      store.set(FAILURES_KEY, { count: past.count + 1, at: clock.now() });
      throw new AppError('secret-unavailable', 'That passphrase is not the one your passwords were saved with.', 'Type it again.');
    }
    store.delete(FAILURES_KEY);
    if (!isCurrentCipherText(verifier)) {
      // Written with an older, cheaper KDF: secrets first, verifier last, so a stop half-way loses nothing.
      const fresh = createPassphraseCipher(passphrase);
      await rewrap(candidate, fresh);
      store.set(VERIFIER_KEY, await fresh.encrypt(VERIFIER_TEXT));
      cipher = fresh;
    } else {
      cipher = candidate;
    }
    return status();
  };

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
    unlock(passphrase) {
      const run = queue.then(() => unlockNow(passphrase));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
