import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../app/core/app-error';
import { accountDraftSchema } from '../app/core/contract';
import { createAccountStore } from '../app/services/account-store';
import { createMemoryStore, createTestCipher } from '../app/services/memory-ports';
import { chooseSecretCipher, createSafeStorageCipher, createUnavailableCipher, type SafeStorageApi } from './safe-storage-cipher';

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

describe('chooseSecretCipher', () => {
  it('uses the keychain on Linux with a real secret service', async () => {
    const choice = await chooseSecretCipher({ safeStorage: fakeSafeStorage({ backend: 'gnome_libsecret' }), platform: 'linux' });
    expect(choice.kind).toBe('keychain');
    expect(choice.cipher.protection).toBe('keychain:gnome_libsecret');
  });

  it('uses the keychain on macOS and Windows when encryption is available', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const choice = await chooseSecretCipher({ safeStorage: fakeSafeStorage(), platform, passphraseCipher: createTestCipher() });
      expect(choice.kind).toBe('keychain');
    }
  });

  it('asks whether encryption is available before reading the Linux backend', async () => {
    const order: string[] = [];
    const safeStorage = fakeSafeStorage();
    vi.mocked(safeStorage.isAsyncEncryptionAvailable).mockImplementation(async () => (order.push('available'), true));
    vi.mocked(safeStorage.getSelectedStorageBackend).mockImplementation(() => (order.push('backend'), 'kwallet6'));
    await chooseSecretCipher({ safeStorage, platform: 'linux' });
    expect(order[0]).toBe('available');
  });

  it.each(['basic_text', 'unknown'])('refuses the Linux "%s" backend and uses the passphrase cipher', async (backend) => {
    const passphraseCipher = { ...createTestCipher(), protection: 'passphrase' };
    const choice = await chooseSecretCipher({ safeStorage: fakeSafeStorage({ backend }), platform: 'linux', passphraseCipher });
    expect(choice).toMatchObject({ kind: 'passphrase', cipher: passphraseCipher });
    expect(choice.kind !== 'keychain' && choice.reason).toContain(backend);
    expect(choice.cipher.protection).toBe('passphrase');
  });

  it('refuses a keychain that cannot encrypt, on any platform', async () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const choice = await chooseSecretCipher({ safeStorage: fakeSafeStorage({ available: false }), platform });
      expect(choice.kind).toBe('unavailable');
    }
  });

  it('treats a failing initialisation as unavailable', async () => {
    const choice = await chooseSecretCipher({ safeStorage: fakeSafeStorage({ initFails: true }), platform: 'linux' });
    expect(choice.kind).toBe('unavailable');
    expect(choice.kind !== 'keychain' && choice.reason).toContain('no D-Bus');
  });

  it('without a passphrase on basic_text, reports "unavailable" and never touches safeStorage encryption', async () => {
    const safeStorage = fakeSafeStorage({ backend: 'basic_text' });
    const choice = await chooseSecretCipher({ safeStorage, platform: 'linux' });
    expect(choice.kind).toBe('unavailable');
    expect(choice.cipher.protection).toBe('unavailable');
    await expect(choice.cipher.encrypt('secret')).rejects.toMatchObject({ code: 'secret-unavailable' });
    expect(safeStorage.encryptStringAsync).not.toHaveBeenCalled();
  });
});

describe('createUnavailableCipher', () => {
  it('refuses to encrypt or decrypt with a secret-unavailable AppError', async () => {
    const cipher = createUnavailableCipher();
    const error = await cipher.encrypt('hunter2').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'secret-unavailable' });
    expect((error as AppError).message).not.toContain('hunter2');
    await expect(cipher.decrypt('abc')).rejects.toMatchObject({ code: 'secret-unavailable' });
  });

  it('makes saving an account with a password fail, and stores nothing', async () => {
    const records = createMemoryStore();
    const secrets = createMemoryStore();
    const accounts = createAccountStore({ records, secrets, cipher: createUnavailableCipher(), clock: { now: () => 0 } });
    const draft = {
      label: 'Office',
      host: 'smtp.gmail.com',
      port: 465,
      security: 'tls' as const,
      username: 'office@example.com',
      password: 'abcd efgh ijkl mnop',
      fromAddress: 'office@example.com',
      fromName: 'Office',
    };
    await expect(accounts.save(accountDraftSchema.parse(draft))).rejects.toMatchObject({ code: 'secret-unavailable' });
    expect(secrets.dump()).toEqual({});
    expect(JSON.stringify(records.dump())).not.toContain('abcd efgh');
  });
});
