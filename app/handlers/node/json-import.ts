/**
 * The one-time move from the JSON stores of earlier versions (`lists`, `templates`, `suppression`,
 * `campaigns` .json in the data folder, written by conf/electron-store) into the database. Everything
 * goes in one transaction with a mark in `meta`, so it happens once and whole; then each old file is
 * renamed to `<name>.json.pre-sqlite` (kept as the backup) and named in a log line. Campaign journals
 * stay where they are: they remain each campaign's log, and the recipients' states are read from them.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { CampaignSnapshot } from '../../campaigns/node/campaign-store';
import { journalFileFor, replay } from '../../campaigns/node/campaign-journal';
import { nameCampaignsWithoutName } from '../../campaigns/node/campaign-name-migration';
import { DELIVERY_STATUSES } from '../../campaigns/common/delivery-state';
import type { MemberList, TemplateView } from '../../ipc/common/contract';
import { addressKey } from '../../lists/common/member-list';
import type { SuppressionEntry } from '../../lists/node/suppression-store';
import type { MailroomDatabase } from '../../storage/node/database';
import type { Logger } from '../../storage/node/ports';

/** The JSON stores this moves, by file name without `.json`. */
export const LEGACY_JSON_STORES = ['lists', 'templates', 'suppression', 'campaigns'] as const;

/** The suffix of a moved file. */
export const BACKUP_SUFFIX = '.pre-sqlite';

const MARK = 'json-import';

/** What was moved. */
export interface JsonImportResult {
  /** Whether this call moved anything (false: nothing to move, or moved before). */
  readonly imported: boolean;
  /** Counts moved. */
  readonly counts: { lists: number; members: number; templates: number; suppressed: number; campaigns: number; recipients: number };
  /** The backup files (renamed originals). */
  readonly backups: readonly string[];
}

type Json = Record<string, unknown>;

const readJson = (file: string): Json | undefined => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Json) : undefined);
const idsOf = (doc: Json | undefined): string[] => (Array.isArray(doc?.['ids']) ? (doc['ids'] as string[]) : []);

/** Moves the JSON stores of `dataDir` into the database once; renames them afterwards. */
export function importJsonStores(database: MailroomDatabase, dataDir: string, journalDir: string, log: Logger, now: number = Date.now()): JsonImportResult {
  const { db } = database;
  const files = Object.fromEntries(LEGACY_JSON_STORES.map((name) => [name, join(dataDir, `${name}.json`)])) as Record<(typeof LEGACY_JSON_STORES)[number], string>;
  const present = LEGACY_JSON_STORES.filter((name) => existsSync(files[name]));
  const counts = { lists: 0, members: 0, templates: 0, suppressed: 0, campaigns: 0, recipients: 0 };
  if (present.length === 0) return { imported: false, counts, backups: [] };

  const done = db.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck().get(MARK) !== undefined;
  let imported = false;
  if (!done) {
    // Parsed before the transaction: a damaged file stops the move with nothing written and nothing renamed.
    const lists = readJson(files.lists);
    const templates = readJson(files.templates);
    const suppression = readJson(files.suppression);
    const campaigns = readJson(files.campaigns);
    database.write(() => {
      const insertList = db.prepare('INSERT INTO lists (id, name, columns, mapping, rejected, source, updated_at, version, member_count) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)');
      const insertMember = db.prepare('INSERT INTO members (list_id, position, line, address, name, fields) VALUES (?, ?, ?, ?, ?, ?)');
      for (const id of idsOf(lists)) {
        const list = lists?.[`list:${id}`] as MemberList | undefined;
        if (!list) continue;
        insertList.run(list.id, list.name, JSON.stringify(list.columns), JSON.stringify(list.mapping), JSON.stringify(list.rejected), JSON.stringify(list.source), list.updatedAt, list.members.length);
        list.members.forEach((m, position) => insertMember.run(list.id, position, m.line, m.email, m.name, JSON.stringify(m.fields)));
        counts.lists += 1;
        counts.members += list.members.length;
      }
      const insertTemplate = db.prepare('INSERT INTO templates (id, data, updated_at) VALUES (?, ?, ?)');
      for (const t of (templates?.['templates'] as TemplateView[] | undefined) ?? []) {
        insertTemplate.run(t.id, JSON.stringify(t), t.updatedAt);
        counts.templates += 1;
      }
      const insertSuppressed = db.prepare('INSERT INTO suppression (email, reason, added_at) VALUES (?, ?, ?) ON CONFLICT (email) DO NOTHING');
      for (const e of (suppression?.['suppressed'] as SuppressionEntry[] | undefined) ?? []) {
        counts.suppressed += insertSuppressed.run(e.email, e.reason, e.addedAt).changes;
      }
      const insertCampaign = db.prepare(
        `INSERT INTO campaigns (id, account_id, account_label, list_name, template, subject, reply_to, attachments, per_minute, status, failure, resume_at, created_at, recipient_count, counts)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const insertRecipient = db.prepare('INSERT INTO recipients (campaign_id, idx, line, email, address_key, name, fields, status, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
      for (const id of idsOf(campaigns)) {
        const c = campaigns?.[`campaign:${id}`] as CampaignSnapshot | undefined;
        if (!c) continue;
        const { states } = replay(journalFileFor(journalDir, c.id), c.recipients.length, now);
        const tally: Record<string, number> = Object.fromEntries(DELIVERY_STATUSES.map((s) => [s, 0]));
        for (const s of states) tally[s.status] = (tally[s.status] ?? 0) + 1;
        insertCampaign.run(
          c.id,
          c.accountId,
          c.accountLabel,
          c.listName,
          JSON.stringify(c.template),
          c.template.subject,
          c.replyTo,
          JSON.stringify(c.attachments),
          c.perMinute,
          c.status,
          c.failure === undefined ? null : JSON.stringify(c.failure),
          c.resumeAt ?? null,
          c.createdAt,
          c.recipients.length,
          JSON.stringify(tally),
        );
        c.recipients.forEach((m, i) => {
          const state = states[i]!;
          insertRecipient.run(c.id, i, m.line, m.email, addressKey(m.email), m.name, JSON.stringify(m.fields), state.status, JSON.stringify(state));
        });
        counts.campaigns += 1;
        counts.recipients += c.recipients.length;
      }
      // Named like every campaign since names came (migration 4 ran before these rows were here).
      nameCampaignsWithoutName(db);
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(MARK, JSON.stringify({ at: new Date(now).toISOString(), counts }));
    });
    imported = true;
    log(
      `[storage] moved the JSON stores into the database: ${counts.lists} lists (${counts.members} members), ${counts.templates} templates, ${counts.suppressed} suppressed addresses, ${counts.campaigns} campaigns (${counts.recipients} recipients)`,
    );
  }
  const backups = present.map((name) => {
    const plain = `${files[name]}${BACKUP_SUFFIX}`;
    const backup = existsSync(plain) ? `${plain}-${now}` : plain;
    renameSync(files[name], backup);
    log(`[storage] the old ${name} store is kept as a backup: ${backup}`);
    return backup;
  });
  return { imported, counts, backups };
}
