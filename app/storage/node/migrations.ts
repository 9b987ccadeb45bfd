/**
 * The schema, as numbered migrations: migration N brings `PRAGMA user_version` from N to N + 1. Never
 * edit a migration that has shipped; add the next one. A migration is SQL, or a function for the steps
 * SQL cannot take (rendering a template).
 */
import type Database from 'better-sqlite3';
import { nameCampaignsWithoutName } from '../../campaigns/node/campaign-name-migration';

/** One migration: SQL, or a function run in the migration's transaction. */
export type Migration = string | ((db: Database.Database) => void);

/** Every migration, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  // 1: lists and members, suppression, templates, drafts, campaigns and their recipients; meta facts.
  `
  CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE lists (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    columns TEXT NOT NULL,
    mapping TEXT NOT NULL,
    rejected TEXT NOT NULL,
    source TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    member_count INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE members (
    list_id TEXT NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    line INTEGER NOT NULL,
    address TEXT NOT NULL,
    name TEXT NOT NULL,
    fields TEXT NOT NULL,
    PRIMARY KEY (list_id, position)
  ) WITHOUT ROWID;
  CREATE TABLE suppression (
    email TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    added_at TEXT NOT NULL
  );
  CREATE INDEX suppression_by_time ON suppression (added_at);
  CREATE TABLE templates (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    data TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE drafts (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    data TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX drafts_by_time ON drafts (updated_at);
  CREATE TABLE campaigns (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    account_id TEXT NOT NULL,
    account_label TEXT NOT NULL,
    list_name TEXT NOT NULL,
    template TEXT NOT NULL,
    subject TEXT NOT NULL,
    reply_to TEXT NOT NULL,
    attachments TEXT NOT NULL,
    per_minute REAL NOT NULL,
    status TEXT NOT NULL,
    failure TEXT,
    resume_at INTEGER,
    created_at TEXT NOT NULL,
    recipient_count INTEGER NOT NULL,
    counts TEXT NOT NULL
  );
  CREATE TABLE recipients (
    campaign_id TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    line INTEGER NOT NULL,
    email TEXT NOT NULL,
    address_key TEXT NOT NULL,
    name TEXT NOT NULL,
    fields TEXT NOT NULL,
    status TEXT NOT NULL,
    state TEXT NOT NULL,
    PRIMARY KEY (campaign_id, idx)
  ) WITHOUT ROWID;
  CREATE INDEX recipients_by_state ON recipients (campaign_id, status);
  CREATE INDEX recipients_by_address ON recipients (address_key);
  `,
  // 2: the by-address index moves under its campaign. Keyed by address first, every new campaign
  // inserted one entry into each leaf of an index as large as the whole history, so campaigns:create
  // grew with history; (campaign_id, address_key) puts a campaign's entries side by side.
  `
  DROP INDEX recipients_by_address;
  CREATE INDEX recipients_by_campaign_address ON recipients (campaign_id, address_key);
  `,
  // 3: the mailbox watcher: reports recorded (idempotent on their id; unsubscribe requests wait for
  // review there), and per account its position in each mailbox and the keys of handled reports.
  `
  CREATE TABLE mailbox_reports (
    report_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    campaign_id TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    email TEXT NOT NULL,
    data TEXT NOT NULL,
    reported_at TEXT NOT NULL,
    review TEXT NOT NULL,
    reviewed_at TEXT
  );
  CREATE INDEX mailbox_reports_by_review ON mailbox_reports (kind, review, reported_at);
  CREATE INDEX mailbox_reports_by_campaign ON mailbox_reports (campaign_id, idx);
  CREATE TABLE mailbox_positions (
    account_id TEXT NOT NULL,
    mailbox TEXT NOT NULL,
    uid_validity TEXT NOT NULL,
    last_uid INTEGER NOT NULL,
    PRIMARY KEY (account_id, mailbox)
  ) WITHOUT ROWID;
  CREATE TABLE mailbox_handled (
    account_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    key TEXT NOT NULL,
    PRIMARY KEY (account_id, seq)
  ) WITHOUT ROWID;
  `,
  // 4: a campaign records its list's mapped columns (the name and address columns under their own
  // headers, for `{{이름}}`) once, instead of in every recipient's fields; they are added where a
  // message is rendered. A campaign created before this kept them in the fields: a field that repeats
  // every recipient's name (or every address) is taken out of the fields and recorded as mapped.
  `
  ALTER TABLE campaigns ADD COLUMN mapped_columns TEXT;
  CREATE TEMP TABLE repeated_fields AS
    SELECT first.campaign_id AS campaign_id, field.key AS col, max(roles.role) AS role
    FROM recipients first, json_each(first.fields) field, (SELECT 'name' AS role UNION ALL SELECT 'address') roles
    WHERE first.idx = 0
      AND field.type = 'text'
      AND field.value = CASE roles.role WHEN 'name' THEN first.name ELSE first.email END
      AND NOT EXISTS (
        SELECT 1 FROM recipients other
        WHERE other.campaign_id = first.campaign_id
          AND NOT EXISTS (
            SELECT 1 FROM json_each(other.fields) same
            WHERE same.key = field.key AND same.type = 'text' AND same.value = CASE roles.role WHEN 'name' THEN other.name ELSE other.email END
          )
      )
    GROUP BY first.campaign_id, field.key;
  UPDATE campaigns SET mapped_columns = (
    SELECT json_group_array(json_object('column', col, 'role', role) ORDER BY role DESC, col) FROM repeated_fields WHERE repeated_fields.campaign_id = campaigns.id
  );
  UPDATE recipients SET fields = (
    SELECT json_group_object(kept.key, kept.value ORDER BY kept.id) FROM json_each(recipients.fields) kept
    WHERE kept.key NOT IN (SELECT col FROM repeated_fields WHERE repeated_fields.campaign_id = recipients.campaign_id)
  )
  WHERE campaign_id IN (SELECT campaign_id FROM repeated_fields);
  DROP TABLE repeated_fields;
  `,
  // 5: per-member attachments: the column, the folder and each recipient's files a campaign was created with (JSON, or NULL).
  `
  ALTER TABLE campaigns ADD COLUMN member_files TEXT;
  `,
  // 6: the send ledger per login (moved from the conf file `ledger`): sends per minute, and the
  // provider's own word that the daily limit is reached (its reply, when, and when sending can go on).
  `
  CREATE TABLE send_ledger (
    login TEXT NOT NULL,
    minute INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (login, minute)
  ) WITHOUT ROWID;
  CREATE TABLE provider_limits (
    login TEXT PRIMARY KEY,
    reply TEXT NOT NULL,
    replied_at INTEGER NOT NULL,
    resume_at INTEGER NOT NULL,
    basis TEXT NOT NULL
  );
  `,
  // 7: campaign names (the subject as the first member got it, then the date; old campaigns named the
  // same way, in this process's locale), archived campaigns, and the list a campaign was sent to (for
  // "duplicate into a draft").
  (db) => {
    db.exec(`
      ALTER TABLE campaigns ADD COLUMN name TEXT NOT NULL DEFAULT '';
      ALTER TABLE campaigns ADD COLUMN archived_at TEXT;
      ALTER TABLE campaigns ADD COLUMN list_id TEXT;
    `);
    nameCampaignsWithoutName(db);
  },
];
