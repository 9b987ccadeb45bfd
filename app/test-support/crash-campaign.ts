/**
 * The campaign, account and engine settings that the crash suite (campaign-engine.crash.test.ts) and
 * its child process (crash-child.ts) share, and the lines the child reports on stdout. Both sides
 * build the same snapshot from the member count alone, so the parent can replay the child's journal.
 */
import type { DeliverySummary } from '../campaigns/common/delivery-state';
import type { AccountRecord } from '../accounts/node/account-store';
import type { CampaignOutcome, EngineOptions } from '../campaigns/node/campaign-engine';
import { testAccount, testCampaign } from './fixtures';
import type { CampaignSnapshot } from '../campaigns/node/campaign-store';

/** The login the parent's SMTP server accepts. */
export const CRASH_USER = 'office@school.test';
/** Its password. */
export const CRASH_PASSWORD = 'pw-crash-7171';

/**
 * Engine settings of the child: two connections as in the app; a backoff long enough (0.1–0.4 s)
 * that a kill can find members waiting as `deferred`, short enough to keep the suite quick.
 */
export const CRASH_ENGINE_OPTIONS: Partial<EngineOptions> = {
  maxConnections: 2,
  backoff: { baseMs: 200, maxMs: 400, maxAttempts: 5 },
  progressIntervalMs: 50,
  timeouts: { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 10_000 },
};

/** The address of member `i`. */
export const crashEmail = (i: number): string => `m${i}@club.test`;

/** The member index of an address made by `crashEmail` (-1 for any other). */
export const crashIndexOf = (address: string): number => Number(/^m(\d+)@club\.test$/.exec(address)?.[1] ?? -1);

/** The campaign: `members` recipients, sent as fast as the server takes them. */
export function crashSnapshot(members: number): CampaignSnapshot {
  return testCampaign(members, { id: 'crash-campaign', accountId: 'acc-crash', status: 'running' }, (i, m) => ({ ...m, email: crashEmail(i) }));
}

/** The account: plain SMTP on loopback, at the parent's server. */
export function crashAccount(port: number): AccountRecord {
  return testAccount(port, CRASH_USER, { id: 'acc-crash' });
}

/** One line the child writes to stdout (JSON). */
export type CrashChildReport =
  /** The journal is open and replayed; the run starts now. */
  | { readonly event: 'ready'; readonly interrupted: readonly number[] }
  /** The run ended by itself. */
  | { readonly event: 'done'; readonly status: CampaignOutcome['status']; readonly summary: DeliverySummary };
