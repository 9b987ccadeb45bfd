/**
 * `Mailroom --cli …` with the fake Electron modules (no Electron binary here): the command runs without
 * a window or the single-instance lock, reaches the passwords sealed by the (fake) keychain through
 * safeStorage, sends through a loopback SMTP server, and exits the app with the command's exit code.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../e2e/fakes/smtp-sink';
import { dispatch } from '../app/ipc/common/dispatch';
import type { CliIo } from '../app/cli/node/cli-session';
import { EXIT } from '../app/cli/common/exit-codes';
import { createMemoryStore } from '../app/test-support/memory-ports';
import { systemClock } from '../app/storage/node/ports';
import { createFakeElectron, type FakeElectronOptions } from './test-support/fake-electron';
import { cliArgsOf, runCliMode } from './cli-mode';
import { createElectronHandlers } from './start-mailroom';

// electron-store (imported by start-mailroom) loads `electron`: hand it a fake app whose userData is a temp dir.
const electronModule = vi.hoisted(() => {
  const paths = { userData: '' };
  return { paths, app: { getPath: () => paths.userData, getVersion: () => '0.1.0-test' }, ipcMain: { on: () => undefined } };
});
vi.mock('electron', () => ({ ...electronModule, default: electronModule }));

const USER = 'office@school.test';
const PASSWORD = 'pw-keychain-5150';
let sink: SmtpSink;
let userData: string;

beforeAll(async () => {
  userData = mkdtempSync(join(tmpdir(), 'mailroom-cli-mode-'));
  electronModule.paths.userData = userData;
  sink = await startSmtpSink({ security: 'none', users: { [USER]: PASSWORD } });
});
afterAll(async () => {
  await sink.close();
  rmSync(userData, { recursive: true, force: true });
});

/** Captured streams and no signals. */
function captureIo(env: Record<string, string> = {}): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    env: { LANG: 'en_US.UTF-8', ...env },
    onInterrupt: () => () => undefined,
    out: () => out,
    err: () => err,
  };
}

/** Stores shared by the seeding window-side handlers and the command, and an account saved through them. */
async function seeded(fakeOptions: FakeElectronOptions) {
  const fake = createFakeElectron({ userData, ...fakeOptions });
  const stores = new Map<string, ReturnType<typeof createMemoryStore>>();
  const openStore = (name: string) => stores.get(name) ?? stores.set(name, createMemoryStore()).get(name)!;
  const handlers = await createElectronHandlers({
    safeStorage: fake.modules.safeStorage,
    platform: 'linux',
    openStore,
    emit: () => undefined,
    version: '0.1.0-test',
    journalDir: join(userData, 'journals'),
    dataDir: userData,
    log: () => undefined,
    shell: fake.modules.shell,
    recoverCampaigns: false,
  });
  return { fake, openStore, handlers, clock: systemClock };
}

describe('--cli', () => {
  it('finds the command arguments after --cli, and none without it', () => {
    expect(cliArgsOf(['/opt/Mailroom/mailroom', '--cli', 'accounts', 'list'])).toEqual(['accounts', 'list']);
    expect(cliArgsOf(['/usr/bin/electron', '/app', '--cli', 'send', '--to', 'a@b.c'])).toEqual(['send', '--to', 'a@b.c']);
    expect(cliArgsOf(['/opt/Mailroom/mailroom'])).toBeUndefined();
  });

  it('sends with the keychain-sealed password, without a window, a lock or a passphrase, and exits 0', async () => {
    const { fake, openStore, handlers } = await seeded({ backend: 'gnome_libsecret' });
    const saved = await dispatch(handlers, 'accounts:save', { label: 'Office', host: '127.0.0.1', port: sink.port, security: 'none', username: USER, password: PASSWORD, fromAddress: USER, fromName: 'Office' });
    expect(saved.ok).toBe(true);
    // The password is stored sealed by the (fake) keychain, whose cipher text is base64 of `enc:` + the text.
    const stored = JSON.stringify(openStore('secrets').dump());
    expect(stored).not.toContain(PASSWORD);
    expect(stored).toContain('keychain:gnome_libsecret');
    expect(stored).toContain(Buffer.from(`enc:${PASSWORD}`).toString('base64'));
    const body = join(userData, 'body.txt');
    writeFileSync(body, 'Sent by the app binary.');
    const io = captureIo();
    const code = await runCliMode(fake.modules, { args: ['send', '--account', 'Office', '--to', 'kim@x.test', '--subject', 'Via the keychain', '--text', body], platform: 'linux', openStore, io });
    expect(code, io.err()).toBe(EXIT.ok);
    expect(sink.messages.filter((m) => m.parsed.subject === 'Via the keychain').map((m) => m.parsed.text?.trim())).toEqual(['Sent by the app binary.']);
    expect(fake.calls['app.exit']).toEqual([[EXIT.ok]]);
    expect(fake.calls['app.requestSingleInstanceLock']).toBeUndefined();
    expect(fake.BrowserWindow.instances).toHaveLength(0);
  });

  it('where the keychain is refused (basic_text), the command wants the passphrase: exit 7 without one', async () => {
    const { fake, openStore, handlers } = await seeded({ backend: 'basic_text' });
    await dispatch(handlers, 'secrets:unlock', { passphrase: 'a long passphrase' });
    await dispatch(handlers, 'accounts:save', { label: 'Office', host: '127.0.0.1', port: sink.port, security: 'none', username: USER, password: PASSWORD, fromAddress: USER, fromName: 'Office' });
    const io = captureIo();
    const code = await runCliMode(fake.modules, { args: ['send', '--account', 'Office', '--to', 'kim@x.test', '--subject', 'Locked', '--text', join(userData, 'body.txt')], platform: 'linux', openStore, io });
    expect(code).toBe(EXIT.locked);
    expect(io.err()).toContain('MAILROOM_PASSPHRASE');
    expect(fake.calls['app.exit']).toEqual([[EXIT.locked]]);
    const withPassphrase = captureIo({ MAILROOM_PASSPHRASE: 'a long passphrase' });
    expect(await runCliMode(fake.modules, { args: ['accounts', 'list', '--json'], platform: 'linux', openStore, io: withPassphrase })).toBe(EXIT.ok);
    expect(JSON.parse(withPassphrase.out())).toHaveLength(1);
  });
});
