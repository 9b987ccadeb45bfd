/**
 * Campaign snapshots: what compose confirmed — account, rendered inputs, recipients and options —
 * frozen so that later edits of the list or template do not change a campaign (DESIGN.md §3). In the
 * database: one row per campaign (with its counts by state, kept current) and one row per recipient
 * with its current delivery state. The journal stays the durable log of hand-overs; these rows are the
 * index the screens read, written in grouped transactions as progress comes and rebuilt from the
 * journal at recovery.
 */
import { randomUUID } from 'node:crypto';
import type { Attachment, CAMPAIGN_STATUSES, CampaignSummary, SmtpFailure, TemplateDraft } from '../../ipc/common/contract';
import { addressKey, type Member } from '../../lists/common/member-list';
import { DELIVERY_STATUSES, QUEUED, type DeliveryState } from '../common/delivery-state';
import type { MailroomDatabase } from '../../storage/node/database';
import type { Clock } from '../../storage/node/ports';
import { withMappedColumns, type MappedColumn } from '../../templates/common/list-placeholders';
import type { MemberFilesSnapshot } from '../../member-files/node/member-files-service';
import { cleanCampaignName } from '../common/campaign-name';
import { defaultCampaignName, processLocale } from './campaign-naming';

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
  /** The template text, and its usage type (Notice, Generic, SignIn…: which list headers go with it) when known. */
  readonly template: Pick<TemplateDraft, 'contentType' | 'subject' | 'content'> & { readonly usageType?: string };
  /** The members to send to, with their fields (the list's mapped columns not among them). */
  readonly recipients: readonly Member[];
  /** The list's columns that repeat each member's name or address: added to the fields where a message is rendered (none when absent). */
  readonly mappedColumns?: readonly MappedColumn[];
  /** Reply-To for this campaign, or empty. */
  readonly replyTo: string;
  /** Attachments (base64). */
  readonly attachments: readonly Attachment[];
  /** Pace in messages per minute. */
  readonly perMinute: number;
  /** Per-member attachments: column, folder and each recipient's files as pre-flight found them; absent when none. */
  readonly memberFiles?: MemberFilesSnapshot | undefined;
  /** Where the campaign is. */
  readonly status: (typeof CAMPAIGN_STATUSES)[number];
  /** The failure that paused it, if any. */
  readonly failure?: SmtpFailure | undefined;
  /** When a campaign waiting for the daily limit can go on, or when a scheduled one starts (ms since epoch). */
  readonly resumeAt?: number | undefined;
  /** ISO creation time. */
  readonly createdAt: string;
}

/** A campaign without its recipients (what most callers need), with their number, its name, its list's id and whether it is archived. */
export type CampaignHeader = Omit<CampaignSnapshot, 'recipients'> & {
  readonly recipientCount: number;
  readonly name: string;
  readonly listId?: string | undefined;
  readonly archivedAt?: string | undefined;
};

/** One recipient with its current state. */
export interface RecipientRecord {
  /** Position in the snapshot. */
  readonly index: number;
  /** The member as frozen. */
  readonly member: Member;
  /** Its current delivery state. */
  readonly state: DeliveryState;
}

/** Counts by delivery state. */
export type CampaignCounts = NonNullable<CampaignSummary['counts']>;

