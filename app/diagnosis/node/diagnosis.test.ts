/**
 * The diagnosis catalogue against a real SMTP server on loopback that answers with each provider's
 * exact reply text (shared/reference/providers.md §2, §7), at the stage the provider answers it. The
 * account's host is always 127.0.0.1: the diagnosis keys on what the server says, never on the host.
 */
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type ScriptedReply, type SmtpScript, type SmtpSinkOptions } from '../../../e2e/fakes/smtp-sink';
import { createTestCertificate, type TestCertificate } from '../../../e2e/fakes/test-certificate';
import { accountDraftSchema, type AccountDraftInput } from '../../ipc/common/contract';
import { explainFailure } from '../common/diagnosis-catalogue';
import type { PresetId } from '../../accounts/common/presets';
import type { SmtpDiagnosis } from '../common/smtp-diagnosis';
import { createAccountStore } from '../../accounts/node/account-store';
import { createMemoryStore, createTestCipher } from '../../test-support/memory-ports';
import { systemClock } from '../../storage/node/ports';
import { createMemoryLedger } from '../../test-support/memory-ledger';
import { sendTestMessage } from '../../accounts/node/send-test';
import { toSmtpFailure } from '../../accounts/node/smtp-transport';

const USER = 'office@school.test';
const PASSWORD = 'abcdefghijklmnop';
const FAST = { connectionTimeout: 1500, greetingTimeout: 1500, socketTimeout: 3000 };

let cert: TestCertificate;
beforeAll(async () => {
  cert = await createTestCertificate();
});

const reply = (code: number, text: string): ScriptedReply => ({ code, text });

interface Case {
  /** What the provider says, and where. */
  readonly name: string;
  readonly preset: PresetId;
  readonly script?: SmtpScript;
  readonly sink?: Partial<SmtpSinkOptions>;
  readonly account?: Partial<AccountDraftInput>;
  readonly diagnosis: SmtpDiagnosis;
  /** The i18n key the UI shows (provider variant or generic). */
  readonly key: string;
  readonly responseCode?: number;
}

