/** Exports through the real handler table: listmonk and plain CSV, suppression applied, odd column names, formulas neutralised. */
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read fields of many channels' outputs */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { handlersWithMemoryStores } from '../../test-support/testing-handlers';
import { callerOf } from '../../test-support/handler-calls';
import { listmonkAttributes } from './list-export';

async function setup() {
  const { handlers } = handlersWithMemoryStores({ clock: { now: () => Date.parse('2026-11-22T09:00:00Z') } });
  return { call: callerOf(handlers) };
}

const CSV = [
  '이름,이메일,학년,address.city,address.zip,constructor,__proto__,toString,hasOwnProperty,비고',
  '김민수,minsu@school.kr,3,서울,04524,c1,p1,t1,h1,"=HYPERLINK(""http://evil.example"",""click"")"',
  '"이, 서연",seoyeon@school.kr,2,부산,,c2,p2,t2,h2,"여러 ""따옴표"""',
  '박지훈,gone@school.kr,1,대구,,c3,p3,t3,h3,@SUM(1+1)',
  '+82 Choi,choi@school.kr,1,-10,,c4,p4,t4,h4,\tTab',
].join('\r\n');

async function importList(call: Awaited<ReturnType<typeof setup>>['call']) {
  const base64 = Buffer.from(CSV).toString('base64');
  const imported = await call('lists:import', { fileName: 'm.csv', base64, encoding: 'auto', name: '3학년', mapping: { address: 1, name: 0 } });
  await call('suppression:add', { text: 'gone@school.kr', reason: '수신 거부' });
  return imported.list.id as string;
}

describe('list exports', () => {
  it('writes listmonk CSV: exact header, no BOM, Korean names, nested attributes as JSON, suppression applied; papaparse reads it back', async () => {
    const { call } = await setup();
    const id = await importList(call);
    const file = await call('lists:export', { id, format: 'listmonk' });
    expect(file).toMatchObject({ fileName: '3학년-listmonk.csv', exported: 3, suppressed: 1 });
    expect(file.content.startsWith('email,name,attributes\r\n')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(file.content, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.map((r) => r.email)).toEqual(['minsu@school.kr', 'seoyeon@school.kr', 'choi@school.kr']);
    expect(parsed.data[1]!.name).toBe('이, 서연');
    expect(parsed.data[2]!.name).toBe("'+82 Choi");
    const attributes = JSON.parse(parsed.data[0]!.attributes!);
    expect(attributes).toEqual({ 학년: '3', address: { city: '서울', zip: '04524' }, constructor: 'c1', ['__proto__']: 'p1', toString: 't1', hasOwnProperty: 'h1', 비고: '=HYPERLINK("http://evil.example","click")' });
    expect(Object.hasOwn(attributes, '__proto__')).toBe(true);
    expect(JSON.parse(parsed.data[1]!.attributes!).비고).toBe('여러 "따옴표"');
  });

  it('writes plain CSV with a BOM, every column, suppression applied and formula cells neutralised', async () => {
    const { call } = await setup();
    const id = await importList(call);
    const file = await call('lists:export', { id, format: 'csv' });
    expect(file.content.startsWith('\ufeffemail,name,학년,address.city,address.zip,constructor,__proto__,toString,hasOwnProperty,비고\r\n')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(file.content.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.data).toHaveLength(3);
    expect(parsed.data[0]!['비고']).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(parsed.data[2]!.name).toBe("'+82 Choi");
    expect(parsed.data[2]!['address.city']).toBe("'-10");
    expect(parsed.data[2]!['비고']).toBe('Tab');
    expect(parsed.data[0]!.constructor).toBe('c1');
    for (const row of parsed.data) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('exports the suppression list for listmonk (blocklist mode) and as plain CSV', async () => {
    const { call } = await setup();
    await call('suppression:add', { text: 'a@x.kr, -b@y.kr', reason: '=cmd|"/c calc"!A1' });
    const listmonk = await call('suppression:export', { format: 'listmonk' });
    const rows = Papa.parse<Record<string, string>>(listmonk.content, { header: true, skipEmptyLines: true }).data;
    expect(listmonk).toMatchObject({ fileName: 'suppression-listmonk-blocklist.csv', exported: 2 });
    expect(rows.map((r) => r.email).sort()).toEqual(["'-b@y.kr", 'a@x.kr']);
    expect(JSON.parse(rows[0]!.attributes!)).toMatchObject({ mailroom_reason: '=cmd|"/c calc"!A1' });
    const plain = await call('suppression:export', { format: 'csv' });
    expect(plain.content.startsWith('\ufeffemail,reason,addedAt\r\n')).toBe(true);
    expect(plain.content).toContain(`'=cmd|""/c calc""!A1`);
  });

  it('keeps a flat column when a dotted one would clash with it', () => {
    expect(listmonkAttributes({ a: '1', 'a.b': '2', 'x.y.z': '3', 'x.y': '4' })).toEqual({ a: '1', 'a.b': '2', x: { y: { z: '3' } }, 'x.y': '4' });
  });
});

describe('column names that are Object.prototype names', () => {
  it('are ordinary columns through import, get, edits, preview, pre-flight, campaign and export', async () => {
    const { call } = await setup();
    const account = await call('accounts:save', { presetId: 'custom', label: 'Relay', host: '127.0.0.1', port: 2525, security: 'none', username: 'office@school.kr', password: 'secret-password', fromAddress: 'office@school.kr', fromName: '행정실' });
    const id = await importList(call);
    const got = await call('lists:get', { id });
    expect(got.members[0].fields).toMatchObject({ constructor: 'c1', toString: 't1', hasOwnProperty: 'h1' });
    expect(Object.hasOwn(got.members[0].fields, '__proto__')).toBe(true);
    expect(got.members[0].fields['__proto__']).toBe('p1');

    const members = JSON.parse(JSON.stringify(got.members)).map((m: any) => ({ email: m.email, name: m.name, fields: m.fields }));
    members[0].fields['toString'] = 'edited';
    await call('lists:set-members', { id, members });
    // The saved list, read back the way the members table reads it (a page).
    const edited = await call('lists:members', { listId: id, offset: 0, limit: 10 });
    expect(edited.members[0].fields).toMatchObject({ toString: 'edited', constructor: 'c1' });
    expect(Object.hasOwn(edited.members[0].fields, '__proto__')).toBe(true);
    expect(({} as any).polluted).toBeUndefined();

    const input = { accountId: account.id, listId: id, template: { inline: { name: 'T', usageType: 'generic', contentType: 'text/plain', subject: '{{constructor}} {{__proto__}}', content: '{{toString}} {{hasOwnProperty}} {{valueOf}}' } }, excluded: [], attachments: [], memberIndex: 0 };
    const preview = await call('compose:preview', input);
    expect(preview).toMatchObject({ ok: false, missing: ['valueOf'] });
    const preflight = await call('compose:preflight', input);
    expect(preflight.unfillable).toHaveLength(3);
    expect(preflight.unfillable[0].missing).toEqual(['valueOf']);
    const filled = { ...input, template: { inline: { ...input.template.inline, content: '{{toString}} {{hasOwnProperty}}' } } };
    const rendered = await call('compose:preview', filled);
    expect(rendered.ok).toBe(true);
    expect(JSON.stringify(rendered.message)).toContain('c1 p1');
    expect(JSON.stringify(rendered.message)).toContain('edited h1');
    const created = await call('campaigns:create', filled);
    expect(created.recipients).toBe(3);
    const exported = await call('lists:export', { id, format: 'csv' });
    expect(exported.content).toContain('__proto__');
    expect(({} as any).c1).toBeUndefined();
  });
});
