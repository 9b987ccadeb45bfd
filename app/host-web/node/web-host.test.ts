import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CONTENT_SECURITY_POLICY } from '../../security/node/content-security-policy';
import { createNodeHandlers } from '../../handlers/node/node-composition';
import { startWebHost, type WebHost } from './web-host';

let dir: string;
let host: WebHost;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mailroom-host-'));
  const staticDir = join(dir, 'static');
  await import('node:fs/promises').then((fs) => fs.mkdir(staticDir));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(join(dir, 'outside.txt'), 'secret file outside the static folder');
  host = await startWebHost({
    staticDir,
    createHandlers: (emit) => createNodeHandlers({ dataDir: join(dir, 'data'), passphrase: 'test-passphrase', emit }),
  });
});
afterAll(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

function connect(url: string, headers: Record<string, string>): Promise<{ ws: WebSocket } | { refused: number }> {
  return new Promise((done) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => done({ ws }));
    ws.once('unexpected-response', (_req, res) => done({ refused: res.statusCode ?? 0 }));
    ws.once('error', () => done({ refused: -1 }));
  });
}

function request(ws: WebSocket, id: number, channel: string, input?: unknown): Promise<{ id: number; result: unknown }> {
  return new Promise((done) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as { id?: number; result: unknown };
      if (message.id === id) {
        ws.off('message', onMessage);
        done(message as { id: number; result: unknown });
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, channel, input }));
  });
}

describe('the loopback web host', () => {
  it('listens on 127.0.0.1 only and prints a URL with a long random token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
  });

  it('serves the renderer with the CSP header and refuses paths outside its folder', async () => {
    const page = await fetch(host.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const escape = await fetch(`${host.origin}/..%2Foutside.txt`);
    expect(escape.status).toBe(404);
    expect(await escape.text()).not.toContain('secret file');
  });

  it('opens the page with the token, then with the cookie it set (a reload); without either, a ko/en landing page says what to do', async () => {
    const first = await fetch(host.url);
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(first.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    expect((await fetch(`${host.origin}/`, { headers: { Cookie: cookie } })).status).toBe(200);

    const bare = await fetch(`${host.origin}/`, { headers: { 'Accept-Language': 'ko-KR,ko;q=0.9,en;q=0.8' } });
    expect(bare.status).toBe(401);
    const korean = await bare.text();
    expect(korean).toContain('<html lang="ko">');
    expect(korean).toContain('npm start');
    expect(korean).not.toContain(host.token);
    const english = await (await fetch(`${host.origin}/`, { headers: { 'Accept-Language': 'de-DE,en;q=0.5' } })).text();
    expect(english).toContain('Open Mailroom from the address it printed');
    // An old tab after a restart: a token (or cookie) from an earlier run.
    const stale = await (await fetch(`${host.origin}/?token=${'x'.repeat(32)}`, { headers: { 'Accept-Language': 'en' } })).text();
    expect(stale).toContain('Mailroom was restarted');
    expect(stale).toContain('reloading this page will not help');
    const staleCookie = await fetch(`${host.origin}/`, { headers: { Cookie: cookie.replace(/=.*/, '=old-token-from-before') } });
    expect(staleCookie.status).toBe(401);
    expect(await staleCookie.text()).toContain('restarted');
    // The built files themselves are not secret.
    expect((await fetch(`${host.origin}/index.html?token=${host.token}`)).status).toBe(200);
  });

  it('accepts the page cookie instead of the query token for the WebSocket (a second tab), still only from its own Origin', async () => {
    const cookie = ((await fetch(host.url)).headers.get('set-cookie') ?? '').split(';')[0]!;
    const bare = `${host.origin.replace('http', 'ws')}/ws`;
    const opened = await connect(bare, { Origin: host.origin, Cookie: cookie });
    expect('ws' in opened).toBe(true);
    if ('ws' in opened) opened.ws.close();
    expect(await connect(bare, { Origin: 'http://evil.test', Cookie: cookie })).toEqual({ refused: 403 });
    expect(await connect(bare, { Origin: host.origin })).toEqual({ refused: 403 });
  });

  it('refuses HTTP requests with a foreign Host header (DNS rebinding)', async () => {
    const { request: httpRequest } = await import('node:http');
    const status = await new Promise<number>((done) => {
      httpRequest(`${host.origin}/`, { headers: { Host: 'evil.test' } }, (res) => done(res.statusCode ?? 0)).end();
    });
    expect(status).toBe(421);
  });

  const wsUrl = () => `${host.origin.replace('http', 'ws')}/ws?token=${host.token}`;

  it('refuses a WebSocket with a wrong token, a foreign Origin, or no Origin', async () => {
    expect(await connect(wsUrl().replace(host.token, 'x'.repeat(32)), { Origin: host.origin })).toEqual({ refused: 403 });
    expect(await connect(wsUrl(), { Origin: 'http://evil.test' })).toEqual({ refused: 403 });
    expect(await connect(wsUrl(), {})).toEqual({ refused: 403 });
  });

  it('dispatches requests through the contract and pushes events', async () => {
    const opened = await connect(wsUrl(), { Origin: host.origin });
    if (!('ws' in opened)) throw new Error(`refused: ${opened.refused}`);
    const { ws } = opened;
    const events: unknown[] = [];
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { event?: string };
      if (message.event) events.push(message);
    });

    expect((await request(ws, 1, 'app:info')).result).toMatchObject({ ok: true, value: { host: 'web' } });
    expect((await request(ws, 9, 'secrets:status')).result).toMatchObject({ ok: true, value: { protection: 'passphrase', state: 'ready', passphraseSet: true } });
    expect((await request(ws, 2, 'nope:nothing')).result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect((await request(ws, 3, 'accounts:save', { label: '' })).result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

    const planted = 'planted-secret-4c1b9e';
    const saved = await request(ws, 4, 'accounts:save', {
      label: 'Office',
      host: 'smtp.example.test',
      port: 587,
      security: 'starttls',
      username: 'office@example.test',
      password: planted,
      fromAddress: 'office@example.test',
      fromName: 'Office',
    });
    expect(saved.result).toMatchObject({ ok: true, value: { hasPassword: true } });
    await expect.poll(() => events.length).toBe(1);
    const list = await request(ws, 5, 'accounts:list');
    expect(JSON.stringify([saved, list, events])).not.toContain(planted);
    // The secret is on disk only in encrypted form.
    const onDisk = await readFile(resolve(dir, 'data/secrets.json'), 'utf8');
    expect(onDisk).not.toContain(planted);
    ws.close();
  });
});
