/**
 * `npm run bench`: Mailroom's engine against hand-written nodemailer loops, in one run, against the same
 * loopback SMTP sink. Each scenario runs in its own child process (so peak RSS is its own); ratios are
 * against (a), measured in the same run. Prints; gates nothing; CI does not run it.
 *
 * The main sink is Postfix's `smtp-sink` (Debian package `postfix`; the daemon is never started), which
 * answers a new connection in a few ms; `smtp-server` waits 100 ms before greeting each connection (its
 * early-talker check), so it is a second row only. Postfix's `smtp-source` (5 sessions, the same message)
 * into the same sink is printed as the ceiling.
 *
 *   (a) hand-written loop, nodemailer pooled transport, 5 connections, maxMessages 1,000 (the engine's)
 *   (a2) the same with nodemailer's default options (maxMessages 100)
 *   (b) naive loop, a new connection per message, one at a time (NAIVE_COUNT messages: it is slow)
 *   (c) Mailroom's engine, pacing off, journal on (fdatasync), the options of a custom-server account
 *       (5 connections, maxMessages 1,000)
 *   (c2) the same with 2 connections, as for a Gmail, Naver or Daum account
 *   (c3) the same as (c) with nodemailer's default maxMessages of 100, the choice the engine does not make
 *   (c4) the same as (c) with the app's SQLite send ledger (a database file, WAL, synchronous=FULL) and a
 *        daily limit set (never reached): the ledger's reads on every hand-over are counted in
 *   (d) render + compose alone, as the engine does it (one buffer), no network; (d2) with nodemailer's composer
 *   (p) the engine paced at PACE_PER_MINUTE (6,000/min by default): achieved against asked
 *   (s) the same (a) and (c) against the smtp-server sink
 *   ceiling: smtp-source, 5 sessions, the engine's message, into smtp-sink
 */
