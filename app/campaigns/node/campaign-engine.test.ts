/**
 * The engine's normal life against a real smtp-server on loopback: a full campaign, progress
 * batching, pause and resume, cancel, the local daily quota, and recovery from a crash.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../../e2e/fakes/smtp-sink';
import type { DeliveryState } from '../common/delivery-state';
import type { AccountRecord } from '../../accounts/node/account-store';
import { createCampaignControls, runCampaign, type CampaignControls, type CampaignOutcome, type CampaignProgress, type EngineOptions } from './campaign-engine';
import { journalFileFor, openCampaignJournal } from './campaign-journal';
import type { CampaignSnapshot } from './campaign-store';
import { systemClock, type Clock } from '../../storage/node/ports';
import { testAccount, testCampaign } from '../../test-support/fixtures';
import { DAY_MS, type SendLedger } from '../../accounts/node/send-ledger';
import { createMemoryLedger } from '../../test-support/memory-ledger';

const USER = 'office@school.test';
const PASSWORD = 'pw-SECRET-4242';
const FAST: Partial<EngineOptions> = {
  maxConnections: 2,
  backoff: { baseMs: 1, maxMs: 4, maxAttempts: 3 },
  progressIntervalMs: 10,
  timeouts: { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 5_000 },
};
const indexOf = (address: string) => Number(/^m(\d+)@/.exec(address)?.[1] ?? -1);

const account = (port: number): AccountRecord => testAccount(port, USER, { fromName: '행정실 Office' });

const campaign = (n: number): CampaignSnapshot =>
  testCampaign(n, { template: { contentType: 'text/plain', subject: '{{name}}님께 알림', content: 'Dear {{name}}, your code is {{code}}.' } }, (i, m) => ({
    ...m,
    name: `회원 ${i}`,
    // Member 7 has no code: the template cannot be filled for them.
    fields: i === 7 ? {} : m.fields,
  }));

let dir: string;
let sink: SmtpSink;
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'mailroom-engine-'));
  sink = await startSmtpSink({ security: 'none', users: { [USER]: PASSWORD } });
});
afterEach(async () => {
  await sink.close();
  rmSync(dir, { recursive: true, force: true });
});

interface RunOptions {
  readonly controls?: CampaignControls;
  readonly onProgress?: (p: CampaignProgress) => void;
  readonly ledger?: SendLedger;
  readonly clock?: Clock;
  readonly dailyLimit?: number | null;
  readonly record?: AccountRecord;
}

async function run(snapshot: CampaignSnapshot, extra: RunOptions = {}): Promise<CampaignOutcome> {
  const clock = extra.clock ?? systemClock;
  const { journal, recovered } = await openCampaignJournal(journalFileFor(dir, snapshot.id), snapshot.recipients.length, clock.now());
  try {
    return await runCampaign({
      snapshot,
      record: extra.record ?? account(sink.port),
      credentials: PASSWORD,
      journal,
      states: recovered.states,
      ledger: extra.ledger ?? createMemoryLedger(clock),
      clock,
      dailyLimit: extra.dailyLimit === undefined ? null : extra.dailyLimit,
      ...(extra.controls ? { controls: extra.controls } : {}),
      ...(extra.onProgress ? { onProgress: extra.onProgress } : {}),
      options: FAST,
    });
  } finally {
    await journal.close();
  }
}

function receivedCounts(): Map<number, number> {
  const counts = new Map<number, number>();
  for (const m of sink.messages) for (const to of m.rcptTo) counts.set(indexOf(to), (counts.get(indexOf(to)) ?? 0) + 1);
  return counts;
}

/** No row `sending`; every `sent` row received once with its Message-ID; nobody received twice or while not sent. */
function expectConsistent(states: readonly DeliveryState[]): void {
  const counts = receivedCounts();
  const byId = new Map(sink.messages.map((m) => [m.parsed.messageId, indexOf(m.rcptTo[0] ?? '')]));
  states.forEach((state, i) => {
    expect(state.status, `row ${i}`).not.toBe('sending');
    if (state.status === 'sent') {
      expect(counts.get(i), `row ${i}`).toBe(1);
      expect(byId.get(state.messageId)).toBe(i);
    } else if (state.status !== 'unknown') expect(counts.get(i) ?? 0, `row ${i} ${state.status}`).toBe(0);
  });
}

