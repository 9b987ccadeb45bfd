/** "Send test": one real message from an account to an address the user gives. */
import type { SendTestResult } from '../../ipc/common/contract';
import type { AccountStore } from './account-store';
import type { Clock } from '../../storage/node/ports';
import type { SmtpTimeouts } from './smtp-transport';
import { sendOnce } from './send-once';

/** Subject of the test message; the e2e suite checks it on the receiving side. */
export const TEST_SUBJECT = 'Mailroom test message / Mailroom 테스트 메일';

/** Sends the test message and reports the server's reply or the failure. Never throws for SMTP errors. */
export async function sendTestMessage(
  accounts: AccountStore,
  clock: Clock,
  accountId: string,
  to: string,
  timeouts?: SmtpTimeouts,
): Promise<SendTestResult> {
  const record = accounts.record(accountId);
  const credentials = await accounts.credentialsOf(accountId);
  return sendOnce(
    record,
    credentials,
    {
      from: { name: record.fromName, address: record.fromAddress },
      to,
      ...(record.replyTo === '' ? {} : { replyTo: record.replyTo }),
      subject: TEST_SUBJECT,
      text: [
        `This is a test message from Mailroom, sent through the account "${record.label}" (${record.host}:${record.port}).`,
        'If you can read it, this account can send your notices.',
        '',
        `Mailroom이 "${record.label}" 계정(${record.host}:${record.port})으로 보낸 테스트 메일입니다.`,
        '이 메일이 보이면 이 계정으로 공지를 보낼 수 있습니다.',
      ].join('\n'),
    },
    clock,
    timeouts,
  );
}
