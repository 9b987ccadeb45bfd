/**
 * `npm run bench`: Mailroom's engine against hand-written nodemailer loops, in one run, against the same
 * loopback SMTP sink. Each scenario runs in its own child process (so peak RSS is its own); ratios are
 * against (a), measured in the same run. Prints; gates nothing.
 *
 *   (a) hand-written loop, nodemailer pooled transport, 5 connections, default options
 *   (b) naive loop, a new connection per message, one at a time (NAIVE_COUNT messages: it is slow)
 *   (c) Mailroom's engine, pacing off, journal on (fdatasync), the options of a custom-server account
 *       (5 connections, maxMessages 1,000)
 *   (c2) the same with 2 connections, as for a Gmail, Naver or Daum account
 *   (c3) the same as (c) with nodemailer's default maxMessages of 100, the choice the engine does not make
 *   (d) render + compose alone (Handlebars + MIME build), no network
 */
import { fork, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { SMTPServer } from 'smtp-server';
import type { AccountRecord } from '../app/accounts/node/account-store';
import { runCampaign } from '../app/campaigns/node/campaign-engine';
import { journalFileFor, openCampaignJournal } from '../app/campaigns/node/campaign-journal';
import type { CampaignSnapshot } from '../app/campaigns/node/campaign-store';
import { createMemoryStore } from '../app/test-support/memory-ports';
import { createMessageBuilder } from '../app/templates/node/message-builder';
import { systemClock } from '../app/storage/node/ports';
import { createSendLedger } from '../app/accounts/node/send-ledger';

const COUNT = Number(process.env.BENCH_COUNT ?? 2000);
/** The naive loop opens a connection per message (~0.1 s each here); a sample gives its rate. */
const NAIVE_COUNT = Math.min(COUNT, Number(process.env.BENCH_NAIVE_COUNT ?? 200));
const FILLER = '한빛학교 학부모님께 드리는 안내입니다. This notice is about the school trip next week. '.repeat(22);
const TEMPLATE = { contentType: 'text/plain' as const, subject: '{{name}} 보호자님께: 현장학습 안내', content: `{{name}} 보호자님, 안녕하세요.\n\n${FILLER}\n\n학년: {{grade}}` };
const members = Array.from({ length: COUNT }, (_, i) => ({ line: i + 2, email: `member${i}@bench.test`, name: `회원${i}`, fields: { grade: String((i % 6) + 1) } }));

/**
 * A sink that accepts everything and only counts, in its own process like a real server (in the
 * client's process it would take its CPU from the client being measured): the same ceiling for every
 * scenario.
 */
async function runSink(): Promise<void> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    // smtp-server looks up the client's host name before greeting (~100 ms here): off, or it dominates.
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received += 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server as unknown as { server: { address(): { port: number } } }).server.address().port;
  process.send?.({ port });
  process.on('message', () => process.send?.({ received }, () => server.close(() => process.exit(0))));
}

async function startSink(): Promise<{ port: number; received: () => Promise<number> }> {
  const child = fork(new URL(import.meta.url).pathname, ['sink'], { execArgv: ['--import', 'tsx'] });
  const port = await new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port)));
  return {
    port,
    received: () =>
      new Promise((resolve) => {
        child.once('message', (m: { received: number }) => resolve(m.received));
        child.send('count');
      }),
  };
}

const record = (port: number): AccountRecord => ({
  id: 'bench',
  presetId: 'custom',
  label: 'Bench',
  host: '127.0.0.1',
  port,
  security: 'none',
  username: '',
  fromAddress: 'office@bench.test',
  fromName: '행정실',
  replyTo: '',
  ehloName: '',
  tlsServername: '',
  caCertificate: '',
  createdAt: '',
  updatedAt: '',
});

