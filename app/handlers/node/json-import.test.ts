/** The one-time move of the JSON stores into the database, over files written by the JSON stores themselves. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createConfStore } from '../../storage/node/conf-store';
import { DATABASE_FILE_NAME, openDatabase } from '../../storage/node/database';
import { createListStore as createLegacyListStore } from '../../test-support/legacy-json/list-store';
import { createSuppressionStore as createLegacySuppressionStore } from '../../test-support/legacy-json/suppression-store';
import { createTemplateStore as createLegacyTemplateStore } from '../../test-support/legacy-json/template-store';
import { createCampaignStore as createLegacyCampaignStore } from '../../test-support/legacy-json/campaign-store';
import { createListStore } from '../../lists/node/list-store';
import { createSuppressionStore } from '../../lists/node/suppression-store';
import { createTemplateStore } from '../../templates/node/template-store';
import { createCampaignStore } from '../../campaigns/node/campaign-store';
import { nameDate } from '../../campaigns/common/campaign-name';
import { processLocale } from '../../campaigns/node/campaign-naming';
import { journalFileFor, openCampaignJournal } from '../../campaigns/node/campaign-journal';
import { handlersWithMemoryStores } from '../../test-support/testing-handlers';
import { dispatch } from '../../ipc/common/dispatch';
import { BACKUP_SUFFIX, importJsonStores, LEGACY_JSON_STORES } from './json-import';

const root = mkdtempSync(join(tmpdir(), 'mailroom-json-import-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let tick = Date.parse('2026-03-01T09:00:00Z');
const clock = { now: () => (tick += 1000) };

/** Writes a data folder the way the JSON-store versions did: two lists, templates, suppression, two campaigns with journals. */
async function writeLegacyFolder(dataDir: string) {
  const journalDir = join(dataDir, 'journals');
  const lists = createLegacyListStore(createConfStore(dataDir, 'lists'), clock);
  const members = Array.from({ length: 250 }, (_, i) => ({ line: i + 2, email: `회원${i}@school.kr`, name: `이름 ${i}`, fields: { 학년: String(i % 6), note: i % 7 === 0 ? '' : `n${i}` } }));
  const big = lists.save({ name: '학부모', columns: ['이메일', '이름', '학년', 'note'], mapping: { address: 0, name: 1 }, members, rejected: [{ line: 300, email: 'bad', reason: 'invalid-address', detail: 'x' }], source: { kind: 'file', fileName: 'a.csv', encoding: 'cp949' } });
  const small = lists.save({ name: 'Pasted', columns: ['email', 'name'], mapping: { address: 0, name: 1 }, members: members.slice(0, 2), rejected: [], source: { kind: 'paste' } });
  const templates = createLegacyTemplateStore(createConfStore(dataDir, 'templates'), clock);
  templates.save({ name: '안내', usageType: 'Notice', contentType: 'text/html', subject: '{{name}}님께', content: '<p>안녕하세요</p>' } as never);
  templates.save({ name: 'Plain', usageType: 'Notice', contentType: 'text/plain', subject: 'Hi', content: 'Hello' } as never);
  const suppression = createLegacySuppressionStore(createConfStore(dataDir, 'suppression'), clock);
  suppression.add(['Gone@Example.com', 'left@example.com'], 'unsubscribed');
  suppression.add(['bounced@example.com'], '550 5.1.1 no such user');
  const campaigns = createLegacyCampaignStore(createConfStore(dataDir, 'campaigns'), clock);
  const base = { accountId: 'acc', accountLabel: 'Office', listName: '학부모', template: { contentType: 'text/plain' as const, subject: 'S', content: 'C' }, replyTo: '', attachments: [], perMinute: 60 };
  const done = campaigns.create({ ...base, recipients: members.slice(0, 40) });
  campaigns.setStatus(done.id, 'paused', { failure: { diagnosis: 'auth-app-password-required', code: 'EAUTH', responseCode: 534, message: 'Invalid login' } });
  const fresh = campaigns.create({ ...base, recipients: members.slice(0, 5) });
  const { journal } = await openCampaignJournal(journalFileFor(journalDir, done.id), 40, clock.now());
  await journal.append(Array.from({ length: 30 }, (_, i) => ({ i, s: { status: 'sent' as const, messageId: `<m${i}@x>`, response: '250 ok', at: clock.now(), attempt: 1 } })));
  await journal.append([{ i: 30, s: { status: 'sending', attempt: 1, messageId: '<m30@x>', at: clock.now() } }]);
  await journal.close();
  // What the JSON stores answer now, before their files are moved away.
  const expected = {
    big: lists.get(big.id),
    small: lists.get(small.id),
    summaries: lists.summaries(),
    templates: templates.list(),
    suppression: suppression.list(),
    campaigns: campaigns.list(),
    snapshots: [done.id, fresh.id].map((id) => JSON.parse(JSON.stringify(campaigns.get(id))) as unknown),
  };
  return { journalDir, expected, ids: { big: big.id, small: small.id, done: done.id, fresh: fresh.id } };
}

