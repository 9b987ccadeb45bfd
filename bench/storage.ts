/**
 * `npm run bench` (after run.ts): the data layer through the real handlers of the Node composition (the
 * database file in a temp data folder). Each scenario runs in its own child process, so its peak RSS is
 * its own, from one esbuild bundle of this file as the app runs its own code (bundled JavaScript; under
 * tsx, its compiler and loader thread alone hold ~60 MB). Prints; gates nothing.
 *
 *   import   100,000 CP949 rows end to end (`lists:import`: decode, validate, store), then Compose's
 *            preview + pre-flight per change of the subject on that list
 *   json     the same list through the JSON list store of earlier versions (save, then the whole-list read
 *            every Compose change paid): "before", measured in the same run
 *   history  1, then 100 campaigns of 10,000 members created through `campaigns:create`; the history page (`campaigns:history`) and `campaigns:list`
 *            with 1 and with 100, and `campaigns:get` of one 10,000-member campaign
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import WebSocket from 'ws';
import { dispatch, type Handlers } from '../app/ipc/common/dispatch';
import { HISTORY_PAGE_SIZE } from '../app/ipc/common/contract';
import { createNodeHandlers } from '../app/handlers/node/node-composition';
import { startWebHost } from '../app/host-web/node/web-host';
import { createConfStore } from '../app/storage/node/conf-store';
import { systemClock } from '../app/storage/node/ports';
import { createListStore as createJsonListStore } from '../app/test-support/legacy-json/list-store';
import { buildMembers } from '../app/lists/common/member-list';

const ROWS = Number(process.env.BENCH_STORAGE_ROWS ?? 100_000);
const CAMPAIGNS = Number(process.env.BENCH_STORAGE_CAMPAIGNS ?? 100);
const CAMPAIGN_MEMBERS = Number(process.env.BENCH_STORAGE_MEMBERS ?? 10_000);
const CHANGES = 20;
const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Where the bundle goes: three folders below the root, where the app's code finds `../../../package.json` as it does from its own. */
const BUNDLE = join(ROOT, 'node_modules', '.cache', 'mailroom-bench', 'storage.mjs');

/** The issue's figures on the JSON stores (landed code, this 2-core machine), printed as "before" where this run cannot measure it. */
const ISSUE_BEFORE = { list1: 83, list12: 6222, get1: 164, get12: 3461, importSave: 3000, composeChange: 800 };

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

function csvBytes(rows: number): Buffer {
  const lines = ['이름,이메일,학년,반,보호자'];
  for (let i = 0; i < rows; i += 1) lines.push(`회원${i},member${i}@bench.example.kr,${(i % 6) + 1},${(i % 10) + 1},보호자 ${i}`);
  return iconv.encode(`${lines.join('\r\n')}\r\n`, 'cp949');
}

/** The CSV file the parent wrote for the list scenarios: read as the page reads the file the admin picks. */
const csvFile = () => readFileSync(process.env.BENCH_STORAGE_CSV ?? '');

