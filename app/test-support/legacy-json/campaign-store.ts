// Test support: the JSON store of the versions before the database, verbatim (writes fixtures for the one-time move).
/**
 * Campaign snapshots: what compose confirmed — account, rendered inputs, recipients and options —
 * frozen so that later edits of the list or template do not change a campaign (DESIGN.md §3). The
 * engine that sends them comes with the campaign issue.
 */
import { randomUUID } from 'node:crypto';
import type { Attachment, CAMPAIGN_STATUSES, CampaignSummary, SmtpFailure, TemplateDraft } from '../../ipc/common/contract';
import type { Member } from '../../lists/common/member-list';
import type { Clock, KeyValueStore } from '../../storage/node/ports';

/** A frozen campaign. */
export interface CampaignSnapshot {
  /** Stable id. */
  readonly id: string;
  /** Sending account id, and its label at the time. */
  readonly accountId: string;
  /** Account label at creation. */
  readonly accountLabel: string;
  /** List name at creation. */
  readonly listName: string;
  /** The template text. */
  readonly template: Pick<TemplateDraft, 'contentType' | 'subject' | 'content'>;
  /** The members to send to, with their fields. */
  readonly recipients: readonly Member[];
  /** Reply-To for this campaign, or empty. */
  readonly replyTo: string;
  /** Attachments (base64). */
  readonly attachments: readonly Attachment[];
  /** Pace in messages per minute. */
  readonly perMinute: number;
  /** Where the campaign is. */
  readonly status: (typeof CAMPAIGN_STATUSES)[number];
  /** The failure that paused it, if any. */
  readonly failure?: SmtpFailure | undefined;
  /** When a campaign waiting for the daily limit can go on (ms since epoch). */
  readonly resumeAt?: number | undefined;
  /** ISO creation time. */
  readonly createdAt: string;
}

const INDEX_KEY = 'ids';

/** The campaign store. */
export interface CampaignStore {
  /** Saves a new snapshot. */
  create(snapshot: Omit<CampaignSnapshot, 'id' | 'createdAt' | 'status'>): CampaignSnapshot;
  /** Summaries, newest first. */
  list(): CampaignSummary[];
  /** One snapshot. */
  get(id: string): CampaignSnapshot | undefined;
  /** Records where a campaign is. */
  setStatus(id: string, status: CampaignSnapshot['status'], extra?: { failure?: SmtpFailure | undefined; resumeAt?: number | undefined }): CampaignSummary;
}

/** Creates the campaign store. */
export function createCampaignStore(store: KeyValueStore, clock: Clock): CampaignStore {
  const ids = (): string[] => {
    const value = store.get(INDEX_KEY);
    return Array.isArray(value) ? (value as string[]) : [];
  };
  const get = (id: string) => store.get(`campaign:${id}`) as CampaignSnapshot | undefined;
  const summaryOf = (c: CampaignSnapshot): CampaignSummary => ({
    id: c.id,
    name: c.template.subject,
    accountLabel: c.accountLabel,
    listName: c.listName,
    subject: c.template.subject,
    recipients: c.recipients.length,
    status: c.status,
    createdAt: c.createdAt,
  });
  return {
    create(input) {
      const snapshot: CampaignSnapshot = { ...input, id: randomUUID(), status: 'ready', createdAt: new Date(clock.now()).toISOString() };
      store.set(`campaign:${snapshot.id}`, snapshot);
      store.set(INDEX_KEY, [...ids(), snapshot.id]);
      return snapshot;
    },
    list: () =>
      ids()
        .flatMap((id) => {
          const c = get(id);
          return c ? [summaryOf(c)] : [];
        })
        .reverse(),
    get,
    setStatus(id, status, extra = {}) {
      const c = get(id);
      if (!c) throw new Error(`No campaign ${id}`);
      const next: CampaignSnapshot = { ...c, status, failure: extra.failure, resumeAt: extra.resumeAt };
      store.set(`campaign:${id}`, next);
      return summaryOf(next);
    },
  };
}
