import { describe, expect, it } from 'vitest';
import { accountDraftSchema, type AccountDraftInput } from '../../ipc/common/contract';
import { createAccountStore, ACCOUNTS_VERSION } from './account-store';
import { createMemoryStore, createTestCipher } from '../../test-support/memory-ports';
import type { SecretCipher } from '../../storage/node/ports';
import { createMemoryLedger } from '../../test-support/memory-ledger';

const clock = { now: () => Date.parse('2026-11-22T09:00:00Z') };

function setup(cipher: SecretCipher = createTestCipher(), stores = { records: createMemoryStore(), secrets: createMemoryStore(), ledger: createMemoryStore() }) {
  const accounts = createAccountStore({ records: stores.records, secrets: stores.secrets, cipher, clock, ledger: createMemoryLedger(clock) });
  return { accounts, stores };
}

const draft = (over: Partial<AccountDraftInput> = {}) =>
  accountDraftSchema.parse({
    presetId: 'gmail',
    label: 'Office',
    host: 'smtp.gmail.com',
    port: 465,
    security: 'tls',
    username: 'office@gmail.com',
    password: 'abcd efgh ijkl mnop',
    fromAddress: 'office@gmail.com',
    fromName: 'Office',
    ...over,
  });

describe('account store', () => {
  it('keeps the password apart from the record, encrypted, and never in a view', async () => {
    const { accounts, stores } = setup();
    const view = await accounts.save(draft());
    expect(view.hasPassword).toBe(true);
    expect(JSON.stringify(stores.records.dump())).not.toContain('abcd');
    expect(JSON.stringify(stores.secrets.dump())).not.toContain('abcdefghijklmnop');
    expect(JSON.stringify(accounts.list())).not.toContain('abcd');
    // Google app passwords are stored without the spaces Google shows them with.
    expect(await accounts.secretOf(view.id)).toBe('abcdefghijklmnop');
  });

  it('keeps a custom preset password exactly as typed', async () => {
    const { accounts } = setup();
    const view = await accounts.save(draft({ presetId: 'custom', password: ' pass with spaces ' }));
    expect(await accounts.secretOf(view.id)).toBe(' pass with spaces ');
  });

  it('keeps the stored password when an edit leaves it empty, and drops a stale check when the server changes', async () => {
    const { accounts } = setup();
    const view = await accounts.save(draft());
    accounts.setLastCheck(view.id, { status: 'passed', steps: [], checkedAt: '2026-11-22T08:00:00.000Z' });
    const renamed = await accounts.save(draft({ id: view.id, label: 'Renamed', password: undefined }));
    expect(renamed.lastCheck?.status).toBe('passed');
    expect(await accounts.secretOf(view.id)).toBe('abcdefghijklmnop');
    // A saved password is bound to its server and login: moving them needs the password again.
    await expect(accounts.save(draft({ id: view.id, host: 'smtp-relay.gmail.com', password: undefined }))).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/^password: The server or login changed/),
    });
    const moved = await accounts.save(draft({ id: view.id, host: 'smtp-relay.gmail.com', password: 'qrst uvwx yzab cdef' }));
    expect(moved.lastCheck).toBeUndefined();
    expect(await accounts.secretOf(view.id)).toBe('qrstuvwxyzabcdef');
  });

  it('binds a saved OAuth sign-in to its client, token endpoint, secret and Google address on a reconnect without a new refresh token', async () => {
    const { accounts } = setup();
    const client = { clientId: 'id-1.apps.googleusercontent.com', clientSecret: 'GOCSPX-one', authUri: 'https://accounts.google.com/o/oauth2/auth', tokenUri: 'https://oauth2.googleapis.com/token', projectId: 'p' };
    const grant = { label: 'G', fromName: 'G', sendMethod: 'gmail-api' as const, client, googleAddress: 'office@gmail.com', refreshToken: 'refresh-planted-1', scope: 's' };
    const view = await accounts.saveOAuth(grant);
    const reconnect = { ...grant, accountId: view.id, refreshToken: undefined };
    for (const other of [
      { client: { ...client, tokenUri: 'https://evil.test/token' } },
      { client: { ...client, clientSecret: 'GOCSPX-attacker' } },
      { googleAddress: 'attacker@gmail.com' },
    ]) {
      await expect(accounts.saveOAuth({ ...reconnect, ...other })).rejects.toMatchObject({ code: 'invalid-input' });
    }
    expect((await accounts.oauthClientOf(view.id)).client.tokenUri).toBe('https://oauth2.googleapis.com/token');
    // The very same client and address keep the stored sign-in.
    await expect(accounts.saveOAuth(reconnect)).resolves.toMatchObject({ id: view.id });
  });

  it('refuses a daily limit above the provider limit', async () => {
    const { accounts } = setup();
    await expect(accounts.save(draft({ dailyLimit: 501 }))).rejects.toMatchObject({ code: 'invalid-input' });
    expect((await accounts.save(draft({ dailyLimit: 300 }))).effectiveDailyLimit).toBe(300);
  });

  it('when the keychain changes, keeps the record and asks for the password again instead of crashing', async () => {
    const stores = { records: createMemoryStore(), secrets: createMemoryStore(), ledger: createMemoryStore() };
    const before = setup({ ...createTestCipher(), protection: 'keychain:gnome_libsecret' }, stores);
    const view = await before.accounts.save(draft());
    const after = setup({ ...createTestCipher(), protection: 'keychain:kwallet5' }, stores);
    expect(after.accounts.list()).toEqual([expect.objectContaining({ id: view.id, label: 'Office', hasPassword: true, secretReadable: false })]);
    await expect(after.accounts.secretOf(view.id)).rejects.toMatchObject({ code: 'secret-unavailable', hint: expect.stringContaining('again') });
    const fixed = await after.accounts.save(draft({ id: view.id, password: 'qrst uvwx yzab cdef' }));
    expect(fixed.secretReadable).toBe(true);
  });

  it('reports a secret that no longer decrypts with the same protection', async () => {
    const broken: SecretCipher = { ...createTestCipher(), decrypt: async () => Promise.reject(new Error('bad tag')) };
    const { accounts } = setup(broken);
    const view = await accounts.save(draft());
    await expect(accounts.secretOf(view.id)).rejects.toMatchObject({ code: 'secret-unavailable' });
  });

  it('migrates version-1 records (no preset, no advanced fields) and writes the new version', () => {
    const records = createMemoryStore();
    records.set('accounts', [
      { id: 'old', label: 'Old', host: 'mail.example.test', port: 587, security: 'starttls', username: '', fromAddress: 'a@example.test', fromName: '', caCertificate: '', createdAt: 'x', updatedAt: 'x' },
    ]);
    const { accounts } = setup(createTestCipher(), { records, secrets: createMemoryStore(), ledger: createMemoryStore() });
    expect(accounts.list()).toEqual([expect.objectContaining({ id: 'old', presetId: 'custom', replyTo: '', ehloName: '', tlsServername: '' })]);
    expect(records.get('accountsVersion')).toBe(ACCOUNTS_VERSION);
  });

  it('migrates version-2 records to version 3 (password accounts) without losing a field or a password', async () => {
    const stores = { records: createMemoryStore(), secrets: createMemoryStore(), ledger: createMemoryStore() };
    const first = setup(createTestCipher(), stores);
    const saved = await first.accounts.save(draft());
    // Write it back as a version-2 store would have: no `auth` on the record.
    const v2 = (stores.records.get('accounts') as Record<string, unknown>[]).map(({ auth: _auth, ...rest }) => rest);
    stores.records.set('accounts', v2);
    stores.records.set('accountsVersion', 2);
    const { accounts } = setup(createTestCipher(), stores);
    const [view] = accounts.list();
    expect(view).toEqual({ ...saved, auth: { kind: 'password' } });
    expect(stores.records.get('accountsVersion')).toBe(3);
    expect(accounts.record(saved.id)).toMatchObject({ ...v2[0], auth: { kind: 'password' } });
    expect(await accounts.credentialsOf(saved.id)).toEqual({ kind: 'password', password: 'abcdefghijklmnop' });
  });

  it('keeps an OAuth grant encrypted apart from passwords, refuses a password edit of it, and removes it with the account', async () => {
    const { accounts, stores } = setup();
    const client = { clientId: 'id.apps.googleusercontent.com', clientSecret: 'GOCSPX-secret', authUri: 'https://accounts.google.com/o/oauth2/auth', tokenUri: 'https://oauth2.googleapis.com/token', projectId: 'p' };
    const view = await accounts.saveOAuth({ label: 'G', fromName: 'Office', sendMethod: 'smtp-xoauth2', client, googleAddress: 'office@school.kr', refreshToken: '1//refresh-abc', scope: 'https://mail.google.com/ openid email' });
    expect(view).toMatchObject({ presetId: 'workspace', host: 'smtp.gmail.com', port: 465, username: 'office@school.kr', fromAddress: 'office@school.kr', hasPassword: false, secretReadable: true });
    expect(view.auth).toMatchObject({ kind: 'oauth', sendMethod: 'smtp-xoauth2', googleAddress: 'office@school.kr', hasGrant: true });
    const dumped = JSON.stringify([stores.records.dump(), stores.secrets.dump(), accounts.list()]);
    expect(dumped).not.toContain('GOCSPX-secret');
    expect(dumped).not.toContain('1//refresh-abc');
    expect(await accounts.secretOf(view.id)).toBeUndefined();
    expect((await accounts.oauthClientOf(view.id)).client.clientSecret).toBe('GOCSPX-secret');
    await expect(accounts.save(draft({ id: view.id }))).rejects.toMatchObject({ code: 'invalid-input' });
    // A reconnect without a new refresh token keeps the stored one.
    const again = await accounts.saveOAuth({ accountId: view.id, label: '', fromName: '', sendMethod: 'gmail-api', client, googleAddress: 'office@school.kr', refreshToken: undefined, scope: '' });
    expect(again).toMatchObject({ id: view.id, label: 'G', fromName: 'Office', host: 'gmail.googleapis.com' });
    expect(accounts.list()).toHaveLength(1);
    accounts.remove(view.id);
    expect(JSON.stringify(stores.secrets.dump())).not.toContain(view.id);
  });

  it('removes the secret and the ledger entries with the account', async () => {
    const { accounts, stores } = setup();
    const view = await accounts.save(draft());
    accounts.remove(view.id);
    expect(accounts.list()).toEqual([]);
    expect(JSON.stringify(stores.secrets.dump())).not.toContain(view.id);
    await expect(accounts.secretOf(view.id)).resolves.toBeUndefined();
  });
});
