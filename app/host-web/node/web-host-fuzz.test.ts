/**
 * Seeded fuzzing of the loopback host: a few thousand malformed and random HTTP requests (raw `net`
 * sockets, so request targets no HTTP client would send get through), WebSocket upgrades, and frames
 * on every request channel, unauthenticated and authenticated. Afterwards the host must still answer a
 * valid request, and no answer or log line may hold a stack trace or a planted secret.
 * MAILROOM_FUZZ_SEED=<n> repeats a run (the seed is printed).
 */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { REQUEST_CHANNELS } from '../../ipc/common/channels';
import { createNodeHandlers } from '../../handlers/node/node-composition';
import { startWebHost, type WebHost } from './web-host';

const SEED = Number(process.env.MAILROOM_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const SECRET = 'planted-Fuzz-Secret-5e0b';
const PASSPHRASE = 'planted-fuzz-passphrase-77a1';
const HTTP_REQUESTS = 1500;
const FRAMES = 2500;
const UPGRADES = 150;
const MAX_FRAME = 256 * 1024;
/** A stack frame as V8 prints it (`at fn (file:1:2)`). */
const STACK = /\bat .*:\d+:\d+|\n\s+at /;
/** An internal error's name, which no answer to the page should carry (logs may name it). */
const ERROR_NAME = /TypeError|RangeError|URIError|SyntaxError|ReferenceError/;

let dir: string;
let host: WebHost;
let accountId = '';
const logs: string[] = [];
const told: string[] = [];

beforeAll(async () => {
  console.log(`[fuzz] seed ${SEED} (MAILROOM_FUZZ_SEED=${SEED} repeats this run)`);
  dir = await mkdtemp(join(tmpdir(), 'mailroom-fuzz-'));
  await mkdir(join(dir, 'static'));
  await writeFile(join(dir, 'static', 'index.html'), '<!doctype html><title>Mailroom</title>');
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logs.push(args.map(String).join(' ')));
  }
  host = await startWebHost({
    staticDir: join(dir, 'static'),
    maxFrameBytes: MAX_FRAME,
    createHandlers: (emit) => createNodeHandlers({ dataDir: join(dir, 'data'), passphrase: PASSPHRASE, emit, announce: (text) => void told.push(text) }),
    log: (line) => void logs.push(line),
  });
  const ws = await open();
  // An account whose password is the planted secret, on a port where nothing listens (checks fail fast).
  const saved = (await ask(ws, { id: 1, channel: 'accounts:save', input: { presetId: 'custom', label: 'Planted', host: '127.0.0.1', port: 1, security: 'starttls', username: 'office@fuzz.test', password: SECRET, fromAddress: 'office@fuzz.test', fromName: 'Office' } })) as { ok: boolean; value: { id: string } };
  expect(saved.ok).toBe(true);
  accountId = saved.value.id;
  ws.close();
}, 120_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

