/** Lists, templates, preview, pre-flight and campaign snapshots through the real handler table. */
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read fields of many channels' outputs */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../ipc/common/dispatch';
import { handlersWithMemoryStores } from '../../test-support/testing-handlers';

const CSV = ['이름,이메일,학년,반', '김민수,minsu@school.kr,3,2', '이서연,seoyeon@school.kr,2,', '박지훈,not-an-address,1,1', '최유진,MINSU@school.kr,3,1', '정하늘,haneul@school.kr,,4', ''].join('\r\n');

async function setup() {
  const { handlers } = handlersWithMemoryStores({ clock: { now: () => Date.parse('2026-11-22T09:00:00Z') } });
  const call = async <T = unknown>(channel: string, input?: unknown): Promise<T> => {
    const result = await dispatch(handlers, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  const account = await call<{ id: string }>('accounts:save', {
    presetId: 'gmail',
    label: 'Office',
    host: 'smtp.gmail.com',
    port: 465,
    security: 'tls',
    username: 'office@school.kr',
    password: 'abcdefghijklmnop',
    fromAddress: 'office@school.kr',
    fromName: '행정실',
  });
  return { call, handlers, accountId: account.id };
}

describe('lists through the handlers', () => {
  it('inspects a CP949 file, imports it with a mapping, and reports every rejected row', async () => {
    const { call } = await setup();
    const base64 = iconv.encode(CSV, 'cp949').toString('base64');
    const inspected = await call<any>('lists:inspect', { fileName: 'members.csv', base64, encoding: 'auto' });
    expect(inspected).toMatchObject({ ok: true, table: { encoding: 'cp949', encodingDetected: true, delimiter: ',', columns: ['이름', '이메일', '학년', '반'] }, rowCount: 5, guessed: { address: 1, name: 0 } });
    const imported = await call<any>('lists:import', { fileName: 'members.csv', base64, encoding: 'auto', name: '3학년 학부모', mapping: inspected.guessed });
    expect(imported.list).toMatchObject({ name: '3학년 학부모', memberCount: 3, rejectedCount: 2, source: { kind: 'file', encoding: 'cp949' } });
    expect(imported.report.rejected.map((r: any) => [r.line, r.reason])).toEqual([
      [4, 'invalid-address'],
      [5, 'duplicate'],
    ]);
    // The import's answer carries no members: the page asks for the rows it shows.
    expect(imported.report.members).toEqual([]);
    expect(imported.report.summary.accepted).toBe(3);
    const page = await call<any>('lists:members', { listId: imported.list.id, offset: 1, limit: 5 });
    expect(page.total).toBe(3);
    expect(page.members.map((m: any) => m.line)).toEqual([3, 6]);
    expect((await call<any>('lists:members', { listId: imported.list.id, offset: 0, limit: 1 })).members).toEqual([
      { line: 2, email: 'minsu@school.kr', name: '김민수', fields: { 학년: '3', 반: '2' } },
    ]);
    const csv = await call<{ content: string }>('lists:report-csv', { id: imported.list.id });
    expect(csv.content.startsWith('\ufeffline,email,reason,detail')).toBe(true);
  });

  it('refuses a binary file and a too-large file with a reason, and changes nothing', async () => {
    const { call } = await setup();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]).toString('base64');
    expect(await call('lists:inspect', { fileName: 'x.png', base64: png, encoding: 'auto' })).toMatchObject({ ok: false, error: { error: 'binary' } });
    const big = 'A'.repeat(Math.ceil((21 * 1024 * 1024 * 4) / 3));
    expect(await call('lists:inspect', { fileName: 'big.csv', base64: big, encoding: 'auto' })).toMatchObject({ ok: false, error: { error: 'too-large' } });
    expect(await call('lists:list')).toEqual([]);
  });

  it('suppresses addresses for later imports and for pre-flight', async () => {
    const { call, accountId } = await setup();
    const pasted = await call<any>('lists:paste', { name: 'Pasted', text: '"Kim, Minsu" <minsu@school.kr>; lee@school.kr\n박지성 <park@school.kr>' });
    expect(pasted.list.memberCount).toBe(3);
    expect(await call('suppression:add', { text: 'LEE@school.kr, nonsense', reason: 'asked to stop' })).toEqual({ added: 1, invalid: ['nonsense'] });
    const report = await call<any>('compose:preflight', {
      accountId,
      listId: pasted.list.id,
      template: { inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject: 'Hello {{name}}', content: 'Dear {{name}}' } },
    });
    expect(report.willSend).toBe(2);
    expect(report.skipped).toEqual([expect.objectContaining({ email: 'lee@school.kr', reason: 'suppressed' })]);
    expect(report.emptyValues).toEqual([]);
  });
});

