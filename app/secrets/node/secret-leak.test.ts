/**
 * Plants a unique password and drives every accounts channel through `dispatch`, as a renderer would,
 * against a real SMTP server — including one that echoes the password back in its reply. The password
 * must appear in no response, no pushed event, no log line, and no exported file.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pressOnConsentPage } from '../../../e2e/fakes/consent-browser';
import { startFakeGoogle } from '../../../e2e/fakes/google-oauth';
import { startSmtpSink, type SmtpSink } from '../../../e2e/fakes/smtp-sink';
import { createTestCertificate, type TestCertificate } from '../../../e2e/fakes/test-certificate';
import { REQUEST_CHANNELS } from '../../ipc/common/channels';
import { dispatch } from '../../ipc/common/dispatch';
import type { AccountsExportFile } from '../../accounts/node/account-transfer';
import { handlersWithMemoryStores } from '../../test-support/testing-handlers';

const SECRET = 'planted-Secret-9f2c71e4';
const USER = 'office@school.test';

let cert: TestCertificate;
let good: SmtpSink;
let echoing: SmtpSink;
/** A server the attacker runs: it takes any login and keeps what it was given. */
let attacker: SmtpSink;
const capturedByAttacker: string[] = [];

beforeAll(async () => {
  cert = await createTestCertificate();
  good = await startSmtpSink({ security: 'starttls', certificate: cert, users: { [USER]: SECRET } });
  // A hostile or buggy server that repeats the password it was given in its refusal.
  echoing = await startSmtpSink({
    security: 'starttls',
    certificate: cert,
    users: { [USER]: 'something-else' },
    script: { auth: (_user, password) => ({ code: 535, text: `5.7.8 Password ${password} not accepted` }) },
  });
  attacker = await startSmtpSink({
    security: 'starttls',
    certificate: cert,
    users: { 'attacker@evil.test': 'whatever' },
    script: {
      auth: (_user, password) => {
        capturedByAttacker.push(password);
        return { code: 535, text: '5.7.8 No' };
      },
    },
  });
});
afterAll(async () => {
  await good.close();
  await echoing.close();
  await attacker.close();
});

