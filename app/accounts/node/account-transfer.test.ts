import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMemoryStore, createTestCipher } from '../../test-support/memory-ports';
import { isCurrentCipherText } from '../../secrets/node/passphrase-cipher';
import { createAccountStore } from './account-store';
import { exportAccounts, generateExportPassphrase, importAccounts, type AccountsExportFile } from './account-transfer';
import { createMemoryLedger } from '../../test-support/memory-ledger';

const clock = { now: () => Date.parse('2026-11-30T05:00:00Z') };
const newStore = () => createAccountStore({ records: createMemoryStore(), secrets: createMemoryStore(), cipher: createTestCipher(), clock, ledger: createMemoryLedger(clock) });

describe('account transfer', { timeout: 180_000 }, () => {
  it('imports a file exported by an earlier build (its own passphrase, scrypt N=2^15) without loss', async () => {
    const legacy = readFileSync(new URL('../../secrets/node/fixtures/accounts-export-scrypt-n15.mailroom', import.meta.url), 'utf8');
    const accounts = newStore();
    await expect(importAccounts(accounts, legacy, 'not the passphrase')).rejects.toMatchObject({ message: /does not open/ });
    expect(await importAccounts(accounts, legacy, 'legacy export passphrase')).toEqual({ imported: 1, skipped: 0 });
    const [account] = accounts.list();
    expect(account).toMatchObject({ label: 'Legacy', host: 'smtp.legacy.test', username: 'old@legacy.test', hasPassword: true });
    expect(await accounts.secretOf(account!.id)).toBe('legacy-Export-Password-77');
  });

  it('exports under a generated passphrase that only the host sees, with today\'s KDF cost; the page gets the outcome only', async () => {
    const source = newStore();
    await source.save({ presetId: 'custom', label: 'Office', host: 'smtp.office.test', port: 587, security: 'starttls', username: 'me@office.test', password: 'pw-Moving-9', fromAddress: 'me@office.test', fromName: 'Me', replyTo: '', ehloName: '', tlsServername: '' });
    let seen: AccountsExportFile | undefined;
    const result = await exportAccounts(source, [], async (file) => {
      seen = file;
      return { saved: true, location: '/data/exports/a.mailroom', passphraseShownIn: 'terminal' };
    });
    expect(result).toEqual({ status: 'saved', count: 1, location: '/data/exports/a.mailroom', passphraseShownIn: 'terminal' });
    expect(JSON.stringify(result)).not.toContain(seen!.passphrase);
    expect(isCurrentCipherText((JSON.parse(seen!.content) as { data: string }).data)).toBe(true);
    expect(await exportAccounts(source, [], async () => ({ saved: false }))).toEqual({ status: 'cancelled' });

    const target = newStore();
    // Typed as a person copies it: lower case, spaces instead of dashes.
    expect(await importAccounts(target, seen!.content, ` ${seen!.passphrase.toLowerCase().replaceAll('-', ' ')} `)).toEqual({ imported: 1, skipped: 0 });
    expect(await target.secretOf(target.list()[0]!.id)).toBe('pw-Moving-9');
  });

  it('makes passphrases of 6 groups of 5 unambiguous letters and digits, different every time', () => {
    const made = new Set(Array.from({ length: 200 }, generateExportPassphrase));
    expect(made.size).toBe(200);
    for (const p of made) expect(p).toMatch(/^[A-HJKMNP-Z2-9]{5}(-[A-HJKMNP-Z2-9]{5}){5}$/);
  });
});
