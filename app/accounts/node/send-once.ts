/** One message through a fresh transport of an account: the send that "Send test", "Send one message" and "Send this notice to me" share. */
import type Mail from 'nodemailer/lib/mailer';
import type { SendTestResult } from '../../ipc/common/contract';
import type { Clock } from '../../storage/node/ports';
import type { AccountCredentials, AccountRecord } from './account-record';
import { createAccountTransport, credentialSecrets } from './account-transport';
import { toSmtpFailure, type SmtpTimeouts } from './smtp-transport';

/** Sends `mail` and closes the transport: the server's reply, or the failure diagnosed with the account's secrets taken out. Never throws for SMTP errors. */
export async function sendOnce(record: AccountRecord, credentials: AccountCredentials | undefined, mail: Mail.Options, clock: Clock, timeouts?: SmtpTimeouts): Promise<SendTestResult> {
  const started = clock.now();
  const transport = createAccountTransport(record, credentials, timeouts === undefined ? {} : { timeouts });
  try {
    const info = await transport.sendMail(mail);
    return {
      status: 'sent',
      response: String(info.response ?? ''),
      // SMTP: the Message-ID header; Gmail API: the API's message id.
      messageId: String(info.messageId ?? ''),
      accepted: (info.accepted ?? []).map((a: unknown) => (typeof a === 'string' ? a : String((a as { address?: unknown }).address))),
      durationMs: clock.now() - started,
    };
  } catch (error) {
    return { status: 'failed', failure: toSmtpFailure(error, credentialSecrets(credentials), { port: record.port, security: record.security }), durationMs: clock.now() - started };
  } finally {
    transport.close();
  }
}
