/** The campaign results CSV is safe to open in Excel: member data that starts like a formula is written as text. */
/* eslint-disable @typescript-eslint/no-explicit-any -- the test reads fields of many channels' outputs */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../../e2e/fakes/smtp-sink';
import { dispatch } from '../../ipc/common/dispatch';
import { handlersWithMemoryStores } from '../../test-support/testing-handlers';

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink({ security: 'none' });
});
afterAll(() => sink.close());

describe('campaign results export', () => {
  it('neutralises names, fields and addresses that start with = + - @ tab or CR', async () => {
    const { handlers } = handlersWithMemoryStores();
    const call = async (channel: string, input?: unknown): Promise<any> => {
      const result = await dispatch(handlers, channel, input);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value;
    };
    const account = await call('accounts:save', { label: 'Relay', host: '127.0.0.1', port: sink.port, security: 'none', username: '', fromAddress: 'office@school.test', fromName: 'Office' });
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
    for (let i = 0; i < 400; i += 1) {
      const detail = await call('campaigns:get', { id: created.id });
      if (detail.campaign.status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const exported = await call('campaigns:export', { id: created.id });
    const rows = Papa.parse<string[]>(exported.content.slice(1), { skipEmptyLines: true }).data;
    for (const row of rows) for (const cell of row) expect(cell, JSON.stringify(row)).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows[1]!.slice(0, 3)).toEqual(["'-a@club.test", `'=HYPERLINK("http://evil.example","x")`, "'+1"]);
    expect(rows[2]!.slice(0, 3)).toEqual(['b@club.test', "'@SUM(A1)", "'-2"]);
  });
});
