import { describe, expect, it } from 'vitest';
import { createPassphraseCipher } from './passphrase-cipher';

describe('passphrase cipher (scrypt → AES-256-GCM)', { timeout: 180_000 }, () => {
  it('round-trips Unicode text, with a fresh IV each time', async () => {
    const cipher = createPassphraseCipher('correct horse battery');
    const a = await cipher.encrypt('앱 비밀번호 abcd efgh');
    const b = await cipher.encrypt('앱 비밀번호 abcd efgh');
    expect(a).not.toBe(b);
    expect(await cipher.decrypt(a)).toBe('앱 비밀번호 abcd efgh');
    // Another instance with the same passphrase (a restart) reads it too.
    expect(await createPassphraseCipher('correct horse battery').decrypt(b)).toBe('앱 비밀번호 abcd efgh');
  });

  it('refuses a wrong passphrase, tampered data and foreign input', async () => {
    const sealed = await createPassphraseCipher('correct horse battery').encrypt('secret');
    await expect(createPassphraseCipher('wrong horse battery').decrypt(sealed)).rejects.toThrow();
    const bytes = Buffer.from(sealed, 'base64');
    bytes[bytes.length - 1]! ^= 1;
    await expect(createPassphraseCipher('correct horse battery').decrypt(bytes.toString('base64'))).rejects.toThrow();
    await expect(createPassphraseCipher('correct horse battery').decrypt(Buffer.from('hello').toString('base64'))).rejects.toThrow(/Not a Mailroom/);
  });

  it('refuses passphrases shorter than 8 characters', () => {
    expect(() => createPassphraseCipher('short')).toThrow(/at least 8/);
  });
});