async function scenario(name: string): Promise<{ seconds: number; sent: number }> {
  const sink = name === 'compose' ? null : await startSink();
  const build = createMessageBuilder(record(sink?.port ?? 1), TEMPLATE, { replyTo: '', attachments: [] });
  const started = process.hrtime.bigint();
  let sent = 0;
  if (name === 'pooled') {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sink!.port, pool: true, maxConnections: 5, ignoreTLS: true });
    await Promise.all(
      members.map(async (m) => {
        const built = build(m);
        if (built.ok) await transport.sendMail(built.mail).then(() => (sent += 1));
      }),
    );
    transport.close();
  } else if (name === 'naive') {
    for (const m of members.slice(0, NAIVE_COUNT)) {
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sink!.port, ignoreTLS: true });
      const built = build(m);
      if (built.ok) await transport.sendMail(built.mail).then(() => (sent += 1));
      transport.close();
    }
  } else if (name.startsWith('engine')) {
    const dir = mkdtempSync(join(tmpdir(), 'mailroom-bench-'));
    const snapshot: CampaignSnapshot = {
      id: 'bench',
      accountId: 'bench',
      accountLabel: 'Bench',
      listName: 'Bench',
      template: TEMPLATE,
      recipients: members,
      replyTo: '',
      attachments: [],
      perMinute: 0,
      status: 'ready',
      createdAt: new Date().toISOString(),
    };
    const { journal, recovered } = await openCampaignJournal(journalFileFor(dir, snapshot.id), COUNT, Date.now());
    const outcome = await runCampaign({
      snapshot,
      record: record(sink!.port),
      credentials: undefined,
      journal,
      states: recovered.states,
      ledger: createSendLedger(createMemoryStore(), systemClock),
      clock: systemClock,
      dailyLimit: null,
      ...(name === 'engine2' ? { options: { maxConnections: 2 } } : name === 'engine100' ? { options: { maxMessages: 100 } } : {}),
    });
    await journal.close();
    sent = outcome.summary.sent;
    rmSync(dir, { recursive: true, force: true });
  } else if (name === 'compose') {
    for (const m of members) {
      const built = build(m);
      if (built.ok) {
        await new MailComposer(built.mail).compile().build();
        sent += 1;
      }
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const received = sink ? await sink.received() : sent;
  if (received !== sent) throw new Error(`${name}: sink received ${received}, sent ${sent}`);
  return { seconds, sent };
}

const LABELS: Record<string, string> = {
  pooled: '(a) nodemailer pool, 5 connections, default options',
  naive: '(b) naive: one connection per message',
  engine: '(c) Mailroom engine, pacing off, journal on',
  engine2: '(c2) the same, 2 connections (Gmail/Naver/Daum)',
  engine100: '(c3) the same as (c), maxMessages 100',
  compose: '(d) render + compose only (no network)',
};

/** Runs every scenario in its own process and prints the table. */
function main(): void {
  /** Rounds of the network scenarios, interleaved; the median is reported (the machine is shared and noisy). */
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
  console.log(`Mailroom bench: ${COUNT} personalised messages of ~${Math.round(TEMPLATE.content.length / 1024)} KB, loopback sink, Node ${process.version}, median of ${ROUNDS} interleaved rounds\n`);
  type Result = { seconds: number; sent: number; maxRssMb: number };
  const runs: Record<string, Result[]> = {};
  const runOne = (name: string) => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, name], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (run.status !== 0) {
      console.error(`${name} failed:\n${run.stderr}`);
      process.exit(1);
    }
    (runs[name] ??= []).push(JSON.parse(run.stdout) as Result);
  };
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const name of Object.keys(LABELS)) if (round === 0 || (name !== 'naive' && name !== 'compose')) runOne(name);
  }
  const rateOf = (r: Result) => r.sent / r.seconds;
  const median = (results: Result[]): Result => [...results].sort((x, y) => rateOf(x) - rateOf(y))[Math.floor(results.length / 2)]!;
  const base = rateOf(median(runs.pooled!));
  for (const [name, all] of Object.entries(runs)) {
    const r = median(all);
    const rate = rateOf(r);
    const spread = all.length > 1 ? ` [${all.map((x) => rateOf(x).toFixed(0)).join(', ')}]` : '';
    console.log(`${LABELS[name]!.padEnd(52)} ${rate.toFixed(0).padStart(7)} msg/s  ×${(rate / base).toFixed(2)} of (a)  peak RSS ${Math.max(...all.map((x) => x.maxRssMb)).toFixed(0)} MB  (${r.sent} in ${r.seconds.toFixed(2)} s)${spread}`);
  }
}

const child = process.argv[2];
if (child === 'sink') {
  await runSink();
} else if (child) {
  const result = await scenario(child);
  process.stdout.write(JSON.stringify({ ...result, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
} else {
  main();
}

