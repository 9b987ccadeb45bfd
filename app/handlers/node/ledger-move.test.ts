/**
 * The send ledger of earlier versions (a conf file `ledger.json`, in memory per process, per account id)
 * moves into the database once when the app starts: written here the old way, both formats, for two
 * accounts on one login; after the restart both accounts count the sum, and a later start moves nothing again.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- the test reads fields of many channels' outputs */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../ipc/common/dispatch';
import { createNodeHandlers } from './node-composition';

const dir = mkdtempSync(join(tmpdir(), 'mailroom-ledger-move-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const PASSPHRASE = 'ledger-move-passphrase';

const caller = (handlers: Handlers) => async (channel: string, input?: unknown): Promise<any> => {
  const result = await dispatch(handlers, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
};

describe('the conf ledger moves into the database', () => {
  it('once, under each account\'s login, keeping the old file\'s value aside', async () => {
    const start = async () => caller(await createNodeHandlers({ dataDir: dir, passphrase: PASSPHRASE, emit: () => undefined, log: () => undefined, recoverCampaigns: false }));
    const first = await start();
    const save = (label: string, username: string) => first('accounts:save', { label, presetId: 'gmail', host: 'smtp.gmail.com', port: 465, security: 'tls', username, password: 'abcdabcdabcdabcd', fromAddress: 'kim.minsu@gmail.com', fromName: label });
    const home = await save('Home', 'kim.minsu@gmail.com');
    const office = await save('Office', 'KimMinsu@gmail.com');
    const other = await save('Other', 'lee@gmail.com');

    // The old ledger file, as `createSendLedger` over conf wrote it: timestamps (first format) and minute pairs.
    const now = Date.now();
    const minute = now - (now % 60_000);
    const old = {
      sent: {
        [home.id]: [now - 5 * 60_000, now - 5 * 60_000 + 10, now - 26 * 3600_000],
        [office.id]: [[minute - 30 * 60_000, 40]],
        [other.id]: [[minute - 60_000, 3]],
      },
    };
    writeFileSync(join(dir, 'ledger.json'), JSON.stringify(old), { mode: 0o600 });

    const restarted = await start();
    const counts = Object.fromEntries(((await restarted('accounts:list')) as any[]).map((a) => [a.label, a.sentLast24h]));
    expect(counts).toEqual({ Home: 42, Office: 42, Other: 3 });
    const kept = JSON.parse(readFileSync(join(dir, 'ledger.json'), 'utf8'));
    expect(kept.sent).toBeUndefined();
    expect(kept['sent-pre-sqlite']).toEqual(old.sent);

    // Put back by hand (or two processes starting at once): counted once all the same.
    writeFileSync(join(dir, 'ledger.json'), JSON.stringify(old), { mode: 0o600 });
    const again = await start();
    const countsAgain = Object.fromEntries(((await again('accounts:list')) as any[]).map((a) => [a.label, a.sentLast24h]));
    expect(countsAgain).toEqual(counts);
  }, 120_000);
});