const CASES: Case[] = [
  {
    name: 'Gmail 534 5.7.9 at AUTH (normal password with 2SV)',
    preset: 'gmail',
    script: { auth: () => reply(534, '5.7.9 Application-specific password required. Learn more at https://support.google.com/mail/?p=InvalidSecondFactor - gsmtp') },
    diagnosis: 'auth-app-password-required',
    key: 'diagnosis.auth-app-password-required',
    responseCode: 534,
  },
  {
    name: 'Gmail 535 5.7.8 at AUTH (bad credentials)',
    preset: 'gmail',
    script: { auth: () => reply(535, '5.7.8 Username and Password not accepted. Learn more at https://support.google.com/mail/?p=BadCredentials - gsmtp') },
    diagnosis: 'auth-rejected',
    key: 'diagnosis.auth-rejected.google',
    responseCode: 535,
  },
  {
    name: 'Gmail 534 5.7.14 at AUTH (sign in with a browser)',
    preset: 'workspace',
    script: {
      auth: () =>
        reply(534, '5.7.14 <https://accounts.google.com/signin/continue?sarp=1> Please log in via your web browser and then try again. Learn more at https://support.google.com/mail/answer/78754 - gsmtp'),
    },
    diagnosis: 'auth-web-login-required',
    key: 'diagnosis.auth-web-login-required',
  },
  {
    name: 'Gmail 530 5.7.0 Authentication Required at MAIL FROM (no login configured)',
    preset: 'gmail',
    sink: { users: undefined },
    account: { username: '', password: undefined },
    script: { mailFrom: () => reply(530, '5.7.0 Authentication Required. For more information, go to https://support.google.com/mail/?p=WantAuthError - gsmtp') },
    diagnosis: 'auth-required',
    key: 'diagnosis.auth-required.google',
    responseCode: 530,
  },
  {
    name: '530 5.7.0 Must issue a STARTTLS command first, at MAIL FROM',
    preset: 'custom',
    sink: { security: 'none', users: undefined },
    account: { security: 'none', username: '', password: undefined, caCertificate: '' },
    script: { mailFrom: () => reply(530, '5.7.0 Must issue a STARTTLS command first. - gsmtp') },
    diagnosis: 'starttls-required',
    key: 'diagnosis.starttls-required',
  },
  {
    name: 'Gmail 454 4.7.0 Too many login attempts at AUTH',
    preset: 'gmail',
    script: { auth: () => reply(454, '4.7.0 Too many login attempts, please try again later. https://support.google.com/mail/answer/7126229 - gsmtp') },
    diagnosis: 'auth-throttled',
    key: 'diagnosis.auth-throttled',
    responseCode: 454,
  },
  {
    name: 'Gmail 550 5.4.5 daily limit at DATA',
    preset: 'gmail',
    script: { data: () => reply(550, '5.4.5 Daily user sending limit exceeded. For more information on Gmail sending limits go to https://support.google.com/a/answer/166852 - gsmtp') },
    diagnosis: 'daily-limit',
    key: 'diagnosis.daily-limit',
    responseCode: 550,
  },
  {
    name: 'Gmail 552 5.3.4 message too large at DATA',
    preset: 'gmail',
    script: { data: () => reply(552, "5.3.4 Your message exceeded Google's message size limits. https://support.google.com/mail/?p=MaxSizeError - gsmtp") },
    diagnosis: 'message-too-large',
    key: 'diagnosis.message-too-large',
  },
  {
    name: 'Gmail 421 4.7.0 at connect',
    preset: 'gmail',
    script: { connect: () => reply(421, '4.7.0 Try again later, closing connection. - gsmtp') },
    diagnosis: 'server-busy',
    key: 'diagnosis.server-busy',
    responseCode: 421,
  },
  {
    name: 'Gmail 452 4.5.3 too many recipients at RCPT',
    preset: 'workspace',
    script: { rcptTo: () => reply(452, '4.5.3 Your message has too many recipients. For more information regarding Google\'s sending limits, go to https://support.google.com/mail/answer/6592 - gsmtp') },
    diagnosis: 'too-many-recipients',
    key: 'diagnosis.too-many-recipients',
  },
  {
    name: '550 5.1.1 unknown recipient at RCPT',
    preset: 'gmail',
    script: { rcptTo: () => reply(550, "5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos - gsmtp") },
    diagnosis: 'recipient-rejected',
    key: 'diagnosis.recipient-rejected',
    responseCode: 550,
  },
  {
    name: '553 5.7.1 sender not owned by the login, at MAIL FROM',
    preset: 'custom',
    script: { mailFrom: () => reply(553, '5.7.1 <principal@school.test>: Sender address rejected: not owned by user office@school.test') },
    diagnosis: 'sender-rejected',
    key: 'diagnosis.sender-rejected',
  },
  {
    name: 'Workspace relay 550 5.7.0 Mail relay denied at MAIL FROM',
    preset: 'workspace-relay',
    script: { mailFrom: () => reply(550, '5.7.0 Mail relay denied [203.0.113.7]. Invalid credentials for relay for one of the domains in: school.test - gsmtp') },
    diagnosis: 'relay-denied',
    key: 'diagnosis.relay-denied',
  },
  {
    name: 'Naver: a refused login gets Naver’s own steps',
    preset: 'naver',
    script: { auth: () => reply(535, '5.7.1 Username and Password not accepted') },
    diagnosis: 'auth-rejected',
    key: 'diagnosis.auth-rejected.naver',
  },
  {
    name: 'Microsoft 365 535 5.7.139 SMTP AUTH disabled',
    preset: 'microsoft365',
    script: { auth: () => reply(535, '5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.') },
    diagnosis: 'smtp-auth-disabled',
    key: 'diagnosis.smtp-auth-disabled',
  },
  {
    name: 'Microsoft 365 535 5.7.3 gets Microsoft’s own steps',
    preset: 'microsoft365',
    script: { auth: () => reply(535, '5.7.3 Authentication unsuccessful') },
    diagnosis: 'auth-rejected',
    key: 'diagnosis.auth-rejected.microsoft',
  },
  {
    name: 'Microsoft 550 5.7.30 basic auth not supported',
    preset: 'microsoft365',
    script: { auth: () => reply(550, '5.7.30 Basic authentication is not supported for Client Submission.') },
    diagnosis: 'basic-auth-unsupported',
    key: 'diagnosis.basic-auth-unsupported',
  },
  {
    name: 'an unrecognised reply is shown raw',
    preset: 'custom',
    script: { data: () => reply(554, '5.9.9 Something nobody has seen before') },
    diagnosis: 'unknown',
    key: 'diagnosis.unknown',
  },
];