/** The campaign store. */
export interface CampaignStore {
  /** Saves a new snapshot; every recipient starts queued. */
  create(
    snapshot: Omit<CampaignSnapshot, 'id' | 'createdAt' | 'status'> & { readonly status?: CampaignSnapshot['status']; readonly name?: string; readonly listId?: string; readonly locale?: string },
  ): CampaignSnapshot;
  /** Summaries with their counts, newest first: one read of the campaigns table, no journal; all, or only those shown in the history (`current`) or archived. */
  list(which?: 'all' | 'current' | 'archived'): CampaignSummary[];
  /** One page of the summaries not archived, newest first, and how many there are: the campaigns table only (its counts per state), never the recipients. */
  page(offset: number, limit: number): { campaigns: CampaignSummary[]; total: number };
  /** One summary, or undefined. */
  summary(id: string): CampaignSummary | undefined;
  /** One snapshot with every recipient (for the engine). */
  get(id: string): CampaignSnapshot | undefined;
  /** One campaign without its recipients. */
  header(id: string): CampaignHeader | undefined;
  /** Recipients with their states, in order; a window when `offset`/`limit` are given. */
  recipients(id: string, offset?: number, limit?: number): RecipientRecord[];
  /** The `offset`-th to `offset + limit`-th recipients in one state, in order (an indexed read). */
  recipientsIn(id: string, status: DeliveryState['status'], offset: number, limit: number): RecipientRecord[];
  /** Records where a campaign is. */
  setStatus(id: string, status: CampaignSnapshot['status'], extra?: { failure?: SmtpFailure | undefined; resumeAt?: number | undefined }): CampaignSummary;
  /** Records new states of some recipients, in one transaction, and the campaign's counts with them. */
  saveStates(id: string, changes: readonly { readonly index: number; readonly state: DeliveryState }[]): void;
  /** Replaces every recipient's state (rebuilt from the journal). */
  replaceStates(id: string, states: readonly DeliveryState[]): void;
  /** Renames a campaign (the name cleaned: one line, at most 200 characters); false when it is gone. */
  rename(id: string, name: string): boolean;
  /** Archives a campaign (hidden from the history) or brings it back; false when it is gone. */
  setArchived(id: string, archived: boolean): boolean;
  /** Removes a campaign with its recipients and mailbox reports; false when it was gone already. */
  remove(id: string): boolean;
}

/** Options of the campaign store. */
export interface CampaignStoreOptions {
  /** The admin's locale, for the date in a new campaign's default name (default: this process's). */
  readonly locale?: () => string;
}

interface CampaignRow {
  readonly id: string;
  readonly account_id: string;
  readonly account_label: string;
  readonly list_name: string;
  readonly template: string;
  readonly subject: string;
  readonly reply_to: string;
  readonly attachments: string;
  readonly per_minute: number;
  readonly status: CampaignSnapshot['status'];
  readonly failure: string | null;
  readonly resume_at: number | null;
  readonly created_at: string;
  readonly recipient_count: number;
  readonly counts: string;
  readonly mapped_columns: string | null;
  readonly member_files?: string | null;
  readonly name: string;
  readonly archived_at: string | null;
  readonly list_id: string | null;
}

interface RecipientRow {
  readonly idx: number;
  readonly line: number;
  readonly email: string;
  readonly name: string;
  readonly fields: string;
  readonly state: string;
}

/** Zero counts. */
const emptyCounts = (): Record<string, number> => Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0]));

const SUMMARY_COLUMNS = 'id, account_label, list_name, subject, status, created_at, recipient_count, counts, resume_at, name, archived_at';

const summaryOf = (
  row: Pick<CampaignRow, 'id' | 'account_label' | 'list_name' | 'subject' | 'status' | 'created_at' | 'recipient_count' | 'counts' | 'resume_at' | 'name' | 'archived_at'>,
): CampaignSummary => ({
  id: row.id,
  name: row.name,
  ...(row.archived_at === null ? {} : { archivedAt: row.archived_at }),
  accountLabel: row.account_label,
  listName: row.list_name,
  subject: row.subject,
  recipients: row.recipient_count,
  status: row.status,
  createdAt: row.created_at,
  // Counts written before a state was added lack its key: it counts zero.
  counts: { ...emptyCounts(), ...(JSON.parse(row.counts) as Partial<CampaignCounts>) } as CampaignCounts,
  ...(row.status === 'scheduled' && row.resume_at !== null ? { scheduledAt: new Date(row.resume_at).toISOString() } : {}),
});

const headerOf = (row: CampaignRow): CampaignHeader => ({
  id: row.id,
  accountId: row.account_id,
  accountLabel: row.account_label,
  listName: row.list_name,
  template: JSON.parse(row.template) as CampaignSnapshot['template'],
  replyTo: row.reply_to,
  attachments: JSON.parse(row.attachments) as Attachment[],
  perMinute: row.per_minute,
  ...(row.member_files ? { memberFiles: JSON.parse(row.member_files) as MemberFilesSnapshot } : {}),
  status: row.status,
  ...(row.failure === null ? {} : { failure: JSON.parse(row.failure) as SmtpFailure }),
  ...(row.resume_at === null ? {} : { resumeAt: row.resume_at }),
  createdAt: row.created_at,
  recipientCount: row.recipient_count,
  ...(row.mapped_columns === null || row.mapped_columns === '[]' ? {} : { mappedColumns: JSON.parse(row.mapped_columns) as MappedColumn[] }),
  name: row.name,
  ...(row.list_id === null ? {} : { listId: row.list_id }),
  ...(row.archived_at === null ? {} : { archivedAt: row.archived_at }),
});

