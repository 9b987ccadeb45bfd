/**
 * One process per campaign: a lock file `<journalDir>/<id>.lock` created with O_EXCL (`wx`), holding the
 * owner's pid, host name and kind. The app and the `mailroom` command share the journal folder, so
 * whichever starts a campaign first holds it; the other gets a `busy` error. A lock whose owner is gone
 * (same host, pid no longer alive, or an unreadable file) is stale and taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../ipc/common/app-error';

/** Who holds a campaign's lock. */
export interface CampaignLockOwner {
  /** Process id. */
  readonly pid: number;
  /** Host name of the machine (a pid means nothing on another host sharing the folder). */
  readonly host: string;
  /** Which kind of process: the app (Electron or the browser host) or the command line. */
  readonly kind: 'app' | 'cli';
  /** ISO time it was taken. */
  readonly at: string;
}

/** A held lock. */
export interface CampaignLock {
  /** Removes the lock file if this process still owns it. */
  release(): void;
}

/** The lock file of a campaign. */
export function campaignLockFile(journalDir: string, campaignId: string): string {
  return join(journalDir, `${campaignId}.lock`);
}

/** The owner written in a campaign's lock file, or undefined when there is none (or it is unreadable). */
export function readCampaignLock(journalDir: string, campaignId: string): CampaignLockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(campaignLockFile(journalDir, campaignId), 'utf8')) as Partial<CampaignLockOwner>;
    if (typeof owner.pid !== 'number' || typeof owner.host !== 'string') return undefined;
    return { pid: owner.pid, host: owner.host, kind: owner.kind === 'cli' ? 'cli' : 'app', at: String(owner.at ?? '') };
  } catch {
    return undefined;
  }
}

/** Whether the owner's process still runs (a lock from another host is taken as alive). */
export function isLockOwnerAlive(owner: CampaignLockOwner): boolean {
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The kind of process this is, for the lock file; the command line sets it at start. */
let processKind: CampaignLockOwner['kind'] = 'app';

/** Marks this process as the command line (lock files then say `cli`). */
export function setLockProcessKind(kind: CampaignLockOwner['kind']): void {
  processKind = kind;
}

/**
 * Takes the lock of a campaign, or throws `busy` naming the other process. A stale lock (owner gone) is
 * removed and taken; two processes racing for it are decided by O_EXCL.
 */
export function acquireCampaignLock(journalDir: string, campaignId: string): CampaignLock {
  const file = campaignLockFile(journalDir, campaignId);
  const owner: CampaignLockOwner = { pid: process.pid, host: hostname(), kind: processKind, at: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readCampaignLock(journalDir, campaignId);
      if (holder && holder.pid === process.pid && holder.host === owner.host) throw busyError(holder);
      if (holder && isLockOwnerAlive(holder)) throw busyError(holder);
      // Unreadable and fresh: its owner is still writing it.
      if (!holder && Date.now() - (statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0) < 10_000) throw busyError(undefined);
      // Stale (owner gone) or half-written: remove it and try again.
      rmSync(file, { force: true });
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(owner));
    } finally {
      closeSync(fd);
    }
    return {
      release: () => {
        const holder = readCampaignLock(journalDir, campaignId);
        if (holder && holder.pid === owner.pid && holder.host === owner.host && holder.at === owner.at) rmSync(file, { force: true });
      },
    };
  }
  throw busyError(readCampaignLock(journalDir, campaignId));
}

function busyError(holder: CampaignLockOwner | undefined): AppError {
  const who = holder === undefined ? 'another process' : holder.kind === 'cli' ? `the mailroom command (pid ${holder.pid})` : `the Mailroom app (pid ${holder.pid})`;
  return new AppError('busy', `This campaign is running in another process: ${who}.`, 'Wait for it to finish, or pause it there, then try again.');
}