describe('secrets never leave the main process in the clear', { timeout: 180_000 }, () => {
  it('is absent from every response, event, log line and export', async () => {
    const seen: string[] = [];
    const logs: string[] = [];
    const consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logs.push(args.map(String).join(' '))),
    );
    // What the host saves and shows outside the page (a native dialog, the host's terminal): never given to the page.
    const delivered: AccountsExportFile[] = [];
    const { handlers } = handlersWithMemoryStores({
      emit: (event, payload) => seen.push(JSON.stringify({ event, payload })),
      deliverExport: async (file) => {
        delivered.push(file);
        return { saved: true, location: '/home/office/exports/mailroom-accounts.mailroom', passphraseShownIn: 'terminal' };
      },
    });
    const driven = new Set<string>();
    const call = async (channel: string, input?: unknown) => {
      driven.add(channel);
      const result = await dispatch(handlers, channel, input, (line) => logs.push(line));
      seen.push(JSON.stringify(result));
      // The tests below read fields of many channels' outputs: a loose shape keeps them short.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return result as { ok: boolean; value?: any; error?: unknown };
    };

    const base = { presetId: 'custom', label: 'Office', host: '127.0.0.1', security: 'starttls', username: USER, fromAddress: USER, fromName: 'Office', caCertificate: cert.cert };
    const saved = await call('accounts:save', { ...base, port: good.port, password: SECRET });
    expect(saved.ok).toBe(true);
    const id = saved.value.id as string;
    const echo = await call('accounts:save', { ...base, label: 'Echo', port: echoing.port, password: SECRET });

    await call('accounts:list');
    expect((await call('accounts:send-test', { accountId: id, to: 'member@club.test' })).value.status).toBe('sent');
    expect((await call('accounts:check', { id })).value.status).toBe('passed');
    const failed = await call('accounts:send-test', { accountId: echo.value.id, to: 'member@club.test' });
    expect(failed.value.status).toBe('failed');
    expect(failed.value.failure.response).toContain('••••');
    expect((await call('accounts:check', { id: echo.value.id })).value.status).toBe('failed');
    await call('accounts:save', { ...base, id, port: good.port, label: 'Renamed' });
    await call('accounts:save', { ...base, port: good.port, password: 'short' + SECRET.slice(0, 3), username: '' });
    // The page asks for an export (a passphrase it sends is ignored): it learns where the file went, nothing it could open.
    const exported = await call('accounts:export', { ids: [], passphrase: 'attacker chosen passphrase' });
    expect(exported.ok).toBe(true);
    expect(Object.keys(exported.value).sort()).toEqual(['count', 'location', 'passphraseShownIn', 'status']);
    expect(delivered).toHaveLength(1);
    const { content: file, passphrase: exportPassphrase } = delivered[0]!;
    expect(exportPassphrase).toMatch(/^([A-Z2-9]{5}-){5}[A-Z2-9]{5}$/);
    await call('accounts:remove', { id });
    // The person types the passphrase the host showed them (any case, spaces instead of dashes).
    expect((await call('accounts:import', { content: file, passphrase: exportPassphrase.toLowerCase().replaceAll('-', ' ') })).value).toEqual({ imported: 1, skipped: 2 });
    await call('accounts:import', { content: file, passphrase: 'wrong passphrase' });
    const logtoConfig = {
      host: '127.0.0.1',
      port: good.port,
      auth: { user: USER, pass: SECRET },
      fromEmail: `Office <${USER}>`,
      requireTLS: true,
      templates: [{ usageType: 'Generic', contentType: 'text/plain', subject: 'Code', content: 'Your code is {{code}}' }],
    };
    const logto = await call('accounts:import-logto', { text: JSON.stringify(logtoConfig) });
    expect(logto.ok).toBe(true);
    await call('accounts:import-logto', { text: JSON.stringify(logtoConfig).slice(0, -5) });
    const logtoExport = await call('accounts:export-logto', { accountId: logto.value.account.id, templateIds: logto.value.templates.map((t: { id: string }) => t.id) });
    expect(logtoExport.value.content).toContain('"pass": ""');
    await call('secrets:status');
    await call('secrets:unlock', { passphrase: SECRET });

    for (const level of consoleSpies) level.mockRestore();
    const accountsChannels = REQUEST_CHANNELS.filter((c) => c.startsWith('accounts:'));
    expect(accountsChannels.filter((c) => !driven.has(c))).toEqual([]);
    expect(good.messages).toHaveLength(1);

    for (const text of [...seen, ...logs, file, logtoExport.value.content as string]) expect(text).not.toContain(SECRET);
    for (const text of [...seen, ...logs]) expect(text).not.toContain(exportPassphrase);
    // The password did travel: to the SMTP server that needed it, and nowhere else.
    expect(good.logins.some((l) => l.ok)).toBe(true);
  });
});

describe('a page under an attacker\'s full control', () => {
  it('cannot send a saved password to another server, port, security, login, TLS name or CA by editing the account', async () => {
    const seen: string[] = [];
    const { handlers } = handlersWithMemoryStores({ emit: (event, payload) => seen.push(JSON.stringify({ event, payload })) });
    const call = async (channel: string, input?: unknown) => {
      const result = await dispatch(handlers, channel, input);
      seen.push(JSON.stringify(result));
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return result as { ok: boolean; value?: any; error?: { code: string; message: string } };
    };
    const base = { presetId: 'custom', label: 'Office', host: '127.0.0.1', port: good.port, security: 'starttls', username: USER, fromAddress: USER, fromName: 'Office', caCertificate: cert.cert };
    const saved = await call('accounts:save', { ...base, password: SECRET });
    const id = saved.value.id as string;

    const other = await createTestCertificate();
    const moves = [
      { port: attacker.port },
      { host: 'localhost', port: attacker.port },
      { security: 'none' },
      { username: 'attacker@evil.test' },
      { tlsServername: 'evil.test' },
      { port: attacker.port, caCertificate: other.cert },
    ];
    for (const move of moves) {
      const edited = await call('accounts:save', { ...base, ...move, id });
      expect(edited.ok, JSON.stringify(move)).toBe(false);
      expect(edited.error).toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/^password: The server or login changed/) });
      // Nothing was changed: a Check still goes where the password was saved for.
      expect((await call('accounts:check', { id })).value.status).toBe('passed');
    }
    // Dropping the login drops the password with it, instead of keeping it for the new server.
    expect((await call('accounts:save', { ...base, id, port: attacker.port, username: '' })).value.hasPassword).toBe(false);
    const back = await call('accounts:save', { ...base, id, port: attacker.port });
    expect(back.error).toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/^password: Enter the password/) });
    await call('accounts:send-test', { accountId: id, to: 'member@club.test' });
    await call('accounts:check', { id });

    expect(capturedByAttacker).toEqual([]);
    expect(attacker.logins).toEqual([]);
    for (const text of seen) expect(text).not.toContain(SECRET);
  });

  it('cannot get an accounts export it could open', async () => {
    const { handlers } = handlersWithMemoryStores();
    const saved = await dispatch(handlers, 'accounts:save', { presetId: 'custom', label: 'Office', host: '127.0.0.1', port: good.port, security: 'starttls', username: USER, password: SECRET, fromAddress: USER, fromName: 'Office' });
    expect(saved.ok).toBe(true);
    // A host without a way to show the passphrase outside the page refuses, instead of handing the file over.
    const refused = await dispatch(handlers, 'accounts:export', { ids: [], passphrase: 'attacker chosen passphrase' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(JSON.stringify(refused)).not.toContain(SECRET);
  });
});