describe('runCampaign', () => {
  it('sends 200 personalised messages, each received exactly once, with batched progress', async () => {
    const snapshot = campaign(200);
    const batches: CampaignProgress[] = [];
    const outcome = await run(snapshot, { onProgress: (p) => batches.push(p) });

    expect(outcome.status).toBe('completed');
    expect(outcome.summary).toMatchObject({ total: 200, sent: 199, skipped: 1, settled: 200 });
    expect(outcome.states[7]).toEqual({ status: 'skipped', reason: 'template-error', detail: ['code'] });
    expect(sink.messages).toHaveLength(199);
    const m42 = sink.messages.find((m) => m.rcptTo[0] === 'm42@club.test');
    expect(m42?.parsed.subject).toBe('회원 42님께 알림');
    expect(m42?.parsed.text).toContain('your code is C42.');
    expect(m42?.user).toBe(USER);
    expectConsistent(outcome.states);

    // Batched: far fewer events than the 2 × 199 + 1 state changes, each row at most once per batch,
    // and the last state seen for every row is its final one.
    expect(batches.length).toBeLessThan(200);
    const last = new Map<number, DeliveryState>();
    for (const batch of batches) {
      const indices = batch.changes.map((c) => c.index);
      expect(new Set(indices).size).toBe(indices.length);
      for (const c of batch.changes) last.set(c.index, c.state);
    }
    expect(last.size).toBe(200);
    outcome.states.forEach((s, i) => expect(last.get(i)).toEqual(s));
    expect(batches.at(-1)?.summary).toEqual(outcome.summary);
  });

  it('pauses on request and resumes with only the rest', async () => {
    const snapshot = campaign(120);
    const controls = createCampaignControls();
    const first = await run(snapshot, {
      controls,
      onProgress: (p) => {
        if (p.summary.sent >= 30) controls.pause();
      },
    });
    expect(first).toMatchObject({ status: 'paused', reason: 'user' });
    expect(first.summary.sent).toBeGreaterThanOrEqual(30);
    expect(first.summary.sent).toBeLessThan(119);
    expectConsistent(first.states);

    const second = await run(snapshot);
    expect(second.status).toBe('completed');
    expect(second.summary.sent).toBe(119);
    expect(sink.messages).toHaveLength(119);
    expectConsistent(second.states);
  });

  it('cancel mid-run leaves no row sending: the rest are cancelled and were never sent', async () => {
    const snapshot = campaign(150);
    const controls = createCampaignControls();
    const outcome = await run(snapshot, {
      controls,
      onProgress: (p) => {
        if (p.summary.sent >= 20) controls.cancel();
      },
    });
    expect(outcome.status).toBe('cancelled');
    const statuses = new Set(outcome.states.map((s) => s.status));
    expect([...statuses].every((s) => s === 'sent' || s === 'cancelled' || s === 'skipped')).toBe(true);
    expect(outcome.summary.sent).toBe(sink.messages.length);
    expect(outcome.summary.cancelled).toBeGreaterThan(0);
    expectConsistent(outcome.states);
  });

  it('stops at the daily limit of the ledger, says when it can continue, and continues then', async () => {
    let now = Date.UTC(2025, 0, 1);
    const clock: Clock = { now: () => now };
    const ledger = createMemoryLedger(clock);
    ledger.record('acc-1', 10);
    now += 60_000;
    const snapshot = campaign(60);

    const first = await run(snapshot, { clock, ledger, dailyLimit: 40 });
    // The ledger counts sends at the end of their minute: the first 10 free a day after 00:01.
    expect(first).toMatchObject({ status: 'waiting-for-quota', resumeAt: Date.UTC(2025, 0, 1) + 60_000 + DAY_MS });
    expect(first.summary.sent).toBe(30);
    expect(ledger.sentInLastDay('acc-1')).toBe(40);
    expectConsistent(first.states);

    // Once the 30 sends of the first run leave the window too.
    now = Date.UTC(2025, 0, 1) + 120_000 + DAY_MS;
    const second = await run(snapshot, { clock, ledger, dailyLimit: 40 });
    expect(second.status).toBe('completed');
    expect(second.summary.sent).toBe(59);
    expect(sink.messages).toHaveLength(59);
    expectConsistent(second.states);
  });

  it('after a crash (torn last line, a row left sending) recovers, marks it unknown and sends only the rest', async () => {
    const snapshot = campaign(80);
    const controls = createCampaignControls();
    const first = await run(snapshot, {
      controls,
      onProgress: (p) => {
        if (p.summary.sent >= 25) controls.pause();
      },
    });
    const sentBefore = first.summary.sent;
    const file = journalFileFor(dir, snapshot.id);
    // The crash: the next member's `sending` line is on disk (its hand-over had started), then a line
    // was half written when the power went.
    const crashed = first.states.findIndex((s) => s.status === 'queued');
    appendFileSync(file, `${JSON.stringify({ i: crashed, s: { status: 'sending', attempt: 1, messageId: '<x@school.test>', at: 1 } })}\n`);
    appendFileSync(file, `${JSON.stringify({ i: crashed + 1, s: { status: 'sent', response: '250 OK', messageId: '<y@school.test>', at: 2, attempt: 1 } })}\n`);
    truncateSync(file, statSync(file).size - 9);

    const { journal, recovered } = await openCampaignJournal(file, 80, Date.now());
    await journal.close();
    expect(recovered.discardedBytes).toBeGreaterThan(0);
    expect(recovered.interrupted).toEqual([crashed]);
    expect(recovered.states[crashed]).toMatchObject({ status: 'unknown', reason: 'interrupted', messageId: '<x@school.test>' });
    expect(recovered.states[crashed + 1]).toEqual({ status: 'queued' });
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);

    const second = await run(snapshot);
    expect(second.status).toBe('completed');
    expect(second.states[crashed]?.status).toBe('unknown');
    expect(second.summary).toMatchObject({ sent: 78, unknown: 1, skipped: 1 });
    expect(sink.messages).toHaveLength(78);
    expect(sink.messages.length - sentBefore).toBe(78 - sentBefore);
    expectConsistent(second.states);
  });
});

