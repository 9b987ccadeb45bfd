/**
 * The account record and campaign snapshot the engine tests share (engine, faults, crash, OAuth): a
 * plain SMTP account on loopback and a campaign of `n` members `m<i>@club.test`. Each test states only
 * what it changes.
 */
import type { Member } from '../lists/common/member-list';
import type { AccountRecord } from '../accounts/node/account-store';
import type { CampaignSnapshot } from '../campaigns/node/campaign-store';

const CREATED = '2025-01-01T00:00:00.000Z';

/** A custom-preset account with no TLS at `127.0.0.1:<port>`, sending as `user`. */
export function testAccount(port: number, user: string, overrides: Partial<AccountRecord> = {}): AccountRecord {
  return {
    id: 'acc-1',
    presetId: 'custom',
    label: 'Office',
    host: '127.0.0.1',
    port,
    security: 'none',
    username: user,
    fromAddress: user,
    fromName: 'Office',
    replyTo: '',
    ehloName: '',
    tlsServername: '',
    caCertificate: '',
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  };
}

/** The address of member `i`. */
export const memberEmail = (i: number): string => `m${i}@club.test`;

/** A campaign of `n` members with a `{{code}}` field each; `member` changes one member's defaults. */
export function testCampaign(
  n: number,
  overrides: Partial<CampaignSnapshot> = {},
  member: (i: number, defaults: Member) => Member = (_i, defaults) => defaults,
): CampaignSnapshot {
  return {
    id: `c${Math.random().toString(36).slice(2)}`,
    accountId: 'acc-1',
    accountLabel: 'Office',
    listName: 'Members',
    template: { contentType: 'text/plain', subject: 'Notice for {{name}}', content: 'Dear {{name}}, your code is {{code}}.' },
    recipients: Array.from({ length: n }, (_, i) => member(i, { line: i + 2, email: memberEmail(i), name: `Member ${i}`, fields: { code: `C${i}` } })),
    replyTo: '',
    attachments: [],
    perMinute: 0,
    status: 'ready',
    createdAt: CREATED,
    ...overrides,
  };
}
