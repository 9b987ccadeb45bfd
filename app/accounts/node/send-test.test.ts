import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../../e2e/fakes/smtp-sink';
import { createTestCertificate, type TestCertificate } from '../../../e2e/fakes/test-certificate';
import { accountDraftSchema, type AccountDraft, type AccountDraftInput } from '../../ipc/common/contract';
import { createAccountStore, type AccountStore } from './account-store';
import { createMemoryStore, createTestCipher } from '../../test-support/memory-ports';
import { systemClock } from '../../storage/node/ports';
import { createMemoryLedger } from '../../test-support/memory-ledger';
import { sendTestMessage, TEST_SUBJECT } from './send-test';

const USER = 'office@school.test';
const PASSWORD = 'abcd efgh ijkl mnop';

let cert: TestCertificate;
let starttls: SmtpSink;
let implicit: SmtpSink;

beforeAll(async () => {
  cert = await createTestCertificate();
  starttls = await startSmtpSink({ security: 'starttls', certificate: cert, users: { [USER]: PASSWORD } });
  implicit = await startSmtpSink({ security: 'implicit', certificate: cert, users: { [USER]: PASSWORD } });
});
afterAll(async () => {
  await starttls.close();
  await implicit.close();
});

function newStore(): AccountStore {
  return createAccountStore({
    records: createMemoryStore(),
    secrets: createMemoryStore(),
    cipher: createTestCipher(),
    clock: systemClock,
    ledger: createMemoryLedger(systemClock),
  });
}

function draft(overrides: Partial<AccountDraftInput>): AccountDraft {
  return accountDraftSchema.parse({
    label: 'School office',
    host: '127.0.0.1',
    port: starttls.port,
    security: 'starttls',
    username: USER,
    password: PASSWORD,
    fromAddress: USER,
    fromName: '행정실 Office',
    caCertificate: cert.cert,
    ...overrides,
  });
}

describe('sendTestMessage against a real SMTP server on loopback', () => {
  it('sends one message over STARTTLS with AUTH and reports the server reply', async () => {
    const store = newStore();
    const account = await store.save(draft({}));
    const before = starttls.messages.length;

    const result = await sendTestMessage(store, systemClock, account.id, 'member@club.test');

    expect(result.status).toBe('sent');
    if (result.status !== 'sent') return;
    expect(result.response).toMatch(/^250 .*OK queued as fake-\d+/);
    expect(result.accepted).toEqual(['member@club.test']);
    expect(starttls.messages.length).toBe(before + 1);
    const received = starttls.messages.at(-1)!;
    expect(received.user).toBe(USER);
    expect(received.rcptTo).toEqual(['member@club.test']);
    expect(received.parsed.from?.value[0]).toEqual({ name: '행정실 Office', address: USER });
    expect(received.parsed.subject).toBe(TEST_SUBJECT);
    expect(received.parsed.messageId).toBe(result.messageId);
    expect(received.parsed.text).toContain('School office');
  });

  it('sends over implicit TLS', async () => {
    const store = newStore();
    const account = await store.save(draft({ port: implicit.port, security: 'tls' }));
    const result = await sendTestMessage(store, systemClock, account.id, 'member@club.test');
    expect(result.status).toBe('sent');
    expect(implicit.messages.at(-1)?.parsed.subject).toBe(TEST_SUBJECT);
  });

  it('reports a wrong password with the server 535 reply and never echoes the password', async () => {
    const store = newStore();
    const wrong = 'wrong-password-7f3a';
    const account = await store.save(draft({ password: wrong }));
    const result = await sendTestMessage(store, systemClock, account.id, 'member@club.test');
    expect(result.status).toBe('failed');
    if (result.status !== 'failed') return;
    expect(result.failure).toMatchObject({ diagnosis: 'auth-rejected', code: 'EAUTH', responseCode: 535, enhancedStatus: '5.7.8' });
    expect(result.failure.response).toContain('Username and Password not accepted');
    expect(JSON.stringify(result)).not.toContain(wrong);
  });

  it('refuses a server whose certificate is not trusted (no CA given)', async () => {
    const store = newStore();
    const account = await store.save(draft({ caCertificate: '' }));
    const result = await sendTestMessage(store, systemClock, account.id, 'member@club.test');
    expect(result.status === 'failed' && result.failure.diagnosis).toBe('certificate-untrusted');
  });

  it('recognises implicit TLS chosen for a STARTTLS port', async () => {
    const store = newStore();
    const account = await store.save(draft({ security: 'tls' }));
    const result = await sendTestMessage(store, systemClock, account.id, 'member@club.test');
    expect(result.status === 'failed' && result.failure.diagnosis).toBe('tls-mismatch');
  });

  it('recognises a refused connection', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const store = newStore();
    const account = await store.save(draft({ port: closedPort }));
    const result = await sendTestMessage(store, systemClock, account.id, 'member@club.test');
    expect(result.status === 'failed' && result.failure.diagnosis).toBe('connection-refused');
  });
});
