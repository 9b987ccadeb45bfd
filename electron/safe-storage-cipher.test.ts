import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../app/ipc/common/app-error';
import { accountDraftSchema } from '../app/ipc/common/contract';
import { createAccountStore } from '../app/accounts/node/account-store';
import { createMemoryStore } from '../app/test-support/memory-ports';
import type { SecretKeeper } from '../app/secrets/node/secret-keeper';
import { createMemoryLedger } from '../app/test-support/memory-ledger';
import { chooseSecretKeeper, createSafeStorageCipher, type SafeStorageApi } from './safe-storage-cipher';

const DRAFT = {
  label: 'Office',
  host: 'smtp.gmail.com',
  port: 465,
  security: 'tls' as const,
  username: 'office@example.com',
  password: 'abcd efgh ijkl mnop',
  fromAddress: 'office@example.com',
  fromName: 'Office',
};

/** A fake safeStorage: XOR with a fixed byte, so cipher text differs from the plain text. */
function fakeSafeStorage(options: { available?: boolean; backend?: string; initFails?: boolean } = {}): SafeStorageApi {
  const xor = (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ 0x5a));
  return {
    isAsyncEncryptionAvailable: vi.fn(async () => {
      if (options.initFails) throw new Error('no D-Bus');
      return options.available ?? true;
    }),
    getSelectedStorageBackend: vi.fn(() => options.backend ?? 'gnome_libsecret'),
    encryptStringAsync: vi.fn(async (plain: string) => xor(Buffer.from(plain, 'utf8'))),
    decryptStringAsync: vi.fn(async (encrypted: Buffer) => ({ result: xor(encrypted).toString('utf8'), shouldReEncrypt: false })),
  };
}

describe('createSafeStorageCipher', () => {
  it('round-trips through the async API and never stores the plain text', async () => {
    const safeStorage = fakeSafeStorage();
    const cipher = createSafeStorageCipher(safeStorage, 'linux');
    const stored = await cipher.encrypt('app password 16ch 한글');
    expect(stored).not.toContain('app password');
    expect(Buffer.from(stored, 'base64').toString('utf8')).not.toContain('app password');
    await expect(cipher.decrypt(stored)).resolves.toBe('app password 16ch 한글');
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledOnce();
    expect(safeStorage.decryptStringAsync).toHaveBeenCalledOnce();
  });

  it.each([
    ['linux', 'gnome_libsecret', 'keychain:gnome_libsecret'],
    ['linux', 'kwallet5', 'keychain:kwallet5'],
    ['darwin', undefined, 'keychain:macos'],
    ['win32', undefined, 'keychain:dpapi'],
  ] as const)('names the protection on %s (%s) %s', (platform, backend, protection) => {
    const safeStorage = fakeSafeStorage(backend ? { backend } : {});
    expect(createSafeStorageCipher(safeStorage, platform).protection).toBe(protection);
    // The backend question is Linux-only in Electron.
    if (platform !== 'linux') expect(safeStorage.getSelectedStorageBackend).not.toHaveBeenCalled();
  });
});