async function sendWith(options: { sink?: Partial<SmtpSinkOptions>; script?: SmtpScript; account?: Partial<AccountDraftInput>; preset: PresetId }) {
  const sink = await startSmtpSink({ security: 'starttls', certificate: cert, users: { [USER]: PASSWORD }, script: options.script ?? {}, ...options.sink });
  try {
    const store = createAccountStore({
      records: createMemoryStore(),
      secrets: createMemoryStore(),
      cipher: createTestCipher(),
      clock: systemClock,
      ledger: createMemoryLedger(systemClock),
    });
    const account = await store.save(
      accountDraftSchema.parse({
        presetId: options.preset,
        label: 'Test',
        host: '127.0.0.1',
        port: sink.port,
        security: 'starttls',
        username: USER,
        password: PASSWORD,
        fromAddress: USER,
        fromName: 'Office',
        caCertificate: cert.cert,
        ...options.account,
      }),
    );
    return { result: await sendTestMessage(store, systemClock, account.id, 'member@club.test', FAST), sink };
  } finally {
    await sink.close();
  }
}

describe('diagnosis of provider replies, through a real SMTP exchange', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const { result, sink } = await sendWith(c);
      expect(result.status).toBe('failed');
      if (result.status !== 'failed') return;
      expect(result.failure.diagnosis).toBe(c.diagnosis);
      if (c.responseCode !== undefined) expect(result.failure.responseCode).toBe(c.responseCode);
      expect(explainFailure(result.failure.diagnosis, c.preset).key).toBe(c.key);
      // Nothing was delivered, and the password never shows in what the UI receives.
      expect(sink.messages).toHaveLength(0);
      expect(JSON.stringify(result)).not.toContain(PASSWORD);
    });
  }
});

describe('diagnosis of connection-level failures', () => {
  let silent: Server;
  let silentPort: number;
  beforeAll(async () => {
    // Accepts TCP and never says a word: what a firewall black hole or a wrong TLS mode looks like.
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => silent.close(() => resolve())));

  it('a server that never greets is a timeout', async () => {
    const { result } = await sendWith({ preset: 'custom', sink: {}, account: { port: silentPort } });
    expect(result.status === 'failed' && result.failure.diagnosis).toBe('timeout');
  });

  it('implicit TLS against a plain (STARTTLS) port is a TLS mismatch', async () => {
    const { result } = await sendWith({ preset: 'gmail', account: { security: 'tls' } });
    expect(result.status === 'failed' && result.failure.diagnosis).toBe('tls-mismatch');
  });

  it('a self-signed certificate that the account does not trust is refused, not bypassed', async () => {
    const { result } = await sendWith({ preset: 'custom', account: { caCertificate: '' } });
    expect(result.status === 'failed' && result.failure.diagnosis).toBe('certificate-untrusted');
  });

  it('an unknown host is "host not found"', async () => {
    const { result } = await sendWith({ preset: 'custom', account: { host: 'nonexistent.invalid' } });
    expect(result.status === 'failed' && result.failure.diagnosis).toBe('host-not-found');
  });

  it('a refused OAuth token refresh (invalid_grant) is "oauth-invalid-grant"', async () => {
    // A token endpoint that answers like Google's for a revoked refresh token (providers.md §5).
    const tokens = createHttpServer((_req, res) => {
      res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }));
    });
    await new Promise<void>((resolve) => tokens.listen(0, '127.0.0.1', resolve));
    const sink = await startSmtpSink({ security: 'starttls', certificate: cert, users: { [USER]: PASSWORD } });
    try {
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: sink.port,
        tls: { ca: [cert.cert] },
        auth: {
          type: 'OAuth2',
          user: USER,
          clientId: 'client.apps.googleusercontent.com',
          clientSecret: 'client-secret-1234',
          refreshToken: 'refresh-token-5678',
          accessUrl: `http://127.0.0.1:${(tokens.address() as AddressInfo).port}/token`,
        },
      });
      const error = await transport.sendMail({ from: USER, to: 'member@club.test', text: 'x' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      const failure = toSmtpFailure(error, ['client-secret-1234', 'refresh-token-5678']);
      // invalid_grant has its own diagnosis since issue 6 (Testing-status 7-day expiry, revoked grant).
      expect(failure.diagnosis).toBe('oauth-invalid-grant');
      expect(failure.message).toContain('invalid_grant');
      expect(JSON.stringify(failure)).not.toMatch(/client-secret-1234|refresh-token-5678/);
      transport.close();
    } finally {
      await sink.close();
      await new Promise<void>((resolve) => tokens.close(() => resolve()));
    }
  });
});
