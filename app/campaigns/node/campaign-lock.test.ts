import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../ipc/common/app-error';
import { acquireCampaignLock, campaignLockFile, readCampaignLock } from './campaign-lock';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mailroom-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const busy = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a busy error');
};

/** The pid of a process that has exited (its pid is free again, or taken by an unrelated process much later). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('campaign lock', () => {
  it('is taken once: a second taker in this process is refused with busy, and a release frees it', () => {
    const lock = acquireCampaignLock(dir, 'c1');
    expect(readCampaignLock(dir, 'c1')).toMatchObject({ pid: process.pid, host: hostname(), kind: 'app' });
    expect(busy(() => acquireCampaignLock(dir, 'c1'))).toMatchObject({ code: 'busy' });
    // Another campaign is not affected.
    acquireCampaignLock(dir, 'c2').release();
    lock.release();
    expect(existsSync(campaignLockFile(dir, 'c1'))).toBe(false);
    acquireCampaignLock(dir, 'c1').release();
  });

  it('refuses while another live process holds it, naming that process', () => {
    writeFileSync(campaignLockFile(dir, 'c1'), JSON.stringify({ pid: process.ppid, host: hostname(), kind: 'cli', at: new Date().toISOString() }));
    const error = busy(() => acquireCampaignLock(dir, 'c1'));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('busy');
    expect((error as AppError).message).toContain(`the mailroom command (pid ${process.ppid})`);
  });

  it('takes over a stale lock whose process is gone', async () => {
    const pid = await deadPid();
    writeFileSync(campaignLockFile(dir, 'c1'), JSON.stringify({ pid, host: hostname(), kind: 'cli', at: '2020-01-01T00:00:00.000Z' }));
    const lock = acquireCampaignLock(dir, 'c1');
    expect(readCampaignLock(dir, 'c1')?.pid).toBe(process.pid);
    lock.release();
  });

  it('treats a fresh unreadable lock as being written (busy) and an old one as stale', () => {
    const file = campaignLockFile(dir, 'c1');
    writeFileSync(file, '');
    expect(busy(() => acquireCampaignLock(dir, 'c1'))).toMatchObject({ code: 'busy' });
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    acquireCampaignLock(dir, 'c1').release();
  });

  it('a release does not remove a lock another process has taken since', () => {
    const lock = acquireCampaignLock(dir, 'c1');
    writeFileSync(campaignLockFile(dir, 'c1'), JSON.stringify({ pid: process.ppid, host: hostname(), kind: 'app', at: new Date().toISOString() }));
    lock.release();
    expect(readCampaignLock(dir, 'c1')?.pid).toBe(process.ppid);
  });
});