const memberOf = (row: RecipientRow): Member => ({ line: row.line, email: row.email, name: row.name, fields: JSON.parse(row.fields) as Record<string, string> });

/** Creates the campaign store over the database. */
export function createCampaignStore(database: MailroomDatabase, clock: Clock, options: CampaignStoreOptions = {}): CampaignStore {
  const { db } = database;
  const locale = options.locale ?? processLocale;
  const listOf = {
    all: db.prepare<[], CampaignRow>(`SELECT ${SUMMARY_COLUMNS} FROM campaigns ORDER BY seq DESC`),
    current: db.prepare<[], CampaignRow>(`SELECT ${SUMMARY_COLUMNS} FROM campaigns WHERE archived_at IS NULL ORDER BY seq DESC`),
    archived: db.prepare<[], CampaignRow>(`SELECT ${SUMMARY_COLUMNS} FROM campaigns WHERE archived_at IS NOT NULL ORDER BY seq DESC`),
  };
  const page = db.prepare<[number, number], CampaignRow>(`SELECT ${SUMMARY_COLUMNS} FROM campaigns WHERE archived_at IS NULL ORDER BY seq DESC LIMIT ? OFFSET ?`);
  const total = db.prepare<[], number>('SELECT count(*) FROM campaigns WHERE archived_at IS NULL').pluck();
  const summary = db.prepare<[string], CampaignRow>(`SELECT ${SUMMARY_COLUMNS} FROM campaigns WHERE id = ?`);
  const header = db.prepare<[string], CampaignRow>('SELECT * FROM campaigns WHERE id = ?');
  const recipients = db.prepare<[string], RecipientRow>('SELECT idx, line, email, name, fields, state FROM recipients WHERE campaign_id = ? ORDER BY idx');
  const window = db.prepare<[string, number, number], RecipientRow>('SELECT idx, line, email, name, fields, state FROM recipients WHERE campaign_id = ? AND idx >= ? ORDER BY idx LIMIT ?');
  const windowIn = db.prepare<[string, string, number, number], RecipientRow>(
    'SELECT idx, line, email, name, fields, state FROM recipients INDEXED BY recipients_by_state WHERE campaign_id = ? AND status = ? ORDER BY idx LIMIT ? OFFSET ?',
  );
  const insertCampaign = db.prepare(
    `INSERT INTO campaigns (id, account_id, account_label, list_name, template, subject, reply_to, attachments, per_minute, status, failure, resume_at, created_at, recipient_count, counts, mapped_columns, member_files, name, list_id)
     VALUES (@id, @accountId, @accountLabel, @listName, @template, @subject, @replyTo, @attachments, @perMinute, @status, NULL, NULL, @createdAt, @recipientCount, @counts, @mappedColumns, @memberFiles, @name, @listId)`,
  );
  const insertRecipient = db.prepare('INSERT INTO recipients (campaign_id, idx, line, email, address_key, name, fields, status, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const setStatus = db.prepare('UPDATE campaigns SET status = ?, failure = ?, resume_at = ? WHERE id = ?');
  const setState = db.prepare('UPDATE recipients SET status = ?, state = ? WHERE campaign_id = ? AND idx = ?');
  const countStates = db.prepare<[string], { status: string; n: number }>('SELECT status, count(*) AS n FROM recipients WHERE campaign_id = ? GROUP BY status');
  const currentStates = db.prepare<[string], string>('SELECT state FROM recipients WHERE campaign_id = ? ORDER BY idx').pluck();
  const setCounts = db.prepare('UPDATE campaigns SET counts = ? WHERE id = ?');
  const setName = db.prepare('UPDATE campaigns SET name = ? WHERE id = ?');
  const setArchivedAt = db.prepare('UPDATE campaigns SET archived_at = ? WHERE id = ?');
  const removeCampaign = db.prepare('DELETE FROM campaigns WHERE id = ?');
  const removeRecipients = db.prepare('DELETE FROM recipients WHERE campaign_id = ?');

  const refreshCounts = (id: string) => {
    const counts = emptyCounts();
    for (const { status, n } of countStates.all(id)) counts[status] = n;
    setCounts.run(JSON.stringify(counts), id);
  };
  const headerRow = (id: string) => header.get(id);

  const store: CampaignStore = {
    create(input) {
      const { recipients: members, name: given, listId, locale: asked, ...rest } = input;
      const snapshot: CampaignSnapshot = { ...rest, recipients: members, id: randomUUID(), status: input.status ?? 'ready', createdAt: new Date(clock.now()).toISOString() };
      const named = given === undefined ? '' : cleanCampaignName(given);
      const name = named === '' ? defaultCampaignName(snapshot.template, members[0] && withMappedColumns(members[0], snapshot.mappedColumns ?? []), snapshot.createdAt, asked ?? locale()) : named;
      const counts = { ...emptyCounts(), queued: members.length };
      const queued = JSON.stringify(QUEUED);
      database.write(() => {
        insertCampaign.run({
          id: snapshot.id,
          accountId: snapshot.accountId,
          accountLabel: snapshot.accountLabel,
          listName: snapshot.listName,
          template: JSON.stringify(snapshot.template),
          subject: snapshot.template.subject,
          replyTo: snapshot.replyTo,
          attachments: JSON.stringify(snapshot.attachments),
          perMinute: snapshot.perMinute,
          status: snapshot.status,
          createdAt: snapshot.createdAt,
          recipientCount: members.length,
          counts: JSON.stringify(counts),
          mappedColumns: JSON.stringify(snapshot.mappedColumns ?? []),
          memberFiles: snapshot.memberFiles ? JSON.stringify(snapshot.memberFiles) : null,
          name,
          listId: listId ?? null,
        });
        members.forEach((m, i) => insertRecipient.run(snapshot.id, i, m.line, m.email, addressKey(m.email), m.name, JSON.stringify(m.fields), QUEUED.status, queued));
      });
      return snapshot;
    },
    list: (which = 'all') => listOf[which].all().map(summaryOf),
    page: (offset, limit) => db.transaction(() => ({ campaigns: page.all(limit, offset).map(summaryOf), total: total.get() ?? 0 }))(),
    summary(id) {
      const row = summary.get(id);
      return row ? summaryOf(row) : undefined;
    },
    get(id) {
      return db.transaction(() => {
        const row = headerRow(id);
        if (!row) return undefined;
        const { recipientCount: _count, name: _name, listId: _listId, archivedAt: _archivedAt, ...rest } = headerOf(row);
        return { ...rest, recipients: recipients.all(id).map(memberOf) };
      })();
    },
    header(id) {
      const row = headerRow(id);
      return row ? headerOf(row) : undefined;
    },
    recipients(id, offset, limit) {
      const rows = offset === undefined && limit === undefined ? recipients.all(id) : window.all(id, offset ?? 0, limit ?? -1);
      return rows.map((row) => ({ index: row.idx, member: memberOf(row), state: JSON.parse(row.state) as DeliveryState }));
    },
    recipientsIn(id, status, offset, limit) {
      return windowIn.all(id, status, limit, offset).map((row) => ({ index: row.idx, member: memberOf(row), state: JSON.parse(row.state) as DeliveryState }));
    },
    setStatus(id, status, extra = {}) {
      database.write(() => {
        if (setStatus.run(status, extra.failure === undefined ? null : JSON.stringify(extra.failure), extra.resumeAt ?? null, id).changes === 0) throw new Error(`No campaign ${id}`);
      });
      return store.summary(id)!;
    },
    saveStates(id, changes) {
      if (changes.length === 0) return;
      database.write(() => {
        for (const { index, state } of changes) setState.run(state.status, JSON.stringify(state), id, index);
        refreshCounts(id);
      });
    },
    replaceStates(id, states) {
      database.write(() => {
        const now = currentStates.all(id);
        states.forEach((state, index) => {
          const text = JSON.stringify(state);
          if (now[index] !== text) setState.run(state.status, text, id, index);
        });
        refreshCounts(id);
      });
    },
    rename(id, name) {
      const cleaned = cleanCampaignName(name);
      if (cleaned === '') throw new TypeError('A campaign name cannot be empty.');
      return database.write(() => setName.run(cleaned, id).changes > 0);
    },
    setArchived(id, archived) {
      return database.write(() => setArchivedAt.run(archived ? new Date(clock.now()).toISOString() : null, id).changes > 0);
    },
    remove(id) {
      return database.write(() => {
        // Recipients first, by their own index: the cascade would look each one up again.
        removeRecipients.run(id);
        return removeCampaign.run(id).changes > 0;
      });
    },
  };
  return store;
}
