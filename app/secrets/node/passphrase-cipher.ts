/**
 * A SecretCipher keyed by a passphrase: scrypt derives a 256-bit key from the passphrase and a random
 * salt, AES-256-GCM encrypts with a fresh 96-bit IV per secret and authenticates it. Used by the Node
 * host, and by Electron where the OS keychain is not real encryption (Linux `basic_text`).
 *
 * Stored form (base64 of): "MRP1" magic | salt (16) | iv (12) | tag (16) | ciphertext.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import type { SecretCipher } from '../../storage/node/ports';

const MAGIC = Buffer.from('MRP1', 'ascii');
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** scrypt cost: N=2^15, r=8, p=1 (~32 MiB, tens of ms) — the values RFC 7914 §2 suggests for interactive use. */
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

function deriveKey(passphrase: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 32, SCRYPT, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Creates a passphrase cipher. Derived keys are cached per salt for the life of the cipher. */
export function createPassphraseCipher(passphrase: string): SecretCipher {
  if (passphrase.length < 8) throw new Error('The passphrase must be at least 8 characters long.');
  const keys = new Map<string, Promise<Buffer>>();
  const keyFor = (salt: Buffer): Promise<Buffer> => {
    const id = salt.toString('hex');
    let key = keys.get(id);
    if (!key) {
      key = deriveKey(passphrase, salt);
      keys.set(id, key);
    }
    return key;
  };
  // One salt per cipher instance keeps encryption cheap; each secret still gets its own IV.
  const salt = randomBytes(SALT_BYTES);

  return {
    protection: 'passphrase',
    async encrypt(plainText) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', await keyFor(salt), iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([MAGIC, salt, iv, cipher.getAuthTag(), body]).toString('base64');
    },
    async decrypt(cipherText) {
      const raw = Buffer.from(cipherText, 'base64');
      if (raw.length < MAGIC.length + SALT_BYTES + IV_BYTES + TAG_BYTES || !raw.subarray(0, 4).equals(MAGIC)) {
        throw new Error('Not a Mailroom passphrase-encrypted secret.');
      }
      let at = MAGIC.length;
      const storedSalt = raw.subarray(at, (at += SALT_BYTES));
      const iv = raw.subarray(at, (at += IV_BYTES));
      const tag = raw.subarray(at, (at += TAG_BYTES));
      const decipher = createDecipheriv('aes-256-gcm', await keyFor(Buffer.from(storedSalt)), iv);
      decipher.setAuthTag(tag);
      // final() throws when the tag does not match: wrong passphrase or tampered data.
      return Buffer.concat([decipher.update(raw.subarray(at)), decipher.final()]).toString('utf8');
    },
  };
}
