import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAccountStore } from '../../accounts/node/account-store';
import { createMemoryLedger } from '../../test-support/memory-ledger';
import { createMemoryStore } from '../../test-support/memory-ports';
import { isCurrentCipherText } from './passphrase-cipher';
import { createPassphraseKeeper, unlockDelayMs } from './secret-keeper';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** A store holding what the first builds (scrypt N=2^15) wrote: a verifier, one password, one OAuth grant. */
function legacyStore() {
  const store = createMemoryStore();
  for (const [key, value] of Object.entries(JSON.parse(fixture('secrets-scrypt-n15.json')) as Record<string, unknown>)) store.set(key, value);
  return store;
}

describe('the passphrase keeper', { timeout: 180_000 }, () => {
  it('makes each wrong passphrase wait longer, kept in the store (a new socket or keeper does not reset it)', async () => {
    let now = Date.parse('2026-11-30T05:00:00Z');
    const clock = { now: () => now };
    const store = createMemoryStore();
    await createPassphraseKeeper(store, { clock }).unlock('the right passphrase');

    const keeper = createPassphraseKeeper(store, { clock });
    await expect(keeper.unlock('a wrong passphrase')).rejects.toMatchObject({ code: 'secret-unavailable', message: /not the one/ });
    // At once again: refused without even trying, the right passphrase included.
    await expect(keeper.unlock('the right passphrase')).rejects.toMatchObject({ message: /wait 1 second/ });
    now += 1000;
    await expect(keeper.unlock('another wrong one')).rejects.toMatchObject({ message: /not the one/ });
    // The second failure doubles the wait; a fresh keeper over the same store (a reconnect, a restart) sees it.
    const again = createPassphraseKeeper(store, { clock });
    now += 1500;
    await expect(again.unlock('the right passphrase')).rejects.toMatchObject({ message: /wait 1 second/ });
    now += 500;
    await expect(again.unlock('the right passphrase')).resolves.toMatchObject({ state: 'ready' });
    // The right passphrase ends the waiting.
    await expect(createPassphraseKeeper(store, { clock }).unlock('yet another wrong')).rejects.toMatchObject({ message: /not the one/ });
    await expect(createPassphraseKeeper(store, { clock }).unlock('the right passphrase')).rejects.toMatchObject({ message: /wait 1 second/ });
  });

  it('counts parallel guesses one by one: a burst of wrong passphrases does not slip past the delay', async () => {
    const now = Date.parse('2026-11-30T05:00:00Z');
    const store = createMemoryStore();
    const keeper = createPassphraseKeeper(store, { clock: { now: () => now } });
    await keeper.unlock('the right passphrase');
    const results = await Promise.allSettled(['guess one!', 'guess two!', 'guess three', 'guess four'].map((p) => keeper.unlock(p)));
    const reasons = results.map((r) => (r.status === 'rejected' ? String((r.reason as Error).message) : 'unlocked'));
    expect(reasons.filter((m) => /not the one/.test(m))).toHaveLength(1);
    expect(reasons.filter((m) => /wait/.test(m))).toHaveLength(3);
  });

  it('grows the delay 1 s, 2 s, 4 s … up to 15 minutes', () => {
    expect([0, 1, 2, 3, 4, 11, 12, 50, 10_000].map(unlockDelayMs)).toEqual([0, 1000, 2000, 4000, 8000, 900_000, 900_000, 900_000, 900_000]);
  });

  it('re-encrypts data written with the old KDF cost on unlock, losing nothing; a wrong passphrase changes nothing', async () => {
    const store = legacyStore();
    const before = store.dump();
    await expect(createPassphraseKeeper(store).unlock('not the legacy passphrase')).rejects.toMatchObject({ code: 'secret-unavailable' });
    const { unlockFailures: _failures, ...untouched } = store.dump();
    expect(untouched).toEqual(before);

    store.delete('unlockFailures');
    const keeper = createPassphraseKeeper(store);
    await keeper.unlock('legacy data passphrase');
    const after = store.dump() as { passphraseVerifier: string; passwords: Record<string, { cipherText: string }>; oauthGrants: Record<string, { cipherText: string }> };
    expect(isCurrentCipherText(after.passphraseVerifier)).toBe(true);
    expect(isCurrentCipherText(after.passwords['acc-1']!.cipherText)).toBe(true);
    expect(isCurrentCipherText(after.oauthGrants['acc-2']!.cipherText)).toBe(true);

    // A restart: a new keeper over the migrated store, read through the real account store.
    const restarted = createPassphraseKeeper(store);
    await restarted.unlock('legacy data passphrase');
    const clock = { now: () => 0 };
    const accounts = createAccountStore({ records: createMemoryStore(), secrets: store, cipher: restarted, clock, ledger: createMemoryLedger(clock) });
    expect(await accounts.secretOf('acc-1')).toBe('legacy-Stored-Password-41');
    expect(JSON.parse(await restarted.decrypt(after.oauthGrants['acc-2']!.cipherText))).toEqual({ clientSecret: 'GOCSPX-legacy-secret', refreshToken: 'legacy-refresh-token' });
  });
});
