/**
 * Per-member attachments end to end through the handler table and a real smtp-server on loopback:
 * pre-flight by row, the preview's files, a draft that keeps the choice, a campaign created by one app
 * instance and sent by the next (the snapshot's column and folder), each member receiving exactly their
 * own files (Korean names round-trip, read back with mailparser), and a file changed after pre-flight
 * failing only its member, in the row and the CSV.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- the test reads fields of many channels' outputs */
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../../e2e/fakes/smtp-sink';
import { dispatch } from '../../ipc/common/dispatch';
import type { Handlers } from '../../ipc/common/dispatch';
import { handlersWithMemoryStores } from '../../test-support/testing-handlers';

let sink: SmtpSink;
let folder: string;
beforeAll(async () => {
  sink = await startSmtpSink({ security: 'none' });
  folder = realpathSync(mkdtempSync(join(tmpdir(), 'mailroom-own-files-')));
  // macOS writes Korean names in NFD; the list says them in NFC.
  writeFileSync(join(folder, '성적표-김민준.txt'.normalize('NFD')), '김민준 성적');
  writeFileSync(join(folder, '안내문.txt'), 'notice for 이서연');
  mkdirSync(join(folder, '영수증'));
  writeFileSync(join(folder, '영수증', '2026-이서연.txt'), 'receipt');
  writeFileSync(join(folder, 'changes.txt'), 'before');
});
afterAll(async () => {
  await sink.close();
  rmSync(folder, { recursive: true, force: true });
});

const caller = (handlers: Handlers) => async (channel: string, input?: unknown): Promise<any> => {
  const result = await dispatch(handlers, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
};

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 2400; i += 1) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('timed out waiting');
}

const CSV = [
  '이메일,이름,첨부',
  'kim@club.test,김민준,성적표-김민준.txt',
  'lee@club.test,이서연,안내문.txt; 영수증/2026-이서연.txt',
  'park@club.test,박지호,',
  'choi@club.test,최수아,없는파일.pdf',
  'jung@club.test,정하은,changes.txt',
  'han@club.test,한도윤,../escape.txt',
].join('\n');

describe('per-member attachments through the handlers', () => {
  it('checks, previews, keeps the choice in a draft, and sends each member exactly their own files', async () => {
    const first = handlersWithMemoryStores();
    const call = caller(first.handlers);
    const account = await call('accounts:save', { label: 'Relay', host: '127.0.0.1', port: sink.port, security: 'none', username: '', fromAddress: 'office@school.test', fromName: '행정실' });
    const list = await call('lists:import', { name: '동아리', fileName: 'members.csv', base64: Buffer.from(CSV, 'utf8').toString('base64'), encoding: 'auto', mapping: { address: 0, name: 1 } });
    const compose = {
      accountId: account.id,
      listId: list.list.id,
      template: { inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject: '{{이름}}님 자료', content: '{{이름}}님, 첨부를 확인하세요.' } },
      attachments: [{ fileName: '공통 안내.txt', contentType: '', base64: Buffer.from('shared').toString('base64') }],
      perMinute: 6000,
      memberFiles: { column: '첨부', folder, sendWithoutMissing: false },
    };

    // Pre-flight lists the members by row: the missing file blocks, the name outside the folder too.
    const blocked = await call('compose:preflight', compose);
    expect(blocked.blocked).toBe(true);
    expect(blocked.memberFiles.problems.map((p: any) => [p.line, p.problem, p.names])).toEqual([
      [5, 'missing', ['없는파일.pdf']],
      [7, 'outside-folder', ['../escape.txt']],
    ]);
    expect(blocked.memberFiles).toMatchObject({ withFiles: 3, files: 4, noFile: 1, folder });
    await expect(dispatch(first.handlers, 'campaigns:create', compose)).resolves.toMatchObject({ ok: false });

    // "Send without it" lets the missing file through; the name outside the folder still blocks until excluded.
    const without = { ...compose, memberFiles: { ...compose.memberFiles, sendWithoutMissing: true } };
    expect((await call('compose:preflight', without)).blocked).toBe(true);
    const ready = { ...without, excluded: ['han@club.test'] };
    const report = await call('compose:preflight', ready);
    expect(report.blocked).toBe(false);
    expect(report.willSend).toBe(5);

    // The preview shows the previewed member's own files, with sizes; the shared one stays apart.
    const preview = await call('compose:preview', { ...ready, memberIndex: 1 });
    expect(preview.message.memberFiles).toEqual([
      { fileName: '안내문.txt', size: Buffer.byteLength('notice for 이서연') },
      { fileName: '2026-이서연.txt', size: 7 },
    ]);
    expect(preview.message.attachments).toEqual([{ fileName: '공통 안내.txt', size: 6 }]);
    expect((await call('compose:preview', { ...ready, memberIndex: 3 })).message.memberFilesMissing).toEqual([{ name: '없는파일.pdf', problem: 'missing' }]);

    // A draft keeps the column and folder choice.
    await call('drafts:save', { id: 'd1', title: 'x', data: { accountId: account.id, listId: list.list.id, templateId: 'inline', inline: { contentType: 'text/plain', subject: 's', content: 'c' }, replyTo: '', excluded: [], perMinute: '', memberFiles: ready.memberFiles } });
    expect((await call('drafts:get', { id: 'd1' })).data.memberFiles).toEqual(ready.memberFiles);

    const created = await call('campaigns:create', ready);
    expect(created.recipients).toBe(5);
    // Changed between pre-flight and send: only this member fails.
    writeFileSync(join(folder, 'changes.txt'), 'after, and longer');

    // Another app instance (a restart) sends it: the snapshot's column and folder are used.
    const second = handlersWithMemoryStores({ restartOf: first });
    const again = caller(second.handlers);
    await again('campaigns:start', { id: created.id });
    const detail = await until(() => again('campaigns:get', { id: created.id }), (d: any) => d.campaign.status !== 'running');
    expect(detail.campaign.status).toBe('completed');
    expect(detail.counts).toMatchObject({ sent: 4, failed: 1 });
    const changed = detail.rows.find((r: any) => r.email === 'jung@club.test');
    expect(changed).toMatchObject({ status: 'failed', diagnosis: 'member-file' });
    expect(changed.detail).toContain('changes.txt');
    const csv = (await again('campaigns:export', { id: created.id })).content as string;
    expect(csv.split('\n').find((line) => line.includes('jung@club.test'))).toContain('changed after the pre-flight check');

    const received = new Map(sink.messages.map((m) => [m.rcptTo[0], m.parsed.attachments.map((a) => [a.filename, a.content.toString('utf8')])]));
    expect(received.get('kim@club.test')).toEqual([
      ['공통 안내.txt', 'shared'],
      ['성적표-김민준.txt', '김민준 성적'],
    ]);
    expect(received.get('lee@club.test')).toEqual([
      ['공통 안내.txt', 'shared'],
      ['안내문.txt', 'notice for 이서연'],
      ['2026-이서연.txt', 'receipt'],
    ]);
    expect(received.get('park@club.test')).toEqual([['공통 안내.txt', 'shared']]);
    expect(received.get('choi@club.test')).toEqual([['공통 안내.txt', 'shared']]);
    expect(received.has('jung@club.test')).toBe(false);
    expect(received.has('han@club.test')).toBe(false);
  });
});
