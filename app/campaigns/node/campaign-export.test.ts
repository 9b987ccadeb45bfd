/**
 * The campaign results CSV: safe to open in Excel (member data that starts like a formula is written as
 * text), and the list's name and address columns are its first two columns only, for new campaigns and
 * for those stored when the snapshot kept them among every recipient's fields.
 */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../../e2e/fakes/smtp-sink';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callerOf, saveRelayAccount, settledDetail } from '../../test-support/handler-calls';
import { handlersWithMemoryStores } from '../../test-support/testing-handlers';
import { DATABASE_FILE_NAME, openDatabase } from '../../storage/node/database';
import { MIGRATIONS } from '../../storage/node/migrations';

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink({ security: 'none' });
});
afterAll(() => sink.close());

describe('campaign results export', () => {
  it('neutralises names, fields and addresses that start with = + - @ tab or CR', async () => {
    const { handlers } = handlersWithMemoryStores();
    const call = callerOf(handlers);
    const account = await saveRelayAccount(call, sink.port);
    const csv = ['email,name,memo', '-a@club.test,"=HYPERLINK(""http://evil.example"",""x"")",+1', 'b@club.test,@SUM(A1),"-2"', 'c@club.test,"\tTab",="cmd"'].join('\r\n');
    const imported = await call('lists:import', { fileName: 'm.csv', base64: Buffer.from(csv).toString('base64'), encoding: 'auto', name: 'Club', mapping: { address: 0, name: 1 } });
    expect(imported.list.memberCount).toBe(3);
    const created = await call('campaigns:create', {
      accountId: account.id,
      listId: imported.list.id,
      template: { inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject: 'Hello', content: 'Dear member' } },
      perMinute: 6000,
    });
    await call('campaigns:start', { id: created.id });
    await settledDetail(call, created.id);
    const exported = await call('campaigns:export', { id: created.id });
    const rows = Papa.parse<string[]>(exported.content.slice(1), { skipEmptyLines: true }).data;
    for (const row of rows) for (const cell of row) expect(cell, JSON.stringify(row)).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows[1]!.slice(0, 3)).toEqual(["'-a@club.test", `'=HYPERLINK("http://evil.example","x")`, "'+1"]);
    expect(rows[2]!.slice(0, 3)).toEqual(['b@club.test', "'@SUM(A1)", "'-2"]);
  });

  const koreanCsv = ['이름,이메일,기수', '김민수,minsu@school.kr,3', '이서연,seoyeon@school.kr,4', ''].join('\r\n');
  const koreanTemplate = { contentType: 'text/plain', subject: '{{이름}}님 안내', content: '{{이름}}님({{이메일}}), {{기수}}기' };
  const sent = (to: string) => sink.messages.filter((m) => m.rcptTo[0] === to).map((m) => ({ subject: m.parsed.subject, text: m.parsed.text?.trim() }));

  it('writes the mapped name and address columns once, as the first two, and still fills {{이름}} and {{이메일}}', async () => {
    const { handlers } = handlersWithMemoryStores();
    const call = callerOf(handlers);
    const account = await saveRelayAccount(call, sink.port);
    const imported = await call('lists:import', { fileName: 'm.csv', base64: Buffer.from(koreanCsv).toString('base64'), encoding: 'auto', name: '동문회', mapping: { address: 1, name: 0 } });
    const created = await call('campaigns:create', { accountId: account.id, listId: imported.list.id, template: { inline: { name: 'x', usageType: 'Notice', ...koreanTemplate } }, perMinute: 6000 });
    await call('campaigns:start', { id: created.id });
    await settledDetail(call, created.id);
    expect(sent('minsu@school.kr')).toEqual([{ subject: '김민수님 안내', text: '김민수님(minsu@school.kr), 3기' }]);
    const rows = Papa.parse<string[]>((await call('campaigns:export', { id: created.id })).content.slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]!.slice(0, 4)).toEqual(['email', 'name', '기수', 'status']);
    expect(rows[2]!.slice(0, 4)).toEqual(['seoyeon@school.kr', '이서연', '4', 'sent']);
  });

  it('a campaign stored with the mapped columns among every recipient\'s fields exports them once and still fills them', async () => {
    // The account lives in the first instance's stores; the campaign in a database written before snapshots kept the mapped columns apart.
    const first = handlersWithMemoryStores();
    const accountId = (await saveRelayAccount(callerOf(first.handlers), sink.port)).id;
    const dataDir = mkdtempSync(join(tmpdir(), 'mailroom-legacy-'));
    const before = openDatabase(join(dataDir, DATABASE_FILE_NAME), { migrateUpTo: MIGRATIONS.findIndex((m) => typeof m === 'string' && m.includes('ADD COLUMN mapped_columns')) });
    const members = [
      { email: 'old1@school.kr', name: '김민수', fields: { 기수: '3', 이름: '김민수', 이메일: 'old1@school.kr' } },
      { email: 'old2@school.kr', name: '이서연', fields: { 기수: '4', 이름: '이서연', 이메일: 'old2@school.kr' } },
    ];
    before.write(() => {
      before.db
        .prepare(
          `INSERT INTO campaigns (id, account_id, account_label, list_name, template, subject, reply_to, attachments, per_minute, status, created_at, recipient_count, counts)
           VALUES ('legacy', ?, 'Relay', '동문회', ?, ?, '', '[]', 6000, 'ready', '2026-11-29T09:00:00.000Z', 2, '{"queued":2}')`,
        )
        .run(accountId, JSON.stringify(koreanTemplate), koreanTemplate.subject);
      members.forEach((m, i) =>
        before.db.prepare("INSERT INTO recipients (campaign_id, idx, line, email, address_key, name, fields, status, state) VALUES ('legacy', ?, ?, ?, ?, ?, ?, 'queued', '{\"status\":\"queued\"}')").run(i, i + 2, m.email, m.email, m.name, JSON.stringify(m.fields)),
      );
    });
    before.close();
    const { handlers } = handlersWithMemoryStores({ restartOf: { stores: first.stores, journalDir: first.journalDir, dataDir } });
    const call = callerOf(handlers);
    const waiting = Papa.parse<string[]>((await call('campaigns:export', { id: 'legacy' })).content.slice(1), { skipEmptyLines: true }).data;
    expect(waiting.map((row) => row.slice(0, 4))).toEqual([
      ['email', 'name', '기수', 'status'],
      ['old1@school.kr', '김민수', '3', 'queued'],
      ['old2@school.kr', '이서연', '4', 'queued'],
    ]);
    await call('campaigns:start', { id: 'legacy' });
    await settledDetail(call, 'legacy');
    expect(sent('old2@school.kr')).toEqual([{ subject: '이서연님 안내', text: '이서연님(old2@school.kr), 4기' }]);
    expect((await call('campaigns:export', { id: 'legacy' })).content.split(/\r?\n/)[0]).toBe('\ufeffemail,name,기수,status,diagnosis,reply,messageId,at,bounce,attempts');
  });
});
