/** Two real processes (the app and the command line, say) record sends on one login: the ledger counts the sum. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openDatabase } from '../../storage/node/database';
import { systemClock } from '../../storage/node/ports';
import { createSendLedger } from './send-ledger';
import { nodeArgsFor } from '../../test-support/spawn-entry';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mailroom-ledger-two-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function recorder(accountId: string, login: string, count: number) {
  const child = spawn(process.execPath, [...nodeArgsFor('app/test-support/ledger-recorder.ts'), dir, accountId, login, String(count)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

describe('the send ledger in two processes', () => {
  it('counts both processes\' sends on one login (two accounts), and none of another login', async () => {
    const N = 300;
    const database = openDatabase(join(dir, DATABASE_FILE_NAME));
    const login = 'google|kimminsu@gmail.com';
    const [app, cli, other] = await Promise.all([recorder('home', login, N), recorder('office', login, N), recorder('naver', 'smtp.naver.com|kim', 7)]);
    for (const r of [app, cli, other]) expect(r, r.err).toMatchObject({ code: 0 });
    // Each saw at least its own sends; whichever ended last saw all of both.
    const seen = [app, cli].map((r) => Number(/done (\d+)/.exec(r.out)?.[1]));
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(N);
    expect(Math.max(...seen)).toBe(2 * N);
    const logins: Record<string, string> = { home: login, office: login, naver: 'smtp.naver.com|kim' };
    const ledger = createSendLedger(database, systemClock, { loginOf: (id) => logins[id] });
    expect(ledger.sentInLastDay('home')).toBe(2 * N);
    expect(ledger.sentInLastDay('office')).toBe(2 * N);
    expect(ledger.sentInLastDay('naver')).toBe(7);
    database.close();
  }, 120_000);
});