describe('OAuth secrets never leave the main process in the clear', () => {
  it('the client secret, refresh tokens and access tokens are absent from every response, event, log line and export', async () => {
    const CLIENT_SECRET = 'GOCSPX-planted-client-secret-7d1e';
    const google = await startFakeGoogle({ clientSecret: CLIENT_SECRET });
    const seen: string[] = [];
    const logs: string[] = [];
    const consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logs.push(args.map(String).join(' '))),
    );
    const visits: Promise<unknown>[] = [];
    const delivered: AccountsExportFile[] = [];
    try {
      const { handlers } = handlersWithMemoryStores({
        emit: (event, payload) => {
          seen.push(JSON.stringify({ event, payload }));
          if (event === 'oauth:consent') visits.push(pressOnConsentPage((payload as { url: string }).url, 'Allow'));
        },
        oauth: { gmailApiBase: google.apiBase, openExternal: async () => false },
        deliverExport: async (file) => {
          delivered.push(file);
          return { saved: true, location: 'exports/x.mailroom', passphraseShownIn: 'dialog' };
        },
      });
      const call = async (channel: string, input?: unknown) => {
        const result = await dispatch(handlers, channel, input, (line) => logs.push(line));
        seen.push(JSON.stringify(result));
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        return result as { ok: boolean; value?: any };
      };
      expect((await call('oauth:import-client', { text: google.clientJson() })).value.ok).toBe(true);
      const api = await call('oauth:connect', { clientJson: google.clientJson(), sendMethod: 'gmail-api', label: 'API' });
      expect(api.value.status).toBe('connected');
      const smtp = await call('oauth:connect', { clientJson: google.clientJson(), sendMethod: 'smtp-xoauth2', label: 'SMTP' });
      expect(smtp.value.status).toBe('connected');
      const id = api.value.account.id as string;
      await call('accounts:list');
      expect((await call('accounts:send-test', { accountId: id, to: 'member@club.test' })).value.status).toBe('sent');
      google.rotateOnNextRefresh();
      expect((await call('accounts:check', { id })).value.status).toBe('passed');
      google.scriptApi({ status: 401, body: { error: { code: 401, message: 'Invalid Credentials' } } }, { status: 401, body: { error: { code: 401, message: 'Invalid Credentials' } } });
      expect((await call('accounts:send-test', { accountId: id, to: 'member@club.test' })).value.failure.diagnosis).toBe('oauth-token-rejected');
      google.failRefresh({ error: 'invalid_grant', description: 'Token has been expired or revoked.' });
      expect((await call('accounts:check', { id })).value.failure.diagnosis).toBe('oauth-invalid-grant');
      google.failRefresh(undefined);
      await call('oauth:connect', { accountId: id, sendMethod: 'gmail-api' });
      const exported = await call('accounts:export', { ids: [] });
      expect(exported.value).toMatchObject({ status: 'saved', count: 0 });
      const exportedFile = delivered[0]!.content;
      await call('oauth:cancel');
      await Promise.all(visits);

      for (const level of consoleSpies) level.mockRestore();
      const planted = [CLIENT_SECRET, ...google.issuedRefreshTokens, ...google.issuedAccessTokens];
      expect(google.issuedRefreshTokens.length).toBeGreaterThanOrEqual(4);
      for (const text of [...seen, ...logs, exportedFile]) for (const secret of planted) expect(text).not.toContain(secret);
    } finally {
      for (const level of consoleSpies) level.mockRestore();
      await google.stop();
    }
  });
});
