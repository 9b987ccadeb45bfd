/**
 * OAuth accounts through the real campaign engine: the Gmail API transport with its ids in the rows'
 * replies, a grant that dies mid-campaign (invalid_grant) pausing the campaign with the diagnosis,
 * SMTP XOAUTH2 pooled, and the API's rate and daily limits taking the engine's usual paths.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pressOnConsentPage } from '../../../e2e/fakes/consent-browser';
import { startFakeGoogle, startXoauth2Smtp, type FakeGoogle } from '../../../e2e/fakes/google-oauth';
import { createTestCertificate, type TestCertificate } from '../../../e2e/fakes/test-certificate';
import { dispatch } from '../../ipc/common/dispatch';
import type { AccountRecord } from '../../accounts/node/account-store';
import type { AccountCredentials } from '../../accounts/node/account-transport';
import { runCampaign, type CampaignOutcome, type CampaignProgress, type EngineOptions } from '../../campaigns/node/campaign-engine';
import { journalFileFor, openCampaignJournal } from '../../campaigns/node/campaign-journal';
import type { CampaignSnapshot } from '../../campaigns/node/campaign-store';
import { createOAuthSessions } from './oauth-sessions';
import { systemClock } from '../../storage/node/ports';
import { createMemoryLedger } from '../../test-support/memory-ledger';
import { handlersWithMemoryStores } from '../../test-support/testing-handlers';
import { testAccount, testCampaign } from '../../test-support/fixtures';

const FAST: Partial<EngineOptions> = {
  maxConnections: 1,
  backoff: { baseMs: 1, maxMs: 4, maxAttempts: 3 },
  progressIntervalMs: 5,
  timeouts: { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 5_000 },
};

let google: FakeGoogle;
let cert: TestCertificate;
let dir: string;
beforeAll(async () => {
  google = await startFakeGoogle();
  cert = await createTestCertificate();
});
afterAll(async () => {
  await google.stop();
});
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mailroom-oauth-engine-'));
});
afterEach(() => {
  google.failRefresh(undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('OAuth accounts in the campaign engine', () => {
  it('Gmail API: every member sent through the API, each row’s reply naming the API id of its message', async () => {
    const credentials = await credentialsFor('gmail-api');
    const before = google.apiMessages.length;
    const outcome = await run(campaign(5), record('gmail-api'), credentials);
    expect(outcome.status).toBe('completed');
    const sent = google.apiMessages.slice(before);
    expect(sent).toHaveLength(5);
    outcome.states.forEach((state, i) => {
      expect(state.status).toBe('sent');
      if (state.status !== 'sent') return;
      const message = sent.find((m) => m.parsed.to && JSON.stringify(m.parsed.to).includes(`m${i}@club.test`));
      expect(state.response).toContain(`id ${message?.id}`);
      // The row's id is the one the Gmail API returned (the rule), not the Message-ID header.
      expect(state.messageId).toBe(message?.id);
      expect(message?.parsed.messageId).not.toBe(state.messageId);
    });
  });

  it('Gmail API: invalid_grant mid-campaign pauses the campaign with the diagnosis; nobody after is tried', async () => {
    const credentials = await credentialsFor('gmail-api');
    let revoked = false;
    const outcome = await run(campaign(8), record('gmail-api'), credentials, (progress) => {
      if (!revoked && progress.summary.sent >= 2) {
        revoked = true;
        // Seven days after consent in "Testing": the grant and its access tokens die at Google.
        google.revokeAll();
      }
    });
    expect(outcome.status).toBe('paused');
    if (outcome.status !== 'paused' || outcome.reason !== 'failure') throw new Error('expected a failure pause');
    expect(outcome.failure).toMatchObject({ diagnosis: 'oauth-invalid-grant', code: 'EAUTH' });
    expect(outcome.failure.response).toContain('invalid_grant');
    expect(outcome.summary.sent).toBeGreaterThanOrEqual(2);
    expect(outcome.summary.sent).toBeLessThan(8);
    expect(outcome.summary.failed).toBe(0);
    expect(outcome.summary.queued).toBe(8 - outcome.summary.sent);
  });

  it('SMTP XOAUTH2 (pooled): sends with live tokens; a dead grant pauses before any member is lost', async () => {
    const smtp = await startXoauth2Smtp(google, cert);
    try {
      const credentials = await credentialsFor('smtp-xoauth2');
      const rec = { ...record('smtp-xoauth2'), host: '127.0.0.1', port: smtp.port, caCertificate: cert.cert };
      const ok = await run(campaign(3), rec, credentials);
      expect(ok.status).toBe('completed');
      expect(smtp.messages).toHaveLength(3);

      const dead = await credentialsFor('smtp-xoauth2');
      google.revokeAll();
      const paused = await run(campaign(3), rec, dead);
      expect(paused).toMatchObject({ status: 'paused', reason: 'failure', failure: { diagnosis: 'oauth-invalid-grant', code: 'EAUTH', command: 'AUTH XOAUTH2' } });
      expect(paused.summary.queued).toBe(3);
    } finally {
      await smtp.close();
    }
  });

  it('Gmail API: a connection lost after the request was written makes the member unknown, never sent twice', async () => {
    const credentials = await credentialsFor('gmail-api');
    let received = 0;
    // An API that reads the whole request, then drops the connection without answering.
    const dropper = createServer((req) => {
      req.resume();
      req.on('end', () => {
        received += 1;
        req.socket.destroy();
      });
    });
    await new Promise<void>((resolve) => dropper.listen(0, '127.0.0.1', resolve));
    try {
      const apiBase = `http://127.0.0.1:${(dropper.address() as AddressInfo).port}`;
      const outcome = await run(campaign(1), record('gmail-api'), { ...credentials, gmailApiBase: apiBase } as AccountCredentials);
      expect(received).toBe(1);
      expect(outcome.states[0]).toMatchObject({ status: 'unknown', reason: 'connection-lost-after-data' });
    } finally {
      await new Promise<void>((resolve) => dropper.close(() => resolve()));
    }
  });

  it('Gmail API: a 429 is retried later; dailyLimitExceeded waits for the quota like 550 5.4.5', async () => {
    const credentials = await credentialsFor('gmail-api');
    google.scriptApi({ status: 429, body: { error: { code: 429, message: 'User-rate limit exceeded.', errors: [{ reason: 'userRateLimitExceeded' }], status: 'RESOURCE_EXHAUSTED' } } });
    const retried = await run(campaign(2), record('gmail-api'), credentials);
    expect(retried.status).toBe('completed');
    expect(retried.states.map((s) => s.status === 'sent' && s.attempt)).toEqual([2, 1]);

    google.scriptApi({ status: 403, body: { error: { code: 403, message: 'Daily user sending limit exceeded.', errors: [{ reason: 'dailyLimitExceeded' }] } } });
    const quota = await run(campaign(2), record('gmail-api'), credentials);
    expect(quota).toMatchObject({ status: 'waiting-for-quota', failure: { diagnosis: 'daily-limit' } });
  });
});

describe('OAuth accounts through the campaign handlers', () => {
  it('a campaign on a connected Gmail API account sends, then pauses with the invalid_grant diagnosis when the grant dies', async () => {
    const visits: Promise<unknown>[] = [];
    const { handlers } = handlersWithMemoryStores({
      emit: (event, payload) => {
        if (event === 'oauth:consent') visits.push(pressOnConsentPage((payload as { url: string }).url, 'Allow'));
      },
      oauth: { gmailApiBase: google.apiBase },
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const call = async (channel: string, input?: unknown): Promise<any> => {
      const result = await dispatch(handlers, channel, input);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value;
    };
    const connected = await call('oauth:connect', { clientJson: google.clientJson(), sendMethod: 'gmail-api', label: 'Google', fromName: '행정실' });
    const accountId = connected.account.id as string;
    const list = await call('lists:paste', { name: 'Club', text: Array.from({ length: 4 }, (_, i) => `m${i}@club.test`).join('\n') });
    const template = { inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject: 'Hello', content: 'Dear member' } };
    const first = await call('campaigns:create', { accountId, listId: list.list.id, template, perMinute: 6000 });
    await call('campaigns:start', { id: first.id });
    const done = await until(() => call('campaigns:get', { id: first.id }), (d) => d.campaign.status !== 'running');
    expect(done.campaign.status).toBe('completed');
    expect(done.counts).toMatchObject({ sent: 4 });
    for (const row of done.rows) expect(row.detail).toMatch(/^200 Gmail API accepted the message: id 18c/);

    google.revokeAll();
    const second = await call('campaigns:create', { accountId, listId: list.list.id, template, perMinute: 6000 });
    await call('campaigns:start', { id: second.id });
    const paused = await until(() => call('campaigns:get', { id: second.id }), (d) => d.campaign.status !== 'running');
    expect(paused.campaign.status).toBe('paused');
    expect(paused.failure).toMatchObject({ diagnosis: 'oauth-invalid-grant', code: 'EAUTH' });
    expect(paused.counts).toMatchObject({ queued: 4, sent: 0 });
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function until(read: () => Promise<any>, done: (value: any) => boolean, timeoutMs = 10_000): Promise<any> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// ── helpers ──

async function run(snapshot: CampaignSnapshot, rec: AccountRecord, credentials: AccountCredentials, onProgress?: (p: CampaignProgress) => void): Promise<CampaignOutcome> {
  const { journal, recovered } = await openCampaignJournal(journalFileFor(dir, snapshot.id), snapshot.recipients.length, Date.now());
  try {
    return await runCampaign({
      snapshot,
      record: rec,
      credentials,
      journal,
      states: recovered.states,
      ledger: createMemoryLedger(systemClock),
      clock: systemClock,
      dailyLimit: null,
      options: FAST,
      ...(onProgress ? { onProgress } : {}),
    });
  } finally {
    await journal.close();
  }
}

function campaign(n: number): CampaignSnapshot {
  return testCampaign(n, { accountId: 'acc', template: { contentType: 'text/plain', subject: '{{name}}님께 알림', content: 'Dear {{name}}.' } }, (i, m) => ({ ...m, name: `회원 ${i}`, fields: {} }));
}

/** Credentials over a refresh token obtained through a real consent against the fake. */
async function credentialsFor(method: 'gmail-api' | 'smtp-xoauth2'): Promise<AccountCredentials> {
  const visits: Promise<unknown>[] = [];
  const { handlers } = handlersWithMemoryStores({
    emit: (event, payload) => {
      if (event === 'oauth:consent') visits.push(pressOnConsentPage((payload as { url: string }).url, 'Allow'));
    },
    oauth: { gmailApiBase: google.apiBase },
  });
  const result = await dispatch(handlers, 'oauth:connect', { clientJson: google.clientJson(), sendMethod: method });
  expect(result).toMatchObject({ ok: true, value: { status: 'connected' } });
  await Promise.all(visits);
  const refreshToken = google.issuedRefreshTokens.at(-1) ?? '';
  const endpoint = { tokenUri: `${google.origin}/token`, clientId: google.clientId, clientSecret: google.clientSecret };
  const tokens = createOAuthSessions({ clock: systemClock, onRotated: async () => undefined }).source({ accountId: 'acc', user: google.email, endpoint, refreshToken });
  return { kind: 'oauth', sendMethod: method, tokenUri: endpoint.tokenUri, tokens, gmailApiBase: google.apiBase };
}

function record(method: 'gmail-api' | 'smtp-xoauth2'): AccountRecord {
  return testAccount(method === 'gmail-api' ? 443 : 465, google.email, {
    id: 'acc',
    presetId: 'gmail',
    host: method === 'gmail-api' ? 'gmail.googleapis.com' : 'smtp.gmail.com',
    security: 'tls',
    fromName: '행정실',
    auth: { kind: 'oauth', sendMethod: method, clientId: google.clientId, authUri: `${google.origin}/o/oauth2/v2/auth`, tokenUri: `${google.origin}/token`, projectId: '', googleAddress: google.email, scope: '', connectedAt: '' },
  });
}
