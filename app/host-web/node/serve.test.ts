import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHandlers } from '../../handlers/node/node-composition';
import { browserCommand, mustNotOpen } from './open-browser';
import { rememberedPort, rememberPort } from './port-memory';
import { nodeArgsFor } from '../../test-support/spawn-entry';

const root = resolve(import.meta.dirname, '../../..');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mailroom-serve-'));
  await mkdir(join(dir, 'static'));
  await writeFile(join(dir, 'static', 'index.html'), '<!doctype html><title>Mailroom</title>');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

/** Runs serve.ts until it exits, or until it prints its address (then stops it). */
function serve(env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, nodeArgsFor('app/host-web/node/serve.ts'), {
      cwd: root,
      env: { ...process.env, MAILROOM_STATIC_DIR: join(dir, 'static'), MAILROOM_NO_OPEN: '1', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('Press Ctrl+C')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => done({ code, out, err }));
  });
}

describe('serve.ts (spawned)', () => {
  it('says in one sentence that MAILROOM_PASSPHRASE is wrong, with no stack trace', async () => {
    const dataDir = join(dir, 'data-wrong');
    // Passwords saved under one passphrase…
    await createNodeHandlers({ dataDir, passphrase: 'the right passphrase', emit: () => undefined });
    // …and a start with another.
    const run = await serve({ MAILROOM_DATA_DIR: dataDir, MAILROOM_PASSPHRASE: 'not the right one' });
    expect(run.code).toBe(1);
    expect(run.err.trim().split('\n')).toEqual([`MAILROOM_PASSPHRASE is not the passphrase the saved passwords in ${dataDir} were saved with: start again with the right one, or without MAILROOM_PASSPHRASE to type it in the page.`]);
    expect(run.err + run.out).not.toMatch(/\n\s+at |AppError/);
    const short = await serve({ MAILROOM_DATA_DIR: dataDir, MAILROOM_PASSPHRASE: 'short' });
    expect(short.err.trim()).toBe('MAILROOM_PASSPHRASE is too short: a Mailroom passphrase has at least 8 characters.');
  }, 180_000);

  it('keeps its port across restarts when free, and takes another when it is not; the data folder is 0700', async () => {
    const dataDir = join(dir, 'data-port');
    const first = await serve({ MAILROOM_DATA_DIR: dataDir });
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(first.out)?.[1]);
    expect(port).toBeGreaterThan(0);
    expect(await rememberedPort(dataDir)).toBe(port);
    const second = await serve({ MAILROOM_DATA_DIR: dataDir });
    expect(second.out).toContain(`http://127.0.0.1:${port}/?token=`);
    if (process.platform !== 'win32') expect((await stat(dataDir)).mode & 0o777).toBe(0o700);

    const blocker = createServer();
    await new Promise<void>((ok) => blocker.listen(port, '127.0.0.1', ok));
    try {
      const third = await serve({ MAILROOM_DATA_DIR: dataDir });
      expect(third.out).toMatch(/http:\/\/127\.0\.0\.1:\d+\/\?token=/);
      expect(third.out).not.toContain(`127.0.0.1:${port}/`);
    } finally {
      blocker.close();
    }
  }, 180_000);
});

describe('opening the browser and remembering the port', () => {
  it('uses the platform opener, and never opens with --no-open, MAILROOM_NO_OPEN=1, in CI or tests', () => {
    expect(browserCommand('http://127.0.0.1:1/?token=a', 'linux')).toEqual({ command: 'xdg-open', args: ['http://127.0.0.1:1/?token=a'] });
    expect(browserCommand('u', 'darwin').command).toBe('open');
    expect(browserCommand('u', 'win32')).toEqual({ command: 'cmd', args: ['/c', 'start', '""', 'u'] });
    expect(mustNotOpen(['--open'], {})).toBe(false);
    expect(mustNotOpen(['--open', '--no-open'], {})).toBe(true);
    expect(mustNotOpen([], { MAILROOM_NO_OPEN: '1' })).toBe(true);
    expect(mustNotOpen([], { MAILROOM_NO_OPEN: '0' })).toBe(false);
    expect(mustNotOpen([], { CI: 'true' })).toBe(true);
    expect(mustNotOpen([], { VITEST: 'true' })).toBe(true);
  });

  it('ignores a remembered port that is missing, garbled or out of range', async () => {
    const d = join(dir, 'ports');
    await mkdir(d);
    expect(await rememberedPort(d)).toBeUndefined();
    await writeFile(join(d, 'web-host.json'), '{"port": 80}');
    expect(await rememberedPort(d)).toBeUndefined();
    await writeFile(join(d, 'web-host.json'), 'garbage');
    expect(await rememberedPort(d)).toBeUndefined();
    await rememberPort(d, 45678);
    expect(await rememberedPort(d)).toBe(45678);
    expect(JSON.parse(await readFile(join(d, 'web-host.json'), 'utf8'))).toEqual({ port: 45678 });
  });
});