function open(headers: Record<string, string> = { Origin: '' }): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/ws?token=${host.token}`, { headers: { ...headers, Origin: host.origin } });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function ask(ws: WebSocket, message: { id: number; channel: string; input?: unknown }): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse(data.toString()) as { id?: number; result?: unknown };
      if (parsed.id === message.id) {
        ws.off('message', onMessage);
        resolve(parsed.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify(message));
  });
}

/** Sends raw bytes on a fresh TCP connection and returns everything the host wrote before closing. */
function rawRequest(bytes: Buffer): Promise<string> {
  const { port } = new URL(host.origin);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = netConnect(Number(port), '127.0.0.1');
    // Not an assertion: a request the host silently keeps waiting on is dropped here, not hung on.
    const guard = setTimeout(() => socket.destroy(), 15_000);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(guard);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    socket.end(bytes);
  });
}

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

const malformedTargets = [
  '/%E0%A4%A', '/%', '/%%', '/%zz', '/%C0%AF', '/%ED%A0%80', '/..%2f..%2fetc%2fpasswd', '/%00', '/index.html%00.js', '*', '//evil.test/x',
  'http://127.0.0.1/', 'http://[::1', 'ht!tp://x', '', ' ', '/?token=%', '/?token=%E0%A4%A', '/ws?token=%zz', '/\u0000', '/\u00ff\u00fe', '/😀',
  `/${'a'.repeat(9000)}`, '/assets/../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '\\..\\..\\windows', '/?%=&=%&%%',
];

const httpArbitrary = fc.record({
  method: fc.oneof(fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'CONNECT', 'TRACE', 'PRI', 'get', 'G\u0000T'), fc.string({ maxLength: 12 })),
  target: fc.oneof(fc.constantFrom(...malformedTargets), fc.string({ maxLength: 200 }).map((s) => `/${s}`), fc.string({ unit: 'binary', maxLength: 80 }), fc.webUrl()),
  version: fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9', 'XYZ', ''),
  host: fc.constantFrom('good', 'none', 'evil', 'twice', 'empty'),
  headers: fc.array(
    fc.oneof(
      fc.constantFrom('Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: x', 'Transfer-Encoding: chunked', 'Content-Length: 5', 'Content-Length: -1', 'Content-Length: 99999999999999999999', 'Cookie: mailroom-1=%E0', 'Accept-Language: ko;q=abc, ;q=1, en-', 'Origin: null', 'Expect: 100-continue'),
      fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 60 })).map(([k, v]) => `${k}: ${v}`),
    ),
    { maxLength: 6 },
  ),
  body: fc.string({ maxLength: 64 }),
  rawOnly: fc.option(fc.uint8Array({ maxLength: 300 }), { freq: 8 }),
  lineEnd: fc.constantFrom('\r\n', '\n', '\r'),
});

const keyPool = ['id', 'ids', 'accountId', 'listId', 'templateId', 'campaignId', 'passphrase', 'content', 'text', 'label', 'host', 'port', 'security', 'username', 'password', 'name', 'members', 'template', 'inline', 'to', 'email', 'fileName', 'base64', 'language', 'theme', '__proto__', 'constructor'];

const frameArbitrary = fc.oneof(
  { weight: 6, arbitrary: fc.record({ id: fc.integer({ min: 10, max: 2 ** 31 }), channel: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...REQUEST_CHANNELS) }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }), input: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.dictionary(fc.constantFrom(...keyPool), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant('@ACCOUNT@')), { maxKeys: 6 })) }).map((m) => ({ kind: 'text' as const, text: JSON.stringify(m).replaceAll('"@ACCOUNT@"', JSON.stringify(accountId)) })) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => ({ kind: 'text' as const, text: JSON.stringify(v) ?? 'null' })) },
  { weight: 1, arbitrary: fc.constantFrom('null', '[]', '1', '"x"', 'true', '{"id":null}', '{"id":1e308,"channel":"app:info"}', '{"id":-0,"channel":"app:info"}', '{"id":"1","channel":"app:info"}', '{"id":1.5,"channel":"app:info"}', '{"id":2,"channel":"__proto__"}', '{"id":3,"channel":"constructor"}', '{"id":4,"channel":"toString"}', '{"id":5,"channel":"accounts:save","input":null}', '{"__proto__":{"id":6}}').map((text) => ({ kind: 'text' as const, text })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }).map((text) => ({ kind: 'text' as const, text })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ kind: 'binary' as const, bytes })) },
  { weight: 1, arbitrary: fc.constantFrom('invalid-utf8', 'huge').map((kind) => ({ kind })) },
);

describe('the loopback host under seeded fuzzing', () => {
  it('answers or drops every malformed request, upgrade and frame, stays up, and leaks no stack or secret', async () => {
    const answers: string[] = [];
    const { port } = new URL(host.origin);

    // 1. Raw HTTP requests, mostly without any token.
    const requests = fc.sample(httpArbitrary, { seed: SEED, numRuns: HTTP_REQUESTS });
    await inBatches(requests, 16, async (r) => {
      let bytes: Buffer;
      if (r.rawOnly) bytes = Buffer.from(r.rawOnly);
      else {
        const hostLines = { good: [`Host: 127.0.0.1:${port}`], none: [], evil: ['Host: evil.test'], twice: [`Host: 127.0.0.1:${port}`, 'Host: evil.test'], empty: ['Host:'] }[r.host];
        const head = [`${r.method} ${r.target} ${r.version}`.trim(), ...hostLines, ...r.headers].join(r.lineEnd);
        bytes = Buffer.from(`${head}${r.lineEnd}${r.lineEnd}${r.body}`, 'utf8');
      }
      answers.push(await rawRequest(bytes));
    });

    // 2. WebSocket upgrades that lack the token, the Origin or both.
    const upgrades = fc.sample(fc.record({ token: fc.oneof(fc.constant(''), fc.string({ maxLength: 40 }), fc.constant('%E0%A4%A')), origin: fc.constantFrom('none', 'evil', 'good', 'null'), path: fc.constantFrom('/ws', '/', '/ws/', '/WS', '/ws%00') }), { seed: SEED + 1, numRuns: UPGRADES });
    await inBatches(upgrades, 16, async (u) => {
      const origin = { none: [], evil: ['Origin: http://evil.test'], good: [`Origin: ${host.origin}`], null: ['Origin: null'] }[u.origin];
      const head = [`GET ${u.path}?token=${u.token} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Upgrade: websocket', 'Connection: Upgrade', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', ...origin].join('\r\n');
      const answer = await rawRequest(Buffer.from(`${head}\r\n\r\n`, 'latin1'));
      expect(answer).not.toMatch(/^HTTP\/1\.1 101/);
      answers.push(answer);
    });

    // 3. Frames on authenticated sockets, across every channel; a socket the host closes is replaced.
    const frames = fc.sample(frameArbitrary, { seed: SEED + 2, numRuns: FRAMES });
    let ws = await open();
    const listen = (socket: WebSocket) => socket.on('message', (data) => void answers.push(data.toString()));
    listen(ws);
    let closes = 0;
    for (const [index, frame] of frames.entries()) {
      if (ws.readyState !== WebSocket.OPEN) {
        closes += 1;
        ws = await open();
        listen(ws);
      }
      if (frame.kind === 'text') ws.send(frame.text);
      else if (frame.kind === 'binary') ws.send(Buffer.from(frame.bytes), { binary: true });
      else if (frame.kind === 'invalid-utf8') ws.send(Buffer.from([0x7b, 0xc3, 0x28, 0xff, 0x7d]), { binary: false });
      else ws.send(Buffer.alloc(MAX_FRAME + 1, 0x20), { binary: false });
      if (frame.kind === 'invalid-utf8' || frame.kind === 'huge') await new Promise((done) => ws.once('close', done));
      // Every so often, the socket must still answer a valid request in between.
      if (index % 250 === 249 && ws.readyState === WebSocket.OPEN) expect(await ask(ws, { id: -index, channel: 'app:info' })).toMatchObject({ ok: true });
    }
    if (ws.readyState === WebSocket.OPEN) await ask(ws, { id: -1, channel: 'secrets:status' });
    ws.close();

    // Still up: the page opens with its token and a new socket answers.
    expect((await fetch(host.url)).status).toBe(200);
    const after = await open();
    expect(await ask(after, { id: 7, channel: 'app:info' })).toMatchObject({ ok: true, value: { host: 'web' } });
    // (The fuzz may have removed or edited the planted account: those are valid requests.)
    expect(await ask(after, { id: 8, channel: 'accounts:list' })).toMatchObject({ ok: true });
    after.close();

    console.info(`[fuzz] seed ${SEED}: ${requests.length} HTTP requests, ${upgrades.length} upgrades, ${frames.length} frames, ${closes} sockets closed by the host, ${answers.length} answers`);
    for (const text of [...answers, ...logs]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(PASSPHRASE);
      expect(text).not.toMatch(STACK);
    }
    for (const text of answers) expect(text).not.toMatch(ERROR_NAME);
    // Exports the fuzz triggered told their passphrase to the host's terminal only.
    for (const passphrase of told.map((t) => /^\s{4}(\S+)$/m.exec(t)?.[1]).filter((p): p is string => p !== undefined)) {
      for (const text of answers) expect(text).not.toContain(passphrase);
    }
  }, 600_000);
});
