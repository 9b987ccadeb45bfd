/**
 * The direct hand-over to nodemailer's SMTP pool against a real smtp-server on loopback: the installed
 * nodemailer is the one whose internals were read, the pool is found behind an account's pooled
 * transport, the body waits for the journal, and what arrives is byte for byte what was composed.
 */
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { createRequire } from 'node:module';
import nodemailer from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../../e2e/fakes/smtp-sink';
import { createAccountTransport } from '../../accounts/node/account-transport';
import { testAccount } from '../../test-support/fixtures';
import { NODEMAILER_CHECKED, poolOf, sendThroughPool, type Handover } from './pool-handover';

const USER = 'office@school.test';
const PASSWORD = 'pw-SECRET-4242';
const TIMEOUTS = { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 5_000 };

/** A message as the builder composes it: CRLF, a line that starts with a dot (stuffed on the wire), Korean as base64. */
const message = (n: number) => {
  const raw = Buffer.from(
    `From: ${USER}\r\nTo: m${n}@school.test\r\nSubject: =?UTF-8?B?${Buffer.from(`안내 ${n}`).toString('base64')}?=\r\nMessage-ID: <h${n}@school.test>\r\n` +
      `MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\nline one\r\n.a line with a leading dot\r\nend ${n}\r\n`,
  );
  return { envelope: { from: USER, to: [`m${n}@school.test`] }, raw, messageId: `<h${n}@school.test>` };
};

/** A gate the test opens; `asked` resolves once the connection wants the body (the server answered DATA with 354). */
function gate() {
  let open!: () => void;
  let asked!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const wanted = new Promise<void>((resolve) => (asked = resolve));
  const durable = { then: (onOpen: () => void, onFail: (e: unknown) => void) => (asked(), opened.then(onOpen, onFail)) } as unknown as Promise<void>;
  return { durable, open, wanted };
}

let sink: SmtpSink;
beforeEach(async () => {
  sink = await startSmtpSink({ security: 'none', users: { [USER]: PASSWORD } });
});
afterEach(async () => {
  await sink.close();
});

describe('pool hand-over', () => {
  it('relies on the nodemailer version whose internals it was checked against', () => {
    const require = createRequire(import.meta.url);
    const installed = (JSON.parse(readFileSync(require.resolve('nodemailer/package.json'), 'utf8')) as { version: string }).version;
    const pinned = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> }).dependencies.nodemailer;
    // On an upgrade: re-read the internals listed at the top of pool-handover.ts, then move NODEMAILER_CHECKED.
    expect({ installed, pinned }).toEqual({ installed: NODEMAILER_CHECKED, pinned: NODEMAILER_CHECKED });
  });

  it("finds the pool behind an account's pooled transport, and none behind any other", () => {
    const record = testAccount(sink.port, USER);
    const pooled = createAccountTransport(record, PASSWORD, { pool: true, maxConnections: 2 });
    const single = createAccountTransport(record, PASSWORD);
    const custom = nodemailer.createTransport({ jsonTransport: true });
    expect([poolOf(pooled) !== undefined, poolOf(single), poolOf(custom)]).toEqual([true, undefined, undefined]);
    for (const t of [pooled, single, custom]) t.close();
  });

  it('the body counts as unread (so the pool may re-queue it) until it was handed to the connection after the journal line', async () => {
    let mail: { message: { createReadStream(): NodeJS.ReadableStream & { readableDidRead: boolean }; getEnvelope(): unknown; getHeader(key: string): unknown } } | undefined;
    const capture = { send: (m: typeof mail) => (mail = m) } as unknown as Parameters<typeof sendThroughPool>[0];
    const held = gate();
    void sendThroughPool(capture, message(7), { durable: held.durable, dataWritten: false });
    const body = mail!.message.createReadStream();
    const connection = new PassThrough();
    connection.resume();
    body.pipe(connection);
    await held.wanted;
    expect(body.readableDidRead).toBe(false);
    held.open();
    await new Promise((resolve) => connection.once('end', resolve));
    expect(body.readableDidRead).toBe(true);
    expect([mail!.message.getEnvelope(), mail!.message.getHeader('Message-ID')]).toEqual([{ from: USER, to: ['m7@school.test'] }, '<h7@school.test>']);
  });

  it('holds the body until the journal line is durable, then the server gets exactly the composed bytes', async () => {
    const transport = createAccountTransport(testAccount(sink.port, USER), PASSWORD, { pool: true, maxConnections: 1, timeouts: TIMEOUTS });
    const held = gate();
    const handover: Handover = { durable: held.durable, dataWritten: false };
    const sent = sendThroughPool(poolOf(transport)!, message(1), handover);
    await held.wanted;
    // The server said 354 and the connection asked for the body: had it not waited, the whole message
    // would be on the server within a millisecond. Held a while to show that nothing went (a slow
    // machine can only make this pass without proving it, never fail it wrongly).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect({ kept: sink.messages.length, dataWritten: handover.dataWritten }).toEqual({ kept: 0, dataWritten: false });
    expect(sink.transcript.at(-1)).toBe('RCPT TO m1@school.test');
    held.open();
    const info = await sent;
    expect(handover.dataWritten).toBe(true);
    expect(info.messageId).toBe('<h1@school.test>');
    expect(info.response).toMatch(/^250/);
    expect(sink.messages.map((m) => m.raw)).toEqual([message(1).raw.toString()]);
    expect(sink.messages[0]?.parsed.subject).toBe('안내 1');
    transport.close();
  });

  it('a journal that cannot be written: the body never goes, the send fails with its error, the pool goes on', async () => {
    const transport = createAccountTransport(testAccount(sink.port, USER), PASSWORD, { pool: true, maxConnections: 1, timeouts: TIMEOUTS });
    const pool = poolOf(transport)!;
    const failing: Handover = { durable: Promise.reject(new Error('disk full')), dataWritten: false };
    failing.durable.catch(() => undefined);
    await expect(sendThroughPool(pool, message(2), failing)).rejects.toThrow(/disk full/);
    expect(failing.dataWritten).toBe(false);
    const ok: Handover = { durable: Promise.resolve(), dataWritten: false };
    await sendThroughPool(pool, message(3), ok);
    expect(sink.messages.map((m) => m.rcptTo)).toEqual([['m3@school.test']]);
    transport.close();
  });

  it('many messages over a few pooled connections (maxMessages reached on the way): each arrives once, intact', async () => {
    const transport = createAccountTransport(testAccount(sink.port, USER), PASSWORD, { pool: true, maxConnections: 3, maxMessages: 4, timeouts: TIMEOUTS });
    const pool = poolOf(transport)!;
    const count = 30;
    const handovers = Array.from({ length: count }, (): Handover => ({ durable: Promise.resolve(), dataWritten: false }));
    await Promise.all(handovers.map((h, n) => sendThroughPool(pool, message(n), h)));
    expect(handovers.every((h) => h.dataWritten)).toBe(true);
    const byId = new Map(sink.messages.map((m) => [m.parsed.messageId, m.raw]));
    expect(sink.messages).toHaveLength(count);
    for (let n = 0; n < count; n += 1) expect(byId.get(`<h${n}@school.test>`)).toBe(message(n).raw.toString());
    expect(sink.connections).toBeGreaterThanOrEqual(Math.ceil(count / 4));
    transport.close();
  });
});
