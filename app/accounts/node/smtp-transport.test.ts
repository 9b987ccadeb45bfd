/**
 * What the server learns of the machine at EHLO: never its host name, whatever it is, unless the
 * account sets a name itself. Real nodemailer transports against a real smtp-server on loopback.
 */
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testAccount } from '../../test-support/fixtures';
import { createAccountTransport } from './account-transport';
import { createSmtpTransport, ehloNameOf, NEUTRAL_EHLO_NAME } from './smtp-transport';

let server: SMTPServer;
let port: number;
let greetings: string[];
beforeEach(async () => {
  greetings = [];
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    disableReverseLookup: true,
    logger: false,
    onMailFrom(_address, session, callback) {
      greetings.push(session.hostNameAppearsAs);
      callback();
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
  // A Mac's name, as nodemailer would announce it by default (it contains a dot).
  vi.spyOn(os, 'hostname').mockReturnValue('Kims-MacBook-Pro.local');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const mail = { from: 'office@school.test', to: 'kim@example.test', subject: 'Hi', text: 'Hi' };

describe('EHLO name', () => {
  it('is the neutral name by default, for a single and for the pooled transport, never the host name', async () => {
    expect(os.hostname()).toBe('Kims-MacBook-Pro.local');
    const single = createSmtpTransport(testAccount(port, ''), undefined);
    await single.sendMail(mail);
    single.close();
    const pooled = createAccountTransport(testAccount(port, ''), undefined, { pool: true, maxConnections: 2 });
    await Promise.all([pooled.sendMail(mail), pooled.sendMail(mail)]);
    pooled.close();
    expect(greetings.length).toBe(3);
    expect(new Set(greetings)).toEqual(new Set([NEUTRAL_EHLO_NAME]));
    expect(greetings.join(' ')).not.toContain('Kims');
  });

  it("is the account's own name when it sets one (control characters and spaces dropped)", async () => {
    const transport = createSmtpTransport(testAccount(port, '', { ehloName: 'mail.school.test' }), undefined);
    await transport.sendMail(mail);
    transport.close();
    expect(greetings).toEqual(['mail.school.test']);
    expect(ehloNameOf({ ehloName: 'mail.school.test\r\nRSET' })).toBe('mail.school.testRSET');
    expect(ehloNameOf({ ehloName: ' \t' })).toBe(NEUTRAL_EHLO_NAME);
  });
});
