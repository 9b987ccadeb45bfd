/** "Send this notice to me" through the real handler table, nodemailer and a real SMTP server on 127.0.0.1. */
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../../e2e/fakes/smtp-sink';
import { handlersWithMemoryStores } from '../../test-support/testing-handlers';
import { callerOf, saveRelayAccount } from '../../test-support/handler-calls';

let sink: SmtpSink | undefined;
afterEach(async () => {
  await sink?.close();
  sink = undefined;
});

async function setup(dailyLimit?: number) {
  sink = await startSmtpSink({ security: 'none' });
  const { handlers } = handlersWithMemoryStores();
  const call = callerOf(handlers);
  const account = await saveRelayAccount(call, sink.port, { password: '', fromAddress: 'office@alumni.test', fromName: '동문회 사무국', ...(dailyLimit === undefined ? {} : { dailyLimit }) });
  const csv = ['이름,이메일,기수,회비', '김민수,minsu@alumni.test,3,20000', '이서연,seoyeon@alumni.test,4,15000', ''].join('\r\n');
  const list = await call('lists:import', { fileName: 'm.csv', base64: iconv.encode(csv, 'cp949').toString('base64'), encoding: 'auto', name: '동문', mapping: { address: 1, name: 0 } });
  const compose = {
    accountId: account.id,
    listId: list.list.id,
    template: { inline: { name: 'x', usageType: 'Notice', contentType: 'text/plain', subject: '{{이름}}님, {{기수}}기 회비 안내', content: '{{name}}님의 회비는 {{회비}}원입니다.' } },
  };
  return { call, handlers, compose, accountId: account.id };
}

describe('compose:send-to-me', () => {
  it('sends the chosen member’s message to the admin, subject marked, counted in the ledger, no campaign', async () => {
    const { call, compose } = await setup();
    const sent = await call('compose:send-to-me', { ...compose, memberIndex: 1, language: 'ko' });
    expect(sent).toMatchObject({ to: 'office@alumni.test', subject: '[테스트] 이서연님, 4기 회비 안내', member: 'seoyeon@alumni.test', result: { status: 'sent' } });
    expect(sink!.messages).toHaveLength(1);
    const [message] = sink!.messages;
    expect(message!.rcptTo).toEqual(['office@alumni.test']);
    expect(message!.parsed.subject).toBe('[테스트] 이서연님, 4기 회비 안내');
    expect(message!.parsed.to).toMatchObject({ value: [{ address: 'office@alumni.test' }] });
    expect(message!.parsed.text?.trim()).toBe('이서연님의 회비는 15000원입니다.');
    expect(message!.raw).not.toContain('seoyeon@alumni.test');
    const [account] = await call('accounts:list');
    expect(account.sentLast24h).toBe(1);
    expect(await call('campaigns:list')).toEqual([]);

    const english = await call('compose:send-to-me', { ...compose, memberIndex: 0, language: 'en' });
    expect(english.subject).toBe('[Test] 김민수님, 3기 회비 안내');
    expect((await call('accounts:list'))[0].sentLast24h).toBe(2);
  });

  it('holds the test back when the daily limit is reached, and sends nothing', async () => {
    const { call, compose } = await setup(1);
    expect((await call('compose:send-to-me', { ...compose, memberIndex: 0, language: 'en' })).result.status).toBe('sent');
    const held = await call('compose:send-to-me', { ...compose, memberIndex: 0, language: 'en' });
    expect(held.result).toMatchObject({ status: 'failed', failure: { diagnosis: 'daily-limit' } });
    expect(sink!.messages).toHaveLength(1);
  });
});