describe('{{unsubscribe}} in a campaign', () => {
  it('each member\'s message shows their own unsubscribe address, the one its List-Unsubscribe header carries; HTML as a link', async () => {
    for (const contentType of ['text/plain', 'text/html'] as const) {
      sink.messages.length = 0;
      const snapshot = testCampaign(3, { template: { usageType: 'Notice', contentType, subject: '안내', content: '{{name}}님. 수신 거부: {{unsubscribe}}' } });
      expect((await run(snapshot)).status).toBe('completed');
      expect(sink.messages).toHaveLength(3);
      for (const message of sink.messages) {
        const index = indexOf(message.rcptTo[0]!);
        const from = account(sink.port).fromAddress;
        const target = `mailto:${from}?subject=unsubscribe%20mr1.${snapshot.id}.${index}`;
        expect(message.raw.replace(/\r?\n[ \t]+/g, ' ')).toContain(`List-Unsubscribe: <${target}>`);
        expect(message.parsed.text?.replace(/\s+/g, ' '), contentType).toContain(target);
        if (contentType === 'text/html') expect(message.parsed.html, contentType).toContain(`<a href="${target}">${from}</a>`);
      }
    }
  });

  it('with the account\'s own https unsubscribe page: the page (with the member\'s token) first, one-click POST (RFC 8058), the mail address kept', async () => {
    const record = { ...account(sink.port), unsubscribeUrl: 'https://club.example/unsubscribe?t={token}' };
    const snapshot = testCampaign(2, { template: { usageType: 'Notice', contentType: 'text/plain', subject: '안내', content: '수신 거부: {{unsubscribe}}' } });
    expect((await run(snapshot, { record })).status).toBe('completed');
    expect(sink.messages).toHaveLength(2);
    for (const message of sink.messages) {
      const index = indexOf(message.rcptTo[0]!);
      const page = `https://club.example/unsubscribe?t=mr1.${snapshot.id}.${index}`;
      const unfolded = message.raw.replace(/\r?\n[ \t]+/g, ' ');
      expect(unfolded).toContain(`List-Unsubscribe: <${page}>, <mailto:${record.fromAddress}?subject=unsubscribe%20mr1.${snapshot.id}.${index}>`);
      expect(unfolded).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      expect(message.parsed.text).toContain(page);
    }
  });
});
