/**
 * Bounces and unsubscribe replies, as a new user meets them: a 20-member campaign sent to a loopback
 * smtp-server; three bounces and one Korean unsubscribe reply arrive in the account's Dovecot mailbox;
 * "Check for bounces now" turns the rows bounced / unsubscribed without a reload; one bounced row is
 * suppressed from its details, a later hard bounce is suppressed automatically once the setting is on,
 * the rest and the reviewed request go on the suppression list in one click each; the CSV says so.
 * Skipped, with the reason printed, where Dovecot is not installed.
 */
import { readFile } from 'node:fs/promises';
import { ImapFlow } from 'imapflow';
import { expect, test } from '../fixtures';
import { dovecotMissing, startDovecot } from '../fakes/dovecot';
import { startSmtpSink } from '../fakes/smtp-sink';
import { addRelayAccount } from '../flows';

test.use({ locale: 'en-US' });

const missing = dovecotMissing();
if (missing) console.log(`Skipping the mailbox spec: ${missing}`);

const USER = 'office';
const PASSWORD = 'pw-office-Lk42';
const fixture = (name: string) => readFile(new URL(`../../app/mailbox/node/fixtures/${name}`, import.meta.url), 'utf8');
const rfc822Date = (ms: number) => new Date(ms).toUTCString().replace('GMT', '+0000');
const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');

const shots = new URL('../../.artifacts/screenshots/', import.meta.url).pathname;