async function handlersIn(dataDir: string): Promise<{ call: <T>(channel: string, input?: unknown) => Promise<T>; handlers: Handlers }> {
  const handlers = await createNodeHandlers({ dataDir, emit: () => undefined });
  const call = async <T>(channel: string, input?: unknown): Promise<T> => {
    const result = await dispatch(handlers, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  };
  return { call, handlers };
}

const ACCOUNT = { label: 'Bench', host: '127.0.0.1', port: 2525, security: 'none', username: '', fromAddress: 'office@bench.example.kr', fromName: '행정실' };
const templateWith = (subject: string, content = '{{name}} 보호자님, {{학년}}학년 {{반}}반 안내입니다.') => ({ inline: { name: 'b', usageType: 'Notice', contentType: 'text/plain', subject, content } });

async function scenarioImport(dataDir: string) {
  const bytes = csvFile();
  const { call } = await handlersIn(dataDir);
  const account = await call<{ id: string }>('accounts:save', ACCOUNT);
  const base64 = bytes.toString('base64');
  const rssBeforeMb = process.memoryUsage().rss / 1024 / 1024;
  const cpuBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  const imported = await call<{ list: { id: string; memberCount: number } }>('lists:import', { fileName: 'members.csv', base64, encoding: 'auto', name: 'Bench', mapping: { address: 1, name: 0 } });
  const importMs = ms(start);
  const cpu = process.cpuUsage(cpuBefore);
  const importCpuMs = (cpu.user + cpu.system) / 1000;
  const importRss = peakRssMb();
  if (imported.list.memberCount !== ROWS) throw new Error(`imported ${imported.list.memberCount} of ${ROWS}`);
  const s2 = process.hrtime.bigint();
  await call('lists:list');
  const summariesMs = ms(s2);
  const s3 = process.hrtime.bigint();
  await call('lists:members', { listId: imported.list.id, offset: ROWS - 100, limit: 100 });
  const pageMs = ms(s3);
  const input = (i: number) => ({ accountId: account.id, listId: imported.list.id, template: templateWith(`{{name}} 보호자님께 ${i}`), excluded: [], attachments: [], replyTo: '' });
  // The first change reads the list from the database; the next ones find it in memory.
  const f = process.hrtime.bigint();
  await call('compose:preview', { ...input(0), memberIndex: 0 });
  await call('compose:preflight', input(0));
  const firstChangeMs = ms(f);
  const times: number[] = [];
  for (let i = 1; i <= CHANGES; i += 1) {
    const t = process.hrtime.bigint();
    await call('compose:preview', { ...input(i), memberIndex: i });
    await call('compose:preflight', input(i));
    times.push(ms(t));
  }
  times.sort((a, b) => a - b);
  return { importMs, importCpuMs, importRss, rssBeforeMb, summariesMs, pageMs, firstChangeMs, changeMedianMs: times[Math.floor(times.length / 2)]!, changeMaxMs: times[times.length - 1]!, bytes: bytes.length };
}

async function scenarioJson(dataDir: string) {
  const bytes = csvFile();
  const start = process.hrtime.bigint();
  const { decodeTable } = await import('../app/lists/node/list-import');
  const table = decodeTable(new Uint8Array(bytes), { encoding: 'auto' });
  if ('error' in table) throw new Error(table.detail);
  const report = buildMembers({ columns: table.columns, rows: table.rows, mapping: { address: 1, name: 0 }, suppressed: new Set() });
  const lists = createJsonListStore(createConfStore(dataDir, 'lists'), systemClock);
  const saved = lists.save({ name: 'Bench', columns: table.columns, mapping: { address: 1, name: 0 }, members: report.members, rejected: report.rejected, source: { kind: 'file' } });
  const importMs = ms(start);
  const importRss = peakRssMb();
  const s2 = process.hrtime.bigint();
  lists.summaries();
  const summariesMs = ms(s2);
  const s3 = process.hrtime.bigint();
  lists.get(saved.id);
  const readMs = ms(s3);
  return { importMs, importRss, summariesMs, readMs };
}

/** A loopback web host over the handlers and a WebSocket to it: the transport the screens use in the browser host. */
async function overWebSocket(handlers: Handlers, dir: string): Promise<{ call: (channel: string, input?: unknown) => Promise<void>; close: () => Promise<void> }> {
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>bench</title>');
  const host = await startWebHost({ staticDir, createHandlers: () => handlers });
  const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/ws?token=${host.token}`, { headers: { Origin: host.origin } });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let next = 0;
  const waiting = new Map<number, (ok: boolean) => void>();
  ws.on('message', (data: WebSocket.RawData) => {
    const message = JSON.parse(data.toString()) as { id?: number; result?: { ok: boolean } };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result?.ok === true);
  });
  const call = (channel: string, input?: unknown) =>
    new Promise<void>((resolve, reject) => {
      const id = (next += 1);
      waiting.set(id, (ok) => {
        waiting.delete(id);
        if (ok) resolve();
        else reject(new Error(`${channel} failed over the web host`));
      });
      ws.send(JSON.stringify({ id, channel, input }));
    });
  return { call, close: async () => (ws.close(), await host.close()) };
}

/**
 * Two data folders side by side, one holding 1 campaign and the other `CAMPAIGNS`, so the calls that are
 * compared are timed in alternating rounds (the machine's load then falls on both alike).
 */
async function scenarioHistory(dataDir: string) {
  const text = Array.from({ length: CAMPAIGN_MEMBERS }, (_, i) => `회원${i} <member${i}@bench.example.kr>`).join('\n');
  const folder = async (name: string) => {
    const { call, handlers } = await handlersIn(join(dataDir, name));
    const account = await call<{ id: string }>('accounts:save', ACCOUNT);
    const list = await call<{ list: { id: string } }>('lists:paste', { name: 'History', text });
    const create = () => call<{ id: string }>('campaigns:create', { accountId: account.id, listId: list.list.id, template: templateWith('{{name}} 보호자님께', '{{name}} 보호자님, 안내입니다.'), excluded: [], attachments: [], replyTo: '' });
    const first = await create();
    return { call, handlers, create, first };
  };
  /** Median time of `runs` calls, after `warmUp` untimed ones (sub-millisecond calls are timed warm, as the app runs them). */
  const timeOf = async (work: () => Promise<unknown>, runs = 5, warmUp = 0) => {
    for (let i = 0; i < warmUp; i += 1) await work();
    const times: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const t = process.hrtime.bigint();
      await work();
      times.push(ms(t));
    }
    return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const one = await folder('one');
  const many = await folder('many');
  // What the campaign view asks for: one window of rows as the table scrolls (here mid-campaign).
  const page = (f: typeof one) => () => f.call('campaigns:get', { id: f.first.id, offset: Math.floor(CAMPAIGN_MEMBERS / 2), limit: 100 });
  // What the history screen asks for: its first page, and the total.
  const historyPage = (f: typeof one) => () => f.call('campaigns:history', { offset: 0, limit: HISTORY_PAGE_SIZE });
  const createTimes: number[] = [];
  let listFull = NaN;
  for (let i = 1; i < CAMPAIGNS; i += 1) {
    const t = process.hrtime.bigint();
    await many.create();
    createTimes.push(ms(t));
    // One full page: from here on a longer history should cost the page nothing more.
    if (i + 1 === HISTORY_PAGE_SIZE) listFull = await timeOf(historyPage(many), 101, 50);
  }
  const wsOne = await overWebSocket(one.handlers, join(dataDir, 'host-one'));
  const wsMany = await overWebSocket(many.handlers, join(dataDir, 'host-many'));
  const wsPage = (ws: typeof wsOne) => () => ws.call('campaigns:history', { offset: 0, limit: HISTORY_PAGE_SIZE });
  const rounds = { list1: [] as number[], listN: [] as number[], ws1: [] as number[], wsN: [] as number[] };
  for (let round = 0; round < 15; round += 1) {
    rounds.list1.push(await timeOf(historyPage(one), 51, 20));
    rounds.listN.push(await timeOf(historyPage(many), 51, 20));
    rounds.ws1.push(await timeOf(wsPage(wsOne), 51, 20));
    rounds.wsN.push(await timeOf(wsPage(wsMany), 51, 20));
  }
  await wsOne.close();
  await wsMany.close();
  return {
    list1: median(rounds.list1),
    listN: median(rounds.listN),
    ws1: median(rounds.ws1),
    wsN: median(rounds.wsN),
    listFull,
    all1: await timeOf(() => one.call('campaigns:list')),
    allN: await timeOf(() => many.call('campaigns:list')),
    get1: await timeOf(() => one.call('campaigns:get', { id: one.first.id })),
    getN: await timeOf(() => many.call('campaigns:get', { id: many.first.id })),
    page1: await timeOf(page(one)),
    pageN: await timeOf(page(many)),
    createFirst: createTimes[0]!,
    createLast: createTimes[createTimes.length - 1]!,
    peakRss: peakRssMb(),
  };
}

const SCENARIOS = { import: scenarioImport, json: scenarioJson, history: scenarioHistory } as const;

async function child(name: keyof typeof SCENARIOS) {
  const dataDir = mkdtempSync(join(tmpdir(), `mailroom-bench-storage-${name}-`));
  try {
    process.stdout.write(`RESULT ${JSON.stringify(await SCENARIOS[name](dataDir))}\n`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Bundles this file (packages stay imports of node_modules, as in the app). */
async function bundle(): Promise<void> {
  const { build } = await import('esbuild');
  mkdirSync(join(BUNDLE, '..'), { recursive: true });
  await build({ entryPoints: [SELF], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: BUNDLE, logLevel: 'warning' });
}

function runChild<K extends keyof typeof SCENARIOS>(name: K, csv = ''): Awaited<ReturnType<(typeof SCENARIOS)[K]>> {
  const result = spawnSync(process.execPath, [BUNDLE, name], { env: { ...process.env, BENCH_STORAGE_CSV: csv }, cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const line = result.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`bench scenario ${name} failed:\n${result.stderr}`);
  return JSON.parse(line.slice('RESULT '.length)) as Awaited<ReturnType<(typeof SCENARIOS)[K]>>;
}

async function main() {
  await bundle();
  const f = (n: number) => n.toFixed(n >= 100 ? 0 : n >= 1 ? 1 : 3);
  console.log(`\nStorage bench (SQLite through the real handlers; each scenario in its own process; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`);
  const csvDir = mkdtempSync(join(tmpdir(), 'mailroom-bench-csv-'));
  const csv = join(csvDir, 'members.csv');
  writeFileSync(csv, csvBytes(ROWS));
  const json = runChild('json', csv);
  // The import three times, each in a fresh process: the median by wall time, and the highest peak RSS.
  const imports = [runChild('import', csv), runChild('import', csv), runChild('import', csv)].sort((x, y) => x.importMs - y.importMs);
  const sql = { ...imports[1]!, importRss: Math.max(...imports.map((r) => r.importRss)) };
  rmSync(csvDir, { recursive: true, force: true });
  console.log(`\nLists: ${ROWS.toLocaleString('en')} CP949 rows (${(sql.bytes / 1024 / 1024).toFixed(1)} MB), end to end`);
  console.log(`  ${'step'.padEnd(44)}${'before (JSON store)'.padStart(21)}${'after (SQLite)'.padStart(16)}`);
  console.log(`  ${'import: decode, validate, store (ms)'.padEnd(44)}${f(json.importMs).padStart(21)}${f(sql.importMs).padStart(16)}   goal < 2000 (median of 3 runs: ${imports.map((r) => f(r.importMs)).join(', ')})`);
  console.log(`  ${'  of it, CPU time of the import (ms)'.padEnd(44)}${'—'.padStart(21)}${f(sql.importCpuMs).padStart(16)}   (less swayed by a loaded machine than the wall time)`);
  console.log(`  ${'peak RSS of the import (MB)'.padEnd(44)}${f(json.importRss).padStart(21)}${f(sql.importRss).padStart(16)}   goal < 300 (the highest of the 3; the process held ${f(sql.rssBeforeMb)} MB before the import: Node, the handlers, the file read and base64-encoded as the page sends it)`);
  console.log(`  ${'lists:list after it (ms)'.padEnd(44)}${f(json.summariesMs).padStart(21)}${f(sql.summariesMs).padStart(16)}`);
  console.log(`  ${'Compose change: preview + pre-flight (ms)'.padEnd(44)}${`≥ ${f(json.readMs)} (read)`.padStart(21)}${f(sql.changeMedianMs).padStart(16)}   goal < 100 (median of ${CHANGES}; max ${f(sql.changeMaxMs)}; first after a list change ${f(sql.firstChangeMs)})`);
  console.log(`  ${'lists:members, last 100 rows (ms)'.padEnd(44)}${'—'.padStart(21)}${f(sql.pageMs).padStart(16)}`);
  console.log(`  (issue's figures before: save ${ISSUE_BEFORE.importSave} ms, each Compose pause ${ISSUE_BEFORE.composeChange} ms)`);

  const history = runChild('history');
  console.log(`\nHistory: ${CAMPAIGNS} campaigns of ${CAMPAIGN_MEMBERS.toLocaleString('en')} members, created through campaigns:create (medians of 5 calls)`);
  console.log(`  ${'call'.padEnd(26)}${'1 campaign'.padStart(12)}${`${CAMPAIGNS} campaigns`.padStart(15)}${'ratio'.padStart(8)}   before (issue: 1 → 12 campaigns)`);
  console.log(`  ${'history page (ms)'.padEnd(26)}${f(history.list1).padStart(12)}${f(history.listN).padStart(15)}${(history.listN / history.list1).toFixed(2).padStart(8)}   campaigns:history, ${HISTORY_PAGE_SIZE} a page + total (the screen's call, through dispatch; medians of 15 alternating rounds of 51 warm calls); ${ISSUE_BEFORE.list1} → ${ISSUE_BEFORE.list12} (×${(ISSUE_BEFORE.list12 / ISSUE_BEFORE.list1).toFixed(0)}); goal ratio ≤ 2`);
  console.log(`  ${'  the same over the host'.padEnd(26)}${f(history.ws1).padStart(12)}${f(history.wsN).padStart(15)}${(history.wsN / history.ws1).toFixed(2).padStart(8)}   as the screen waits for it in the browser host: request and answer over the loopback WebSocket`);
  console.log(`  ${`history page, ${HISTORY_PAGE_SIZE} → ${CAMPAIGNS}`.padEnd(26)}${f(history.listFull).padStart(12)}${f(history.listN).padStart(15)}${(history.listN / history.listFull).toFixed(2).padStart(8)}   from a full page (${HISTORY_PAGE_SIZE} campaigns) to ${CAMPAIGNS}: what a longer history costs the screen`);
  console.log(`  ${'campaigns:list, every one'.padEnd(26)}${f(history.all1).padStart(12)}${f(history.allN).padStart(15)}${(history.allN / history.all1).toFixed(2).padStart(8)}   the whole history (the CLI's \`campaign list\`)`);
  console.log(`  ${'campaigns:get, every row'.padEnd(26)}${f(history.get1).padStart(12)}${f(history.getN).padStart(15)}${(history.getN / history.get1).toFixed(2).padStart(8)}   ${ISSUE_BEFORE.get1} → ${ISSUE_BEFORE.get12}; goal < 100`);
  console.log(`  ${'campaigns:get, 100-row page'.padEnd(26)}${f(history.page1).padStart(12)}${f(history.pageN).padStart(15)}${(history.pageN / history.page1).toFixed(2).padStart(8)}   what the campaign view asks as it scrolls; goal < 100`);
  console.log(`  ${'campaigns:create (ms)'.padEnd(26)}${f(history.createFirst).padStart(12)}${f(history.createLast).padStart(15)}${(history.createLast / history.createFirst).toFixed(2).padStart(8)}   130 → 1468`);
  console.log(`  peak RSS ${f(history.peakRss)} MB`);
}

const scenario = process.argv[2] as keyof typeof SCENARIOS | undefined;
if (scenario && scenario in SCENARIOS) await child(scenario);
else await main();
