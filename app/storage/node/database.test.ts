/** The database: pragmas, file mode, versioned migrations from empty and step by step, and the lock refusal. */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../ipc/common/app-error';
import { BUSY_MESSAGE, DATABASE_FILE_NAME, migrate, openDatabase } from './database';
import { MIGRATIONS } from './migrations';

const dir = mkdtempSync(join(tmpdir(), 'mailroom-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]);

describe('the database', () => {
  it('opens a new file with WAL, synchronous FULL, foreign keys, a busy timeout and mode 0600', () => {
    const file = join(dir, DATABASE_FILE_NAME);
    const database = openDatabase(file);
    expect(database.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(database.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(database.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(database.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(database.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    database.write(() => database.db.prepare("INSERT INTO meta (key, value) VALUES ('k', 'v')").run());
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
    database.close();
  });

  it('takes the mapped columns out of the recipients of a campaign stored before they were kept apart: only fields that repeat every name or every address', () => {
    const database = openDatabase(':memory:', { migrateUpTo: MIGRATIONS.findIndex((m) => typeof m === 'string' && m.includes('ADD COLUMN mapped_columns')) });
    const campaign = database.db.prepare("INSERT INTO campaigns (id, account_id, account_label, list_name, template, subject, reply_to, attachments, per_minute, status, created_at, recipient_count, counts) VALUES (?, 'a', 'A', 'L', '{}', 'S', '', '[]', 60, 'ready', 'T', 0, '{}')");
    const recipient = database.db.prepare("INSERT INTO recipients (campaign_id, idx, line, email, address_key, name, fields, status, state) VALUES (?, ?, 2, ?, ?, ?, ?, 'queued', '{}')");
    for (const id of ['empty', 'legacy']) campaign.run(id);
    recipient.run('legacy', 0, 'a@x.kr', 'a@x.kr', 'A', JSON.stringify({ 2: 'two', 'a"b': 'A', mixed: 'A', 'x.y': 'q', 메일: 'a@x.kr' }));
    recipient.run('legacy', 1, 'b@x.kr', 'b@x.kr', 'B', JSON.stringify({ 2: 'two', 'a"b': 'B', mixed: 'b@x.kr', 'x.y': 'q', 메일: 'b@x.kr' }));
    migrate(database.db);
    const mapped = database.db.prepare<[string], string>('SELECT mapped_columns FROM campaigns WHERE id = ?').pluck();
    expect(JSON.parse(mapped.get('empty')!)).toEqual([]);
    expect(JSON.parse(mapped.get('legacy')!)).toEqual([{ column: 'a"b', role: 'name' }, { column: '메일', role: 'address' }]);
    const fields = database.db.prepare<[], string>("SELECT fields FROM recipients WHERE campaign_id = 'legacy' ORDER BY idx").pluck().all();
    expect(fields.map((f) => JSON.parse(f))).toEqual([{ 2: 'two', mixed: 'A', 'x.y': 'q' }, { 2: 'two', mixed: 'b@x.kr', 'x.y': 'q' }]);
    database.close();
  });

  it('migrates an empty database one version at a time, and a second run changes nothing', () => {
    const db = new Database(':memory:');
    expect(tables(db)).toEqual([]);
    for (let version = 1; version <= MIGRATIONS.length; version += 1) {
      expect(migrate(db, version)).toBe(version);
    }
    const after = tables(db);
    expect(after).toEqual(expect.arrayContaining(['lists', 'members', 'suppression', 'templates', 'drafts', 'campaigns', 'recipients', 'recipients_by_state', 'recipients_by_campaign_address', 'meta']));
    expect(migrate(db)).toBe(MIGRATIONS.length);
    expect(tables(db)).toEqual(after);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT status, count(*) FROM recipients WHERE campaign_id = 'x' GROUP BY status").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('recipients_by_state');
    const byAddress = db.prepare("EXPLAIN QUERY PLAN SELECT idx FROM recipients WHERE campaign_id = 'x' AND address_key = 'a@b.c'").all() as { detail: string }[];
    expect(byAddress.map((p) => p.detail).join(' ')).toContain('recipients_by_campaign_address');
    expect(after).not.toContain('recipients_by_address');
  });

  it('writes a new campaign into a few index pages however long the history (no index keyed by address first)', () => {
    const { db } = openDatabase(':memory:');
    const indexes = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'recipients' AND sql IS NOT NULL").all();
    for (const { sql } of indexes) expect(sql).toMatch(/\(campaign_id\b/);
  });

  it('cascades a removed list to its members (foreign keys are on)', () => {
    const { db } = openDatabase(':memory:');
    db.prepare("INSERT INTO lists (id, name, columns, mapping, rejected, source, updated_at) VALUES ('l', 'n', '[]', '{}', '[]', '{}', 't')").run();
    db.prepare("INSERT INTO members (list_id, position, line, address, name, fields) VALUES ('l', 0, 2, 'a@b.c', '', '{}')").run();
    expect(() => db.prepare("INSERT INTO members (list_id, position, line, address, name, fields) VALUES ('gone', 0, 2, 'a@b.c', '', '{}')").run()).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM lists WHERE id = 'l'").run();
    expect(db.prepare('SELECT count(*) FROM members').pluck().get()).toBe(0);
  });

  it('refuses a database written by a newer version, with a sentence', () => {
    const file = join(dir, 'newer.sqlite3');
    const raw = new Database(file);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(/newer Mailroom/);
  });

  it('a writer that cannot get the lock in time is refused with a clear sentence, and nothing half-written stays', () => {
    const file = join(dir, 'locked.sqlite3');
    const holder = openDatabase(file);
    const other = openDatabase(file, { busyTimeoutMs: 50 });
    holder.db.prepare('BEGIN IMMEDIATE').run();
    holder.db.prepare("INSERT INTO meta (key, value) VALUES ('holder', '1')").run();
    let refused: unknown;
    try {
      other.write(() => other.db.prepare("INSERT INTO meta (key, value) VALUES ('other', '1')").run());
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('storage');
    expect((refused as AppError).message).toBe(BUSY_MESSAGE);
    holder.db.prepare('COMMIT').run();
    other.write(() => other.db.prepare("INSERT INTO meta (key, value) VALUES ('other', '1')").run());
    expect(holder.db.prepare('SELECT key FROM meta ORDER BY key').pluck().all()).toEqual(['holder', 'other']);
    holder.close();
    other.close();
  });
});
