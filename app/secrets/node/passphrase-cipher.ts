/**
 * A SecretCipher keyed by a passphrase: scrypt derives a 256-bit key from the passphrase and a random
 * salt, AES-256-GCM encrypts with a fresh 96-bit IV per secret and authenticates it. Used by the Node
 * host, by Electron where the OS keychain is not real encryption (Linux `basic_text`), and by account
 * export files.
 *
 * Stored form (base64 of): magic | salt (16) | iv (12) | tag (16) | ciphertext. The magic names the
 * scrypt cost: "MRP2" is written today (N=2^17); "MRP1" (N=2^15, the first builds) is still read, so
 * older data and export files open, and `isCurrentCipherText` tells the keeper what to re-encrypt.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import type { SecretCipher } from '../../storage/node/ports';

const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * scrypt costs by format. MRP2: N=2^17, r=8, p=1 (128 MiB, a few hundred ms) — OWASP's Password
 * Storage Cheat Sheet minimum for scrypt; maxmem leaves room above the 128·N·r bytes it needs.
 */
const FORMATS = {
  MRP2: { N: 1 << 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 },
  MRP1: { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 },
} as const satisfies Record<string, ScryptOptions>;
type Format = keyof typeof FORMATS;
const CURRENT: Format = 'MRP2';
const MAGIC_BYTES = 4;

function deriveKey(passphrase: string, salt: Buffer, format: Format): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 32, FORMATS[format], (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function formatOf(raw: Buffer): Format | undefined {
  const magic = raw.subarray(0, MAGIC_BYTES).toString('latin1');
  return magic === 'MRP2' || magic === 'MRP1' ? magic : undefined;
}

/** Whether a cipher text was written with today's scrypt cost (false: an older one, or not ours). */
export function isCurrentCipherText(cipherText: string): boolean {
  return formatOf(Buffer.from(cipherText, 'base64')) === CURRENT;
}

/**
 * The salt of a current-format cipher text, to encrypt under the same derived key (one scrypt run per
 * unlock instead of two); undefined for older formats and foreign text.
 */
export function currentSaltOf(cipherText: string): Buffer | undefined {
  const raw = Buffer.from(cipherText, 'base64');
  if (formatOf(raw) !== CURRENT || raw.length < MAGIC_BYTES + SALT_BYTES) return undefined;
  return Buffer.from(raw.subarray(MAGIC_BYTES, MAGIC_BYTES + SALT_BYTES));
}

/**
 * Creates a passphrase cipher. Derived keys are cached per salt for the life of the cipher. `salt`
 * (16 bytes, from `currentSaltOf`) reuses a stored salt for new secrets; absent, a fresh random one.
 */
export function createPassphraseCipher(passphrase: string, options: { readonly salt?: Buffer | undefined } = {}): SecretCipher {
  if (passphrase.length < 8) throw new Error('The passphrase must be at least 8 characters long.');
  const keys = new Map<string, Promise<Buffer>>();
  const keyFor = (salt: Buffer, format: Format): Promise<Buffer> => {
    const id = `${format}:${salt.toString('hex')}`;
    let key = keys.get(id);
    if (!key) {
      key = deriveKey(passphrase, salt, format);
      keys.set(id, key);
    }
    return key;
  };
  // One salt per cipher instance keeps encryption cheap; each secret still gets its own IV.
  const salt = options.salt?.length === SALT_BYTES ? options.salt : randomBytes(SALT_BYTES);

  return {
    protection: 'passphrase',
    async encrypt(plainText) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', await keyFor(salt, CURRENT), iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from(CURRENT, 'latin1'), salt, iv, cipher.getAuthTag(), body]).toString('base64');
    },
    async decrypt(cipherText) {
      const raw = Buffer.from(cipherText, 'base64');
      const format = formatOf(raw);
      if (raw.length < MAGIC_BYTES + SALT_BYTES + IV_BYTES + TAG_BYTES || format === undefined) {
        throw new Error('Not a Mailroom passphrase-encrypted secret.');
      }
      let at = MAGIC_BYTES;
      const storedSalt = raw.subarray(at, (at += SALT_BYTES));
      const iv = raw.subarray(at, (at += IV_BYTES));
      const tag = raw.subarray(at, (at += TAG_BYTES));
      const decipher = createDecipheriv('aes-256-gcm', await keyFor(Buffer.from(storedSalt), format), iv);
      decipher.setAuthTag(tag);
      // final() throws when the tag does not match: wrong passphrase or tampered data.
      return Buffer.concat([decipher.update(raw.subarray(at)), decipher.final()]).toString('utf8');
    },
  };
}
