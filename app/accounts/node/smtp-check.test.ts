import { createServer } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink, type SmtpSinkOptions } from '../../../e2e/fakes/smtp-sink';
import { createTestCertificate, type TestCertificate } from '../../../e2e/fakes/test-certificate';
import { checkResultSchema, type CheckResult, type CheckStep } from '../../ipc/common/contract';
import type { AccountRecord } from './account-store';
import { systemClock } from '../../storage/node/ports';
import { runSmtpCheck } from './smtp-check';

const USER = 'office@school.test';
const PASSWORD = 'abcd efgh ijkl mnop';

let cert: TestCertificate;
const sinks: SmtpSink[] = [];

beforeAll(async () => {
  cert = await createTestCertificate();
});
afterEach(async () => {
  await Promise.all(sinks.splice(0).map((sink) => sink.close()));
});

async function sink(options: Partial<SmtpSinkOptions> = {}): Promise<SmtpSink> {
  const started = await startSmtpSink({ security: 'starttls', certificate: cert, users: { [USER]: PASSWORD }, ...options });
  sinks.push(started);
  return started;
}

/** Checks an account record built here (the store is not needed: Check takes a record and a password). */
async function check(overrides: Partial<AccountRecord>, password: string | undefined = PASSWORD): Promise<CheckResult> {
  const record: AccountRecord = {
    id: 'account-1',
    presetId: 'custom',
    label: 'School office',
    host: '127.0.0.1',
    port: 587,
    security: 'starttls',
    username: USER,
    fromAddress: USER,
    fromName: '행정실 Office',
    replyTo: '',
    ehloName: '',
    tlsServername: '',
    caCertificate: cert.cert,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
  const result = await runSmtpCheck(record, password, systemClock);
  expect(checkResultSchema.parse(result)).toEqual(result);
  return result;
}

function stepOf(result: CheckResult, name: CheckStep['step']): CheckStep {
  const found = result.steps.find((s) => s.step === name);
  if (!found) throw new Error(`no ${name} step`);
  return found;
}

const statuses = (result: CheckResult) => result.steps.map((s) => `${s.step}:${s.status}`);

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('runSmtpCheck against a real SMTP server on loopback', () => {
  it('STARTTLS: all five steps ok, timed, with their details, and no message sent', async () => {
    const server = await sink();
    const result = await check({ host: 'localhost', port: server.port });

    expect(result.status).toBe('passed');
    expect(result.failure).toBeUndefined();
    expect(statuses(result)).toEqual(['dns:ok', 'connect:ok', 'tls:ok', 'auth:ok', 'mail-from:ok']);
    for (const s of result.steps) expect(s.durationMs).toBeGreaterThanOrEqual(0);
    expect(stepOf(result, 'dns').detail).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect(stepOf(result, 'connect').detail).toMatch(/^220 /);
    expect(stepOf(result, 'tls').detail).toMatch(/^TLSv1\.[23] \S+$/);
    expect(stepOf(result, 'auth').detail).toMatch(/^235 /);
    // This also guards the nodemailer internals MAIL FROM relies on (_sendCommand, _responseActions).
    expect(stepOf(result, 'mail-from').detail).toMatch(/^250 /);
    expect(server.transcript).toContain(`MAIL FROM ${USER}`);
    expect(server.transcript.some((line) => line.startsWith('RCPT TO') || line.startsWith('DATA'))).toBe(false);
    expect(server.messages).toEqual([]);
    expect(server.logins).toEqual([{ username: USER, ok: true }]);
    expect(new Date(result.checkedAt).toISOString()).toBe(result.checkedAt);
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
  });

  it('implicit TLS: TLS is reported with its cipher, DNS is skipped for an IP address', async () => {
    const server = await sink({ security: 'implicit' });
    const result = await check({ port: server.port, security: 'tls' });

    expect(statuses(result)).toEqual(['dns:skipped', 'connect:ok', 'tls:ok', 'auth:ok', 'mail-from:ok']);
    expect(result.status).toBe('passed');
    expect(stepOf(result, 'dns')).toEqual({ step: 'dns', status: 'skipped', durationMs: 0, detail: '127.0.0.1' });
    expect(stepOf(result, 'connect').detail).toMatch(/^220 /);
    expect(stepOf(result, 'tls').detail).toMatch(/^TLSv1\.[23] \S+$/);
    expect(server.messages).toEqual([]);
  });

  it('no security: the TLS step is skipped', async () => {
    const server = await sink({ security: 'none', certificate: undefined });
    const result = await check({ port: server.port, security: 'none', caCertificate: '' });

    expect(statuses(result)).toEqual(['dns:skipped', 'connect:ok', 'tls:skipped', 'auth:ok', 'mail-from:ok']);
    expect(result.status).toBe('passed');
    expect(stepOf(result, 'tls').durationMs).toBe(0);
  });

  it('no username: the AUTH step is skipped', async () => {
    const server = await sink({ users: undefined });
    const result = await check({ port: server.port, username: '' }, undefined);

    expect(statuses(result)).toEqual(['dns:skipped', 'connect:ok', 'tls:ok', 'auth:skipped', 'mail-from:ok']);
    expect(server.logins).toEqual([]);
  });

  it('wrong password: AUTH fails once with the 535 reply, MAIL FROM is skipped, the password never shows', async () => {
    const server = await sink();
    const wrong = 'wrong-password-7f3a';
    const result = await check({ port: server.port }, wrong);

    expect(result.status).toBe('failed');
    expect(statuses(result)).toEqual(['dns:skipped', 'connect:ok', 'tls:ok', 'auth:failed', 'mail-from:skipped']);
    expect(result.failure).toMatchObject({ diagnosis: 'auth-rejected', code: 'EAUTH', responseCode: 535, enhancedStatus: '5.7.8' });
    expect(server.logins).toEqual([{ username: USER, ok: false }]);
    expect(server.transcript.some((line) => line.startsWith('MAIL FROM'))).toBe(false);
    expect(JSON.stringify(result)).not.toContain(wrong);
  });

  it('MAIL FROM refused: the step fails with the server reply, diagnosed as a rejected sender', async () => {
    const reply = { code: 550, text: `5.7.1 Sender address rejected: not owned by user ${USER}` };
    const server = await sink({ script: { mailFrom: () => reply } });
    const result = await check({ port: server.port });

    expect(statuses(result)).toEqual(['dns:skipped', 'connect:ok', 'tls:ok', 'auth:ok', 'mail-from:failed']);
    expect(stepOf(result, 'mail-from').detail).toBe(`550 ${reply.text}`);
    expect(result.failure).toMatchObject({
      diagnosis: 'sender-rejected',
      code: 'EENVELOPE',
      command: 'MAIL FROM',
      responseCode: 550,
      enhancedStatus: '5.7.1',
      response: `550 ${reply.text}`,
    });
    expect(server.messages).toEqual([]);
  });

  it('a closed port: connect fails as refused, DNS skipped for 127.0.0.1, the rest skipped', async () => {
    const result = await check({ port: await closedPort() });

    expect(statuses(result)).toEqual(['dns:skipped', 'connect:failed', 'tls:skipped', 'auth:skipped', 'mail-from:skipped']);
    expect(result.failure?.diagnosis).toBe('connection-refused');
  });

  it('a server that turns the connection away with 421: connect fails with its reply', async () => {
    const server = await sink({ script: { connect: () => ({ code: 421, text: '4.7.0 Try again later, closing connection.' }) } });
    const result = await check({ port: server.port });

    expect(statuses(result)).toEqual(['dns:skipped', 'connect:failed', 'tls:skipped', 'auth:skipped', 'mail-from:skipped']);
    expect(result.failure).toMatchObject({ responseCode: 421, enhancedStatus: '4.7.0' });
  });

  it('STARTTLS with an untrusted certificate: connect ok, TLS fails, nothing is sent after it', async () => {
    const server = await sink();
    const result = await check({ port: server.port, caCertificate: '' });

    expect(statuses(result)).toEqual(['dns:skipped', 'connect:ok', 'tls:failed', 'auth:skipped', 'mail-from:skipped']);
    expect(stepOf(result, 'connect').detail).toMatch(/^220 /);
    expect(result.failure?.diagnosis).toBe('certificate-untrusted');
    expect(server.logins).toEqual([]);
  });

  it('implicit TLS with an untrusted certificate: TCP connects, TLS fails', async () => {
    const server = await sink({ security: 'implicit' });
    const result = await check({ port: server.port, security: 'tls', caCertificate: '' });

    expect(statuses(result)).toEqual(['dns:skipped', 'connect:ok', 'tls:failed', 'auth:skipped', 'mail-from:skipped']);
    expect(result.failure?.diagnosis).toBe('certificate-untrusted');
  });

  it('a host name that does not resolve: DNS fails, the rest skipped', async () => {
    const result = await check({ host: 'nonexistent.invalid', port: 587 });

    expect(statuses(result)).toEqual(['dns:failed', 'connect:skipped', 'tls:skipped', 'auth:skipped', 'mail-from:skipped']);
    expect(result.failure).toMatchObject({ diagnosis: 'host-not-found', code: 'EDNS' });
  });
});
