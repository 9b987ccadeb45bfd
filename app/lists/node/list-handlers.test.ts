/** Lists, templates, preview, pre-flight and campaign snapshots through the real handler table. */
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read fields of many channels' outputs */
import iconv from 'iconv-lite';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../ipc/common/dispatch';
import { handlersWithMemoryStores } from '../../test-support/testing-handlers';
import { callerOf } from '../../test-support/handler-calls';

const CSV = ['이름,이메일,학년,반', '김민수,minsu@school.kr,3,2', '이서연,seoyeon@school.kr,2,', '박지훈,not-an-address,1,1', '최유진,MINSU@school.kr,3,1', '정하늘,haneul@school.kr,,4', ''].join('\r\n');

async function setup() {
  const { handlers } = handlersWithMemoryStores({ clock: { now: () => Date.parse('2026-11-22T09:00:00Z') } });
  const call = callerOf(handlers);
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

describe('list members in pages and per-row edits', () => {
  const SEED = Number(process.env.FC_SEED ?? 20261130);
  it(`searches in SQL exactly as the page filtered, and per-row edits save what the whole-list save saved (seed ${SEED})`, async () => {
    console.log(`list paging property: fast-check seed ${SEED}`);
    const { call } = await setup();
    const names = ['Kim Minsu', '김민수', 'Lee', 'PARK Jisung', '박지훈', ''];
    const text = Array.from({ length: 40 }, (_, i) => `${names[i % names.length]} ${i} <m${i}@${i % 3 === 0 ? 'Hanbit' : 'school'}.test>`).join('\n');
    const original = await call<any>('lists:paste', { name: 'Club', text });
    const other = await call<any>('lists:paste', { name: 'Twin', text });
    const all = (await call<any>('lists:members', { listId: original.list.id, offset: 0, limit: 1000 })).members as any[];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('kim', 'HANBIT', '김', 'm1', '@school', 'nobody', ' park ', '%', '_'),
        fc.nat({ max: 45 }),
        fc.integer({ min: 1, max: 20 }),
        async (query, offset, limit) => {
          const needle = query.trim().toLowerCase();
          const expected = all.map((m, position) => ({ m, position })).filter(({ m }) => m.email.toLowerCase().includes(needle) || m.name.toLowerCase().includes(needle));
          const page = await call<any>('lists:members', { listId: original.list.id, query, offset, limit });
          expect(page.total).toBe(expected.length);
          expect(page.positions).toEqual(expected.slice(offset, offset + limit).map((e) => e.position));
          expect(page.members).toEqual(expected.slice(offset, offset + limit).map((e) => e.m));
        },
      ),
      { seed: SEED, numRuns: 40 },
    );
    const change = fc.record({
      edits: fc.uniqueArray(fc.record({ position: fc.nat({ max: 39 }), email: fc.constantFrom('new@school.test', 'm5@school.test', 'broken', ' spaced@school.test'), name: fc.constantFrom('새 이름', '') }), { selector: (e) => e.position, maxLength: 5 }),
      removed: fc.uniqueArray(fc.nat({ max: 39 }), { maxLength: 5 }),
      added: fc.array(fc.record({ email: fc.constantFrom('added@school.test', 'm7@school.test', 'x@'), name: fc.constant('추가'), fields: fc.constant({}) }), { maxLength: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(change, async ({ edits, removed, added }) => {
        for (const id of [original.list.id, other.list.id]) await call('lists:set-members', { id, members: all.map(({ email, name, fields }) => ({ email, name, fields })) });
        const before = (await call<any>('lists:members', { listId: original.list.id, offset: 0, limit: 1000 })).members as any[];
        const edited = new Map(edits.map((e) => [e.position, e]));
        const whole = before.flatMap((m, position) => (removed.includes(position) ? [] : [edited.has(position) ? { email: edited.get(position)!.email, name: edited.get(position)!.name, fields: m.fields } : { email: m.email, name: m.name, fields: m.fields }]));
        const viaEdits = await call<any>('lists:edit-members', { id: original.list.id, edits: edits.filter((e) => e.position < before.length), removed: removed.filter((p) => p < before.length), added });
        const viaWhole = await call<any>('lists:set-members', { id: other.list.id, members: [...whole, ...added] });
        expect(viaEdits.report).toEqual(viaWhole.report);
        expect(viaEdits.list.memberCount).toBe(viaWhole.list.memberCount);
        const a = await call<any>('lists:members', { listId: original.list.id, offset: 0, limit: 1000 });
        const b = await call<any>('lists:members', { listId: other.list.id, offset: 0, limit: 1000 });
        expect(a).toEqual(b);
      }),
      { seed: SEED, numRuns: 25 },
    );
    const header = await call<any>('lists:header', { id: original.list.id });
    const count = (await call<any>('lists:members', { listId: original.list.id, offset: 0, limit: 1 })).total;
    expect(header).toMatchObject({ id: original.list.id, name: 'Club', memberCount: count });
    expect(Array.isArray(header.rejected)).toBe(true);
    expect(header.members).toBeUndefined();
    const stale = await dispatch((await setup()).handlers, 'lists:edit-members', { id: original.list.id, edits: [], removed: [], added: [] });
    expect(stale.ok).toBe(false);
    expect(await dispatchEdit(call, original.list.id, count)).toMatch(new RegExp(`Row ${count + 1} is not in this list`));
  });
});

async function dispatchEdit(call: <T>(channel: string, input?: unknown) => Promise<T>, id: string, position: number): Promise<string> {
  try {
    await call('lists:edit-members', { id, edits: [{ position, email: 'a@b.test', name: '' }], removed: [], added: [] });
    return 'saved';
  } catch (error) {
    return (error as Error).message;
  }
}

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

  it('pre-flight kept between changes still follows every change of the list, suppression, exclusions and placeholders', async () => {
    const { call, accountId } = await setup();
    const list = await call<any>('lists:import', { fileName: 'm.csv', base64: Buffer.from(CSV, 'utf8').toString('base64'), encoding: 'auto', name: 'Parents', mapping: { address: 1, name: 0 } });
    const inline = (subject: string, content: string) => ({ inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject, content } });
    const check = (subject: string, content: string, excluded: string[] = []) =>
      call<any>('compose:preflight', { accountId, listId: list.list.id, template: inline(subject, content), excluded }).then((r) => ({ willSend: r.willSend, skipped: r.skipped.length, excluded: r.excluded.length, unfillable: r.unfillable.length, empty: r.emptyValues.length }));
    expect(await check('a', '{{name}}')).toEqual({ willSend: 3, skipped: 2, excluded: 0, unfillable: 0, empty: 0 });
    expect(await check('ab', '{{name}}')).toEqual({ willSend: 3, skipped: 2, excluded: 0, unfillable: 0, empty: 0 });
    expect(await check('ab', '{{name}} {{반}}')).toEqual({ willSend: 3, skipped: 2, excluded: 0, unfillable: 0, empty: 1 });
    expect(await check('ab', '{{name}} {{seat}}')).toEqual({ willSend: 0, skipped: 2, excluded: 0, unfillable: 3, empty: 0 });
    expect(await check('ab', '{{name}}', ['minsu@school.kr'])).toEqual({ willSend: 2, skipped: 2, excluded: 1, unfillable: 0, empty: 0 });
    await call('suppression:add', { text: 'haneul@school.kr', reason: '' });
    expect(await check('abc', '{{name}}', ['minsu@school.kr'])).toEqual({ willSend: 1, skipped: 3, excluded: 1, unfillable: 0, empty: 0 });
    await call('suppression:remove', { email: 'haneul@school.kr' });
    expect(await check('abcd', '{{name}}', ['minsu@school.kr'])).toEqual({ willSend: 2, skipped: 2, excluded: 1, unfillable: 0, empty: 0 });
    await call('lists:edit-members', { id: list.list.id, edits: [], removed: [0], added: [{ email: 'new@school.kr', name: '새', fields: {} }, { email: 'new2@school.kr', name: '새2', fields: {} }] });
    expect(await check('abcd', '{{name}}', ['minsu@school.kr'])).toEqual({ willSend: 4, skipped: 0, excluded: 0, unfillable: 0, empty: 0 });
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
    expect(missing).toMatchObject({ ok: false, missing: ['이룸', '기스', 'seat'], offered: ['이름', '이메일', '기수', '회비', 'name', 'email', 'unsubscribe'] });
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