describe('compose through the handlers', () => {
  it('previews a member exactly, blocks unfillable members until excluded, and freezes a campaign', async () => {
    const { call, accountId } = await setup();
    const list = await call<any>('lists:import', {
      fileName: 'm.csv',
      base64: Buffer.from(CSV, 'utf8').toString('base64'),
      encoding: 'auto',
      name: 'Parents',
      mapping: { address: 1, name: 0 },
    });
    const template = await call<any>('templates:save', {
      name: 'Notice',
      usageType: 'Notice',
      contentType: 'text/html',
      subject: '{{학년}}학년 {{반}}반 안내',
      content: '<p>{{name}} 학부모님, <b>{{반}}</b>반 공지입니다.</p>',
    });
    const compose = { accountId, listId: list.list.id, template: { templateId: template.id }, replyTo: 'reply@school.kr' };
    const preview = await call<any>('compose:preview', { ...compose, memberIndex: 0 });
    expect(preview).toMatchObject({ ok: true, memberCount: 3, message: { from: '"행정실" <office@school.kr>', to: '"김민수" <minsu@school.kr>', replyTo: 'reply@school.kr', subject: '3학년 2반 안내' } });
    expect(preview.message.html).toContain('<b>2</b>');
    expect(preview.message.text).toContain('김민수 학부모님');

    const blocked = await call<any>('compose:preflight', compose);
    // 이서연 has an empty 반 (present, empty: a warning); 정하늘 has an empty 학년 — also present but empty.
    expect(blocked.unfillable).toEqual([]);
    expect(blocked.emptyValues.map((e: any) => e.email)).toEqual(['seoyeon@school.kr', 'haneul@school.kr']);
    expect(blocked.quota).toMatchObject({ dailyLimit: 500, sentLast24h: 0, fitsToday: true, perMinute: 20 });

    const withMissing = { ...compose, template: { inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject: 'Hi', content: '{{name}}: {{seat}}' } } };
    const missing = await call<any>('compose:preflight', withMissing);
    expect(missing.blocked).toBe(true);
    expect(missing.unfillable).toHaveLength(3);
    const refused = await dispatch((await setup()).handlers, 'campaigns:create', withMissing);
    expect(refused.ok).toBe(false);

    const created = await call<any>('campaigns:create', { ...compose, excluded: ['HANEUL@school.kr'] });
    expect(created.recipients).toBe(2);
    // The snapshot does not follow later edits of the template.
    await call('templates:save', { ...template, subject: 'changed' });
    expect(await call('campaigns:list')).toEqual([expect.objectContaining({ id: created.id, recipients: 2, subject: '{{학년}}학년 {{반}}반 안내', status: 'ready' })]);
  });

  it('fills every column header as written, the name and address columns too, and names the closest column when one is wrong', async () => {
    const { call, accountId } = await setup();
    const csv = ['이름,이메일,기수,회비', '김민수,minsu@school.kr,3,20000', '이서연,seoyeon@school.kr,4,0', ''].join('\r\n');
    const base64 = iconv.encode(csv, 'cp949').toString('base64');
    const inspected = await call<any>('lists:inspect', { fileName: 'members.csv', base64, encoding: 'auto' });
    const list = await call<any>('lists:import', { fileName: 'members.csv', base64, encoding: 'auto', name: '동문회', mapping: inspected.guessed });
    const inline = (subject: string, content: string) => ({ inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject, content } });
    const compose = { accountId, listId: list.list.id, template: inline('{{이름}}님, {{기수}}기 회비 안내', '{{name}}님({{이메일}}, {{email}}): {{회비}}원') };
    const preview = await call<any>('compose:preview', { ...compose, memberIndex: 1 });
    expect(preview).toMatchObject({ ok: true, message: { subject: '이서연님, 4기 회비 안내', text: '이서연님(seoyeon@school.kr, seoyeon@school.kr): 0원' } });
    expect((await call<any>('compose:preflight', compose)).blocked).toBe(false);
    const created = await call<any>('campaigns:create', compose);
    expect(created.recipients).toBe(2);

    const wrong = { ...compose, template: inline('{{이룸}}님', '{{기스}} {{seat}}') };
    const missing = await call<any>('compose:preview', { ...wrong, memberIndex: 0 });
    expect(missing).toMatchObject({ ok: false, missing: ['이룸', '기스', 'seat'], offered: ['이름', '이메일', '기수', '회비', 'name', 'email'] });
    expect(missing.hints).toEqual([
      { path: '이룸', suggestion: '이름' },
      { path: '기스', suggestion: '기수' },
      { path: 'seat', suggestion: null },
    ]);
    const report = await call<any>('compose:preflight', wrong);
    expect(report.blocked).toBe(true);
    expect(report.hints.map((h: any) => h.suggestion)).toEqual(['이름', '기수', null]);
  });

  it('estimates a finish on a later day when the send does not fit today', async () => {
    const { call, accountId } = await setup();
    const rows = ['email', ...Array.from({ length: 700 }, (_, i) => `m${i}@school.kr`)].join('\n');
    const list = await call<any>('lists:import', { fileName: 'big.csv', base64: Buffer.from(rows).toString('base64'), encoding: 'auto', name: 'Big', mapping: { address: 0, name: null } });
    const report = await call<any>('compose:preflight', { accountId, listId: list.list.id, template: { inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject: 'Hi', content: 'Hello' } } });
    expect(report.willSend).toBe(700);
    expect(report.quota.fitsToday).toBe(false);
    expect(Date.parse(report.quota.estimatedFinish)).toBeGreaterThan(Date.parse('2026-11-23T09:00:00Z'));
  });
});
