/** Migration 4 from a database at the previous version: old campaigns get the name new ones get. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../storage/node/database';
import { MIGRATIONS } from '../../storage/node/migrations';
import { nameDate } from '../common/campaign-name';
import { createCampaignStore } from './campaign-store';
import { nameCampaignsWithoutName } from './campaign-name-migration';
import { processLocale } from './campaign-naming';

const dir = mkdtempSync(join(tmpdir(), 'mailroom-names-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The version before names: where the campaigns table has no name, archived_at or list_id. */
const BEFORE_NAMES = MIGRATIONS.findIndex((m) => typeof m !== 'string');

function insertOldCampaign(db: ReturnType<typeof openDatabase>['db'], id: string, subject: string, createdAt: string, members: readonly { email: string; name: string; fields: Record<string, string> }[]): void {
  db.prepare(
    `INSERT INTO campaigns (id, account_id, account_label, list_name, template, subject, reply_to, attachments, per_minute, status, created_at, recipient_count, counts)
     VALUES (?, 'a1', 'Relay', '동문회', ?, ?, '', '[]', 10, 'completed', ?, ?, '{}')`,
  ).run(id, JSON.stringify({ contentType: 'text/plain', subject, content: 'x' }), subject, createdAt, members.length);
  members.forEach((m, i) =>
    db.prepare("INSERT INTO recipients (campaign_id, idx, line, email, address_key, name, fields, status, state) VALUES (?, ?, ?, ?, ?, ?, ?, 'sent', '{}')").run(id, i, i + 2, m.email, m.email, m.name, JSON.stringify(m.fields)),
  );
}

describe('campaign names in a database of the previous version', () => {
  it('names every old campaign by its first member’s subject and its date; new columns start empty', () => {
    expect(BEFORE_NAMES).toBeGreaterThan(0);
    const file = join(dir, 'old.sqlite3');
    const old = openDatabase(file, { migrateUpTo: BEFORE_NAMES });
    expect(old.db.pragma('user_version', { simple: true })).toBe(BEFORE_NAMES);
    old.write(() => {
      insertOldCampaign(old.db, 'c1', '{{이름}}님께 {{기수}}기 총회 안내', '2026-10-01T03:00:00.000Z', [
        { email: 'kim@club.test', name: '김철수', fields: { 이름: '김철수', 기수: '12' } },
        { email: 'lee@club.test', name: '이영희', fields: { 이름: '이영희', 기수: '13' } },
      ]);
      // No members, and a placeholder the member cannot fill: the subject as written.
      insertOldCampaign(old.db, 'c2', 'Hello {{name}}', '2026-10-02T03:00:00.000Z', []);
      insertOldCampaign(old.db, 'c3', 'Dues {{회비}}', '2026-10-03T03:00:00.000Z', [{ email: 'x@club.test', name: 'X', fields: {} }]);
    });
    old.close();

    const database = openDatabase(file);
    expect(database.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const store = createCampaignStore(database, { now: () => Date.now() });
    const byId = new Map(store.list().map((c) => [c.id, c]));
    const day = (iso: string) => nameDate(iso, processLocale());
    expect(byId.get('c1')?.name).toBe(`김철수님께 12기 총회 안내 · ${day('2026-10-01T03:00:00.000Z')}`);
    expect(byId.get('c2')?.name).toBe(`Hello {{name}} · ${day('2026-10-02T03:00:00.000Z')}`);
    expect(byId.get('c3')?.name).toBe(`Dues {{회비}} · ${day('2026-10-03T03:00:00.000Z')}`);
    expect([...byId.values()].every((c) => c.archivedAt === undefined)).toBe(true);
    expect(store.header('c1')?.listId).toBeUndefined();
    database.close();
  });

  it('names in the locale asked for, and only campaigns without a name', () => {
    const database = openDatabase(':memory:');
    database.write(() => insertOldCampaign(database.db, 'c1', '{{name}}님께', '2026-11-30T03:00:00.000Z', [{ email: 'kim@club.test', name: '김철수', fields: {} }]));
    expect(nameCampaignsWithoutName(database.db, 'ko')).toBe(1);
    const store = createCampaignStore(database, { now: () => Date.now() });
    expect(store.summary('c1')?.name).toBe(`김철수님께 · ${nameDate('2026-11-30T03:00:00.000Z', 'ko')}`);
    store.rename('c1', '총회');
    expect(nameCampaignsWithoutName(database.db, 'en')).toBe(0);
    expect(store.summary('c1')?.name).toBe('총회');
  });
});