import { fork, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { SMTPServer } from 'smtp-server';
import type { AccountRecord } from '../app/accounts/node/account-store';
import { runCampaign } from '../app/campaigns/node/campaign-engine';
import { journalFileFor, openCampaignJournal } from '../app/campaigns/node/campaign-journal';
import type { CampaignSnapshot } from '../app/campaigns/node/campaign-store';
import { createMessageBuilder } from '../app/templates/node/message-builder';
import { systemClock } from '../app/storage/node/ports';
import { createMemoryLedger } from '../app/test-support/memory-ledger';
import { createSendLedger } from '../app/accounts/node/send-ledger';
import { DATABASE_FILE_NAME, openDatabase } from '../app/storage/node/database';

const COUNT = Number(process.env.BENCH_COUNT ?? 2000);
/** The naive loop opens a connection per message; a sample gives its rate. */
const NAIVE_COUNT = Math.min(COUNT, Number(process.env.BENCH_NAIVE_COUNT ?? 200));
/** The paced run: its rate and its length (messages). */
const PACE_PER_MINUTE = Number(process.env.BENCH_PACE_PER_MINUTE ?? 6000);
const PACE_COUNT = Number(process.env.BENCH_PACE_COUNT ?? 1000);
const SMTP_SINK = process.env.BENCH_SMTP_SINK ?? '/usr/sbin/smtp-sink';
const SMTP_SOURCE = process.env.BENCH_SMTP_SOURCE ?? '/usr/sbin/smtp-source';
const FILLER = '한빛학교 학부모님께 드리는 안내입니다. This notice is about the school trip next week. '.repeat(22);
const TEMPLATE = { contentType: 'text/plain' as const, subject: '{{name}} 보호자님께: 현장학습 안내', content: `{{name}} 보호자님, 안녕하세요.\n\n${FILLER}\n\n학년: {{grade}}` };
const members = Array.from({ length: COUNT }, (_, i) => ({ line: i + 2, email: `member${i}@bench.test`, name: `회원${i}`, fields: { grade: String((i % 6) + 1) } }));

type SinkKind = 'postfix' | 'smtp-server';
interface Sink {
  readonly port: number;
  /** Messages the sink accepted so far (waits briefly for the count to settle at `expected`). */
  received(expected: number): Promise<number>;
  close(): void;
}

/**
 * The smtp-server sink, in its own process like a real server (in the client's process it would take
 * its CPU from the client being measured).
 */
async function runSmtpServerSink(): Promise<void> {
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

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves once something answers a TCP connection on the port. */
async function untilListening(port: number): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Nothing listens on port ${port}.`);
}

/** True when Postfix's test tools are installed. */
const hasPostfixTools = () => spawnSync(SMTP_SINK, [], { encoding: 'utf8' }).error === undefined && spawnSync(SMTP_SOURCE, [], { encoding: 'utf8' }).error === undefined;

/** Postfix's smtp-sink on a free loopback port; counts the messages from its running counter (`-c`). */
async function startPostfixSink(): Promise<Sink> {
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const child = spawn(SMTP_SINK, [...(asRoot ? ['-u', 'nobody'] : []), '-c', `127.0.0.1:${port}`, '256'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let last = 0;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const counts = [...chunk.matchAll(/mesg=(\d+)/g)];
    if (counts.length > 0) last = Number(counts.at(-1)![1]);
  });
  await untilListening(port);
  return {
    port,
    async received(expected) {
      for (let i = 0; i < 100 && last < expected; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
      return last;
    },
    close: () => child.kill(),
  };
}

async function startSink(kind: SinkKind): Promise<Sink> {
  if (kind === 'postfix') return startPostfixSink();
  const child = fork(new URL(import.meta.url).pathname, ['sink'], { execArgv: ['--import', 'tsx'] });
  const port = await new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port)));
  return {
    port,
    received: () =>
      new Promise((resolve) => {
        child.once('message', (m: { received: number }) => resolve(m.received));
        child.send('count');
      }),
    close: () => undefined,
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

/** What a scenario reports. */
interface ScenarioResult {
  readonly seconds: number;
  readonly sent: number;
  /** CPU time (user + system) of the client process over the same span: steadier than the wall time on a busy machine. */
  readonly cpuMs: number;
  /** For the paced run: messages per minute between the first and the last acceptance. */
  readonly achievedPerMinute?: number;
}

async function scenario(name: string, sinkKind: SinkKind): Promise<ScenarioResult> {
  const local = name === 'compose' || name === 'compose-nodemailer';
  const sink = local ? null : await startSink(sinkKind);
  const build = createMessageBuilder(record(sink?.port ?? 1), TEMPLATE, { replyTo: '', attachments: [] });
  const paced = name === 'paced';
  const roster = paced ? members.slice(0, PACE_COUNT) : members;
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  let sent = 0;
  let achievedPerMinute: number | undefined;
  if (name === 'pooled' || name === 'pooled-default') {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sink!.port, pool: true, maxConnections: 5, ignoreTLS: true, ...(name === 'pooled' ? { maxMessages: 1000 } : {}) });
    await Promise.all(
      roster.map(async (m) => {
        const built = build(m);
        if (built.ok) await transport.sendMail(built.mail).then(() => (sent += 1));
      }),
    );
    transport.close();
  } else if (name === 'naive') {
    for (const m of roster.slice(0, NAIVE_COUNT)) {
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sink!.port, ignoreTLS: true });
      const built = build(m);
      if (built.ok) await transport.sendMail(built.mail).then(() => (sent += 1));
      transport.close();
    }
  } else if (name.startsWith('engine') || paced) {
    const dir = mkdtempSync(join(tmpdir(), 'mailroom-bench-'));
    const snapshot: CampaignSnapshot = {
      id: 'bench',
      accountId: 'bench',
      accountLabel: 'Bench',
      listName: 'Bench',
      template: TEMPLATE,
      recipients: roster,
      replyTo: '',
      attachments: [],
      perMinute: paced ? PACE_PER_MINUTE : 0,
      status: 'ready',
      createdAt: new Date().toISOString(),
    };
    const { journal, recovered } = await openCampaignJournal(journalFileFor(dir, snapshot.id), roster.length, Date.now());
    // (c4): the ledger the app uses, in its own database file, and a daily limit the run never reaches.
    const database = name === 'engine-sqlite' ? openDatabase(join(dir, DATABASE_FILE_NAME)) : undefined;
    const outcome = await runCampaign({
      snapshot,
      record: record(sink!.port),
      credentials: undefined,
      journal,
      states: recovered.states,
      ledger: database ? createSendLedger(database, systemClock) : createMemoryLedger(systemClock),
      clock: systemClock,
      dailyLimit: database ? roster.length * 10 : null,
      options: name === 'engine2' ? { maxConnections: 2 } : name === 'engine100' ? { maxConnections: 5, maxMessages: 100 } : { maxConnections: 5 },
    });
    await journal.close();
    database?.close();
    if (outcome.status !== 'completed') throw new Error(`${name}: the run ended ${outcome.status}`);
    sent = outcome.summary.sent;
    if (paced) {
      const times = outcome.states.flatMap((s) => (s.status === 'sent' ? [s.at] : [])).sort((x, y) => x - y);
      achievedPerMinute = ((times.length - 1) * 60_000) / (times.at(-1)! - times[0]!);
    }
    rmSync(dir, { recursive: true, force: true });
  } else if (name === 'compose') {
    for (const m of roster) {
      const built = build(m);
      if (built.ok) {
        // A builder without `raw` (before the engine composed its own messages) is timed with nodemailer's composer.
        if (built.raw) built.raw(`${m.line}@bench.test`, new Date());
        else await new MailComposer(built.mail).compile().build();
        sent += 1;
      }
    }
  } else if (name === 'compose-nodemailer') {
    for (const m of roster) {
      const built = build(m);
      if (built.ok) {
        await new MailComposer(built.mail).compile().build();
        sent += 1;
      }
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const received = sink ? await sink.received(sent) : sent;
  sink?.close();
  if (received !== sent) throw new Error(`${name}: sink received ${received}, sent ${sent}`);
  return { seconds, sent, cpuMs, ...(achievedPerMinute === undefined ? {} : { achievedPerMinute }) };
}

const LABELS: Record<string, string> = {
  pooled: '(a) nodemailer pool, 5 connections, maxMessages 1,000',
  'pooled-default': '(a2) nodemailer pool, 5 connections, default options',
  naive: '(b) naive: one connection per message',
  engine: '(c) Mailroom engine, 5 conn., pacing off, journal on',
  engine2: '(c2) the same, 2 connections (Gmail/Naver/Daum)',
  engine100: '(c3) the same as (c), maxMessages 100',
  'engine-sqlite': '(c4) the same as (c), SQLite ledger, daily limit set',
  compose: '(d) render + compose as the engine does (no network)',
  'compose-nodemailer': "(d2) render + nodemailer's composer (no network)",
};
const LOCAL = new Set(['compose', 'compose-nodemailer']);
const ONCE = new Set(['naive', 'compose', 'compose-nodemailer']);

/** The message as it goes on the wire: the engine's bytes and nodemailer's, for the first member. */
async function wireSizes(): Promise<{ engine: number; nodemailer: number; eml: Buffer }> {
  const built = createMessageBuilder(record(25), TEMPLATE, { replyTo: '', attachments: [] })(members[0]!);
  if (!built.ok) throw new Error('The bench template does not render.');
  const eml = built.raw ? built.raw('0@bench.test', new Date()) : await new MailComposer(built.mail).compile().build();
  const composed = await new MailComposer({ ...built.mail, messageId: '<0@bench.test>' }).compile().build();
  return { engine: eml.length, nodemailer: composed.length, eml };
}

/** smtp-source, 5 sessions kept open (-d), `count` copies of the engine's message, into a fresh smtp-sink. */
async function ceiling(eml: Buffer, count: number): Promise<number> {
  const sink = await startPostfixSink();
  const dir = mkdtempSync(join(tmpdir(), 'mailroom-bench-'));
  // smtp-source appends CRLF to each line of the file itself.
  const file = join(dir, 'message.eml');
  writeFileSync(file, eml.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
  const started = process.hrtime.bigint();
  // Asynchronously: this process must keep reading smtp-sink's counter, or its pipe fills and both stall.
  const source = spawn(SMTP_SOURCE, ['-d', '-s', '5', '-m', String(count), '-F', file, '-f', 'office@bench.test', '-t', 'member@bench.test', '-M', '[127.0.0.1]', `127.0.0.1:${sink.port}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  source.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const status = await new Promise<number | null>((resolve) => source.on('close', resolve));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const received = await sink.received(count);
  sink.close();
  rmSync(dir, { recursive: true, force: true });
  if (status !== 0 || received !== count) throw new Error(`smtp-source failed (${received}/${count}): ${stderr}`);
  return count / seconds;
}

/** The 1, 5 and 15 minute load averages. */
const loadText = () => loadavg().map((x) => x.toFixed(2)).join(', ');

/** Runs every scenario in its own process and prints the table. */
async function main(): Promise<void> {
  if (!hasPostfixTools()) {
    console.error(
      `The bench's sink is Postfix's smtp-sink (and smtp-source for the ceiling), not found at ${SMTP_SINK} / ${SMTP_SOURCE}.\n` +
        'Install it (Debian/Ubuntu; the mail daemon itself is never started by the bench):\n' +
        '  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y postfix\n' +
        'or point BENCH_SMTP_SINK / BENCH_SMTP_SOURCE at them.',
    );
    process.exit(2);
  }
  /** Rounds of the network scenarios, interleaved; the median is reported (the machine is shared and noisy). */
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
  const sizes = await wireSizes();
  console.log(
    `Mailroom bench: ${COUNT} personalised Korean messages, ${(sizes.engine / 1024).toFixed(1)} KB each on the wire as the engine sends them ` +
      `(${(sizes.nodemailer / 1024).toFixed(1)} KB as nodemailer composes them), loopback sink, Node ${process.version}, median of ${ROUNDS} interleaved rounds\n` +
      `Load average at the start: ${loadText()} (2 cores shared: wall rates swing with it; CPU µs/msg is the client's own time)\n`,
  );
  type Result = ScenarioResult & { maxRssMb: number };
  const runs: Record<string, Result[]> = {};
  const runOne = (key: string, name: string, sinkKind: SinkKind) => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, name, sinkKind], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (run.status !== 0) {
      console.error(`${name} failed:\n${run.stderr}`);
      process.exit(1);
    }
    (runs[key] ??= []).push(JSON.parse(run.stdout) as Result);
  };
  const ceilings: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const name of Object.keys(LABELS)) if (round === 0 || !ONCE.has(name)) runOne(name, name, 'postfix');
    runOne('s:pooled', 'pooled', 'smtp-server');
    runOne('s:engine', 'engine', 'smtp-server');
    ceilings.push(await ceiling(sizes.eml, COUNT));
  }
  runOne('paced', 'paced', 'postfix');
  const rateOf = (r: Result) => r.sent / r.seconds;
  const median = (results: Result[]): Result => [...results].sort((x, y) => rateOf(x) - rateOf(y))[Math.floor(results.length / 2)]!;
  const ceilingRate = [...ceilings].sort((x, y) => x - y)[Math.floor(ceilings.length / 2)]!;
  const row = (label: string, all: Result[], base: number, baseName: string) => {
    const r = median(all);
    const rate = rateOf(r);
    const spread = all.length > 1 ? ` [${all.map((x) => rateOf(x).toFixed(0)).join(', ')}]` : '';
    // CPU per message: the median of the rounds' own figures (steadier than the wall time on a shared machine).
    const cpu = [...all.map((x) => (x.cpuMs * 1000) / x.sent)].sort((x, y) => x - y)[Math.floor(all.length / 2)]!;
    console.log(`${label.padEnd(56)} ${rate.toFixed(0).padStart(7)} msg/s  ×${(rate / base).toFixed(2)} of ${baseName}  CPU ${cpu.toFixed(0).padStart(4)} µs/msg  peak RSS ${Math.max(...all.map((x) => x.maxRssMb)).toFixed(0)} MB  (${r.sent} in ${r.seconds.toFixed(2)} s)${spread}`);
  };
  console.log("Sink: Postfix's smtp-sink");
  const base = rateOf(median(runs.pooled!));
  for (const name of Object.keys(LABELS)) row(LABELS[name]!, runs[name]!, base, LOCAL.has(name) ? '(a)' : '(a)');
  const engineRate = rateOf(median(runs.engine!));
  console.log(
    `${'ceiling: smtp-source, 5 sessions, the same message'.padEnd(56)} ${ceilingRate.toFixed(0).padStart(7)} msg/s  [${ceilings.map((c) => c.toFixed(0)).join(', ')}]\n` +
      `${'engine (c) as a fraction of the ceiling'.padEnd(56)} ${(engineRate / ceilingRate).toFixed(2)}\n` +
      `${'engine (c) against (a2), the default-options pool'.padEnd(56)} ×${(engineRate / rateOf(median(runs['pooled-default']!))).toFixed(2)}`,
  );
  const paced = median(runs.paced!);
  console.log(
    `${`(p) engine paced at ${PACE_PER_MINUTE}/min, ${PACE_COUNT} messages`.padEnd(56)} achieved ${paced.achievedPerMinute!.toFixed(0)}/min (${((paced.achievedPerMinute! / PACE_PER_MINUTE - 1) * 100).toFixed(2)} %)`,
  );
  const cpuOf = (all: Result[]) => [...all.map((x) => (x.cpuMs * 1000) / x.sent)].sort((x, y) => x - y)[Math.floor(all.length / 2)]!;
  console.log(`${'engine (c) CPU per message against (a)'.padEnd(56)} ×${(cpuOf(runs.engine!) / cpuOf(runs.pooled!)).toFixed(2)}`);
  console.log(`Load average at the end: ${loadText()}`);
  console.log('\nSink: smtp-server (greets each new connection after 100 ms)');
  const sBase = rateOf(median(runs['s:pooled']!));
  row('(s-a) nodemailer pool, 5 connections, maxMessages 1,000', runs['s:pooled']!, sBase, '(s-a)');
  row('(s-c) Mailroom engine, 5 connections, journal on', runs['s:engine']!, sBase, '(s-a)');
}

const [child, sinkKind] = process.argv.slice(2);
if (child === 'sink') {
  await runSmtpServerSink();
} else if (child) {
  const result = await scenario(child, sinkKind === 'smtp-server' ? 'smtp-server' : 'postfix');
  process.stdout.write(JSON.stringify({ ...result, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
} else {
  await main();
}