describe('moving the JSON stores into the database', () => {
  it('moves lists, templates, suppression and campaigns once, nothing lost, and keeps the old files as named backups', async () => {
    const dataDir = join(root, 'a');
    const legacy = await writeLegacyFolder(dataDir);
    const lines: string[] = [];
    const database = openDatabase(join(dataDir, DATABASE_FILE_NAME));
    const result = importJsonStores(database, dataDir, legacy.journalDir, (l) => lines.push(l), clock.now());
    expect(result.counts).toEqual({ lists: 2, members: 252, templates: 2, suppressed: 3, campaigns: 2, recipients: 45 });

    const lists = createListStore(database, clock);
    expect(lists.get(legacy.ids.big)).toEqual(legacy.expected.big);
    expect(lists.get(legacy.ids.small)).toEqual(legacy.expected.small);
    expect(lists.summaries()).toEqual(legacy.expected.summaries);
    expect(createTemplateStore(database, clock).list()).toEqual(legacy.expected.templates);
    expect(createSuppressionStore(database, clock).list()).toEqual(legacy.expected.suppression);
    const campaigns = createCampaignStore(database, clock);
    expect([legacy.ids.done, legacy.ids.fresh].map((id) => campaigns.get(id))).toEqual(legacy.expected.snapshots);
    // Moved campaigns are named as every campaign is: the subject as the first member got it, and the date.
    expect(campaigns.list().map(({ counts: _c, name: _n, ...s }) => s)).toEqual(legacy.expected.campaigns.map(({ name: _n, ...s }) => s));
    expect(campaigns.list().map((c) => c.name)).toEqual(legacy.expected.campaigns.map((c) => `${c.subject} · ${nameDate(c.createdAt, processLocale())}`));
    expect(campaigns.summary(legacy.ids.done)?.counts).toMatchObject({ sent: 30, unknown: 1, queued: 9 });
    expect(campaigns.recipients(legacy.ids.done)[30]?.state).toMatchObject({ status: 'unknown', messageId: '<m30@x>' });

    for (const name of LEGACY_JSON_STORES) {
      expect(existsSync(join(dataDir, `${name}.json`))).toBe(false);
      expect(existsSync(join(dataDir, `${name}.json${BACKUP_SUFFIX}`))).toBe(true);
      expect(lines.some((l) => l.includes(join(dataDir, `${name}.json${BACKUP_SUFFIX}`)))).toBe(true);
    }
    expect(existsSync(journalFileFor(legacy.journalDir, legacy.ids.done))).toBe(true);

    // Once: a stray old file (restored by hand) is set aside again, not moved twice.
    writeFileSync(join(dataDir, 'templates.json'), readFileSync(join(dataDir, `templates.json${BACKUP_SUFFIX}`)));
    const again = importJsonStores(database, dataDir, legacy.journalDir, () => undefined, clock.now());
    expect(again.imported).toBe(false);
    expect(createTemplateStore(database, clock).list()).toHaveLength(2);
    expect(existsSync(join(dataDir, 'templates.json'))).toBe(false);
    database.close();
  });

  it('the app opened on an old data folder shows the same lists, templates and history', async () => {
    const dataDir = join(root, 'b');
    const legacy = await writeLegacyFolder(dataDir);
    const { handlers } = handlersWithMemoryStores({ restartOf: { stores: new Map(), journalDir: legacy.journalDir, dataDir } });
    const call = async (channel: string, input?: unknown): Promise<unknown> => {
      const result = await dispatch(handlers, channel, input);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value;
    };
    expect(await call('lists:list')).toEqual(legacy.expected.summaries);
    expect(await call('templates:list')).toEqual(legacy.expected.templates);
    expect(await call('suppression:list')).toEqual(legacy.expected.suppression);
    const history = (await call('campaigns:list')) as { id: string; counts: Record<string, number> }[];
    expect(history.map((c) => c.id)).toEqual([legacy.ids.fresh, legacy.ids.done]);
    const detail = (await call('campaigns:get', { id: legacy.ids.done })) as { rows: { status: string; email: string }[] };
    expect(detail.rows).toHaveLength(40);
    expect(detail.rows[30]).toMatchObject({ status: 'unknown', email: '회원30@school.kr' });
  });

  it('a damaged JSON file stops the move with nothing written and nothing renamed', async () => {
    const dataDir = join(root, 'c');
    await writeLegacyFolder(dataDir);
    writeFileSync(join(dataDir, 'suppression.json'), '{"suppressed": [');
    const database = openDatabase(join(dataDir, DATABASE_FILE_NAME));
    expect(() => importJsonStores(database, dataDir, join(dataDir, 'journals'), () => undefined)).toThrow();
    expect(database.db.prepare('SELECT count(*) FROM lists').pluck().get()).toBe(0);
    for (const name of LEGACY_JSON_STORES) expect(existsSync(join(dataDir, `${name}.json`))).toBe(true);
    database.close();
  });
});