test('bounces and a Korean unsubscribe reply turn rows bounced / unsubscribed; suppress them; export', async ({ page, host, browser }) => {
  test.skip(missing !== null, missing ?? '');
  test.setTimeout(300_000);
  const relay = await startSmtpSink({ security: 'none', users: { [USER]: PASSWORD } });
  const dovecot = await startDovecot([{ user: USER, pass: PASSWORD }]);
  try {
    await page.goto(host.url);
    await test.step('add the account, paste 20 members, send', async () => {
      await addRelayAccount(page, { label: 'Club office', port: relay.port, username: USER, password: PASSWORD, fromAddress: 'office@club.test', fromName: 'Club office' });
      await page.getByRole('navigation').getByRole('button', { name: 'Lists' }).click();
      await page.getByRole('button', { name: 'Paste addresses' }).click();
      await page.getByLabel('Addresses', { exact: true }).fill(Array.from({ length: 20 }, (_, i) => `Member ${i} <member${i}@club.test>`).join('\n'));
      await page.getByLabel('List name').fill('Club members');
      await page.getByRole('button', { name: 'Save as a list' }).click();
      await page.getByRole('navigation').getByRole('button', { name: 'Compose' }).click();
      await page.getByLabel('Subject', { exact: true }).fill('December meeting for {{name}}');
      await page.getByLabel('Message', { exact: true }).fill('Dear {{name}}, the meeting is on Saturday.');
      await page.getByLabel('Pace (messages per minute)').fill('3000');
      await expect(page.getByRole('region', { name: 'Before sending' })).toHaveAttribute('data-will-send', '20');
      await page.getByRole('button', { name: 'Create campaign' }).click();
      await page.getByRole('button', { name: 'Open' }).click();
      await page.getByRole('button', { name: 'Start sending' }).click();
      await expect(page.locator('.campaign[data-campaign-status="completed"]')).toBeVisible({ timeout: 120_000 });
      await expect(page.locator('[data-count-status="sent"]')).toHaveAttribute('data-count', '20');
    });

    await test.step('the custom server has no mailbox until one is named', async () => {
      await expect(page.locator('[data-no-mailbox="user-named"]')).toBeVisible();
      await page.getByLabel('Server', { exact: true }).fill(dovecot.host);
      await page.getByLabel('Port', { exact: true }).last().fill(String(dovecot.port));
      await page.getByLabel('Security').selectOption('none');
      await page.getByRole('button', { name: 'Save mailbox server' }).click();
      await expect(page.locator('[data-mailbox-place="imap"]')).toBeVisible();
    });

    const messageIdOf = (address: string) => relay.messages.find((m) => m.rcptTo[0] === address)!.parsed.messageId!;
    const dsn = await fixture('sisimai-rfc3464-01.eml');
    /** Appends a hard bounce (5.1.1) of member `i`'s message, as the receiving server would send it. */
    const appendBounces = async (members: readonly number[], extra: readonly string[] = []) => {
      const client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, doSTARTTLS: true, tls: { ca: [dovecot.ca] }, auth: { user: USER, pass: PASSWORD }, logger: false });
      await client.connect();
      for (const i of members) {
        const to = `member${i}@club.test`;
        const raw = dsn
          .replaceAll('userunknown@bouncehammer.jp', to)
          .replaceAll('<E1C50F1B-1C83-4820-BC36-AC6FBFBE8568@example.org>', `<${messageIdOf(to).replace(/^<|>$/g, '')}>`)
          .replace('<201310160515.r9G5FZh9018575@smtpgw.example.jp>', `<dsn-${i}@mx.club.test>`)
          .replaceAll('Wed, 16 Oct 2013 14:15:35 +0900', rfc822Date(Date.now()));
        await client.append('INBOX', crlf(raw));
      }
      for (const raw of extra) await client.append('INBOX', crlf(raw));
      await client.logout();
    };
    const table = page.getByRole('table', { name: 'Members and their results' });

    await test.step('three bounces and a Korean unsubscribe reply arrive; "Check for bounces now" marks the rows', async () => {
      const reply = await fixture('reply-unsubscribe-ko.eml');
      const unsubscriber = 'member5@club.test';
      await appendBounces(
        [2, 9, 17],
        [reply.replaceAll('member.kim@example.com', unsubscriber).replaceAll('<mailroom-original-kim@example.kr>', `<${messageIdOf(unsubscriber).replace(/^<|>$/g, '')}>`).replace(/^Date: .*$/m, `Date: ${rfc822Date(Date.now())}`)],
      );

      await page.getByRole('button', { name: 'Check for bounces now' }).click();
      await expect(page.locator('[data-mailbox-note]')).toContainText('3 bounce(s), 1 unsubscribe request(s)');
      await expect(page.locator('[data-count-status="bounced"]')).toHaveAttribute('data-count', '3');
      await expect(page.locator('[data-count-status="unsubscribed"]')).toHaveAttribute('data-count', '1');
      await page.getByLabel('Show').selectOption('bounced');
      await expect(table.locator('[data-row-status="bounced"]')).toHaveCount(3);
      await expect(table.locator('[data-email="member9@club.test"]')).toContainText('5.1.1');
    });

    await test.step('one bounced row is suppressed from its details', async () => {
      await table.locator('[data-email="member9@club.test"]').getByRole('button').click();
      const details = page.locator('[data-row-details="member9@club.test"]');
      await expect(details.locator('[data-bounce-kind="hard"]')).toBeVisible();
      await details.getByRole('button', { name: 'Suppress member9@club.test' }).click();
      await expect(details.locator('[data-row-suppressed="yes"]')).toBeVisible();
      await expect(table.locator('[data-email="member9@club.test"]')).toHaveAttribute('data-suppressed', 'true');
      await expect(page.getByRole('button', { name: 'Suppress 2 hard-bounced address(es)' })).toBeVisible();
      await details.getByRole('button', { name: 'Close' }).click();
    });

    await test.step('with "Suppress hard bounces automatically" on, a new hard bounce is suppressed as it is recorded', async () => {
      await page.getByLabel('Suppress hard bounces automatically (the address does not exist)').check();
      await expect(page.getByLabel('Suppress hard bounces automatically (the address does not exist)')).toBeChecked();
      await appendBounces([12]);
      await page.getByRole('button', { name: 'Check for bounces now' }).click();
      await expect(page.locator('[data-mailbox-note]')).toContainText('1 bounce(s), 0 unsubscribe request(s)');
      await expect(page.locator('[data-count-status="bounced"]')).toHaveAttribute('data-count', '4');
      await expect(table.locator('[data-email="member12@club.test"]')).toHaveAttribute('data-suppressed', 'auto');
      await expect(table.locator('[data-email="member12@club.test"]')).toContainText('suppressed automatically');
      await expect(page.getByRole('button', { name: 'Suppress 2 hard-bounced address(es)' })).toBeVisible();
      await page.setViewportSize({ width: 1180, height: 1600 });
      await page.screenshot({ path: `${shots}mailbox-bounced-en.png`, fullPage: true });
      await page.getByLabel('Show').selectOption('all');
    });

    await test.step('the same campaign in Korean (screenshot)', async () => {
      const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1180, height: 1600 } });
      const ko = await context.newPage();
      await ko.goto(host.url);
      await ko.getByRole('navigation').getByRole('button', { name: '발송 내역' }).click();
      await ko.getByRole('button', { name: /열기/ }).first().click();
      await expect(ko.locator('[data-count-status="bounced"]')).toHaveAttribute('data-count', '4');
      await expect(ko.locator('[data-review-email="member5@club.test"]')).toBeVisible();
      await ko.locator('.campaign__filter select').selectOption('bounced');
      await ko.screenshot({ path: `${shots}mailbox-bounced-ko.png`, fullPage: true });
      await context.close();
    });

    await test.step('suppress the hard bounces in one click, and confirm the unsubscribe request', async () => {
      await page.getByRole('button', { name: 'Suppress 2 hard-bounced address(es)' }).click();
      await expect(page.locator('[data-mailbox-note]')).toHaveText('2 address(es) added to the suppression list.');
      await expect(page.getByRole('button', { name: /hard-bounced address/ })).toHaveCount(0);
      const request = page.locator('[data-review-email="member5@club.test"]');
      await expect(request).toContainText('받고 싶지 않습니다');
      await request.getByRole('button', { name: 'Suppress' }).click();
      await expect(page.getByText('No unsubscribe requests waiting.')).toBeVisible();
    });

    await test.step('the CSV says bounced and unsubscribed', async () => {
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export results (CSV)' }).click();
      const csv = await readFile(await (await downloading).path(), 'utf8');
      expect(csv.split('\n').filter((l) => l.includes(',bounced,'))).toHaveLength(4);
      expect(csv.split('\n').filter((l) => l.includes(',unsubscribed,'))).toHaveLength(1);
    });
  } finally {
    await dovecot.stop();
    await relay.close();
  }
});