describe('chooseSecretKeeper', () => {
  const choose = (safeStorage: SafeStorageApi, platform: NodeJS.Platform = 'linux', passphraseStore = createMemoryStore()) =>
    chooseSecretKeeper({ safeStorage, platform, passphraseStore });

  it('uses the keychain on Linux with a real secret service', async () => {
    const { keeper, reason } = await choose(fakeSafeStorage({ backend: 'gnome_libsecret' }));
    expect(reason).toBeUndefined();
    expect(keeper.protection).toBe('keychain:gnome_libsecret');
    expect(keeper.status()).toEqual({ protection: 'keychain:gnome_libsecret', state: 'ready', passphraseSet: false });
  });

  it('uses the keychain on macOS and Windows when encryption is available, and encrypts through it', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const safeStorage = fakeSafeStorage();
      const { keeper, reason } = await choose(safeStorage, platform);
      expect(reason).toBeUndefined();
      expect(keeper.status().state).toBe('ready');
      const stored = await keeper.encrypt('hunter2!');
      expect(safeStorage.encryptStringAsync).toHaveBeenCalledWith('hunter2!');
      await expect(keeper.decrypt(stored)).resolves.toBe('hunter2!');
    }
  });

  it('asks whether encryption is available before reading the Linux backend', async () => {
    const order: string[] = [];
    const safeStorage = fakeSafeStorage();
    vi.mocked(safeStorage.isAsyncEncryptionAvailable).mockImplementation(async () => (order.push('available'), true));
    vi.mocked(safeStorage.getSelectedStorageBackend).mockImplementation(() => (order.push('backend'), 'kwallet6'));
    await choose(safeStorage);
    expect(order[0]).toBe('available');
  });

  it.each(['basic_text', 'unknown'])('refuses the Linux "%s" backend and uses a locked passphrase keeper', async (backend) => {
    const { keeper, reason } = await choose(fakeSafeStorage({ backend }));
    expect(reason).toContain(backend);
    expect(keeper.protection).toBe('passphrase');
    expect(keeper.status()).toEqual({ protection: 'passphrase', state: 'locked', passphraseSet: false });
  });

  it('refuses a keychain that cannot encrypt, on any platform, for a passphrase keeper', async () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const { keeper, reason } = await choose(fakeSafeStorage({ available: false }), platform);
      expect(reason).toContain('not available');
      expect(keeper.status()).toMatchObject({ protection: 'passphrase', state: 'locked' });
    }
  });

  it('treats a failing initialisation as unavailable, for a passphrase keeper', async () => {
    const { keeper, reason } = await choose(fakeSafeStorage({ initFails: true }));
    expect(reason).toContain('no D-Bus');
    expect(keeper.status()).toMatchObject({ protection: 'passphrase', state: 'locked' });
  });

  it('on basic_text, refuses secrets until unlocked, and never touches safeStorage encryption', async () => {
    const safeStorage = fakeSafeStorage({ backend: 'basic_text' });
    const { keeper } = await choose(safeStorage);
    const error = await keeper.encrypt('hunter2!').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'secret-unavailable' });
    expect((error as AppError).message).not.toContain('hunter2');
    await expect(keeper.decrypt('abc')).rejects.toMatchObject({ code: 'secret-unavailable' });
    await expect(keeper.unlock('a long passphrase')).resolves.toEqual({ protection: 'passphrase', state: 'ready', passphraseSet: true });
    await expect(keeper.decrypt(await keeper.encrypt('hunter2!'))).resolves.toBe('hunter2!');
    expect(safeStorage.encryptStringAsync).not.toHaveBeenCalled();
    expect(safeStorage.decryptStringAsync).not.toHaveBeenCalled();
  });

  it('on basic_text, saves an account password once unlocked, and a second start needs the same passphrase', async () => {
    const clock = { now: () => 0 };
    const records = createMemoryStore();
    const secrets = createMemoryStore();
    const accountsOver = (keeper: SecretKeeper) =>
      createAccountStore({ records, secrets, cipher: keeper, clock, ledger: createMemoryLedger(clock) });

    const { keeper } = await choose(fakeSafeStorage({ backend: 'basic_text' }), 'linux', secrets);
    const accounts = accountsOver(keeper);
    await expect(accounts.save(accountDraftSchema.parse(DRAFT))).rejects.toMatchObject({ code: 'secret-unavailable' });
    expect(secrets.dump()).toEqual({});
    expect(records.dump()).toEqual({});

    await keeper.unlock('a long passphrase');
    const saved = await accounts.save(accountDraftSchema.parse(DRAFT));
    expect(saved).toMatchObject({ hasPassword: true, secretReadable: true });
    await expect(accounts.secretOf(saved.id)).resolves.toBe(DRAFT.password);
    expect(JSON.stringify(secrets.dump())).not.toContain('abcd efgh');
    expect(JSON.stringify(records.dump())).not.toContain('abcd efgh');

    let now = 0;
    const { keeper: again } = await chooseSecretKeeper({ safeStorage: fakeSafeStorage({ backend: 'basic_text' }), platform: 'linux', passphraseStore: secrets, clock: { now: () => now } });
    expect(again.status()).toEqual({ protection: 'passphrase', state: 'locked', passphraseSet: true });
    await expect(again.unlock('not the passphrase')).rejects.toMatchObject({ code: 'secret-unavailable' });
    expect(again.status().state).toBe('locked');
    // A wrong passphrase makes the next try wait (kept in the store); after the wait the right one opens.
    await expect(again.unlock('a long passphrase')).rejects.toThrow(/wait 1 second/);
    now += 1_000;
    await again.unlock('a long passphrase');
    await expect(accountsOver(again).secretOf(saved.id)).resolves.toBe(DRAFT.password);
  });
});
