/**
 * The provider's own word on its daily limit, as an admin in Seoul sees it: the SMTP server (loopback)
 * takes two messages and answers Gmail's `550 5.4.5` to the third. The campaign's waiting screen, the
 * account card and pre-flight all show the reply and the time sending can go on, in the admin's time
 * zone, not only the local count; the campaign goes on by itself when the host's clock reaches that time.
 * Screenshots in English and Korean go to .artifacts/screenshots/.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { axeViolations, describeViolations } from '../axe';
import { expect, test } from '../fixtures';
import { dailyLimitAfter } from '../fakes/smtp-faults';
import { startSmtpSink } from '../fakes/smtp-sink';
import { createNodeHandlers } from '../../app/handlers/node/node-composition';
import { startWebHost } from '../../app/host-web/node/web-host';

test.use({ locale: 'en-US', timezoneId: 'Asia/Seoul', viewport: { width: 1180, height: 1200 } });

const shots = '.artifacts/screenshots/';
const GMAIL_SAID = '550 5.4.5 Daily user sending limit exceeded';

test("the provider's daily-limit reply and the time it can go on: waiting screen, account card, pre-flight; then it goes on", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const limit = dailyLimitAfter(2);
  const relay = await startSmtpSink({ security: 'none', script: { data: limit.data } });
  let offset = 0;
  const clock = { now: () => Date.now() + offset };
  const dataDir = await mkdtemp(join(tmpdir(), 'mailroom-e2e-limit-'));
  const host = await startWebHost({
    staticDir: process.env.MAILROOM_RENDERER_DIR ?? resolve(import.meta.dirname, '../../out/renderer'),
    createHandlers: (emit) => createNodeHandlers({ dataDir, passphrase: 'e2e-passphrase-not-secret', emit, clock, scheduleCheckMs: 200 }),
  });
  try {
    await page.goto(host.url);
    await test.step('add the account, paste the list, compose, create and start the campaign', async () => {
      await page.getByRole('button', { name: 'Add account' }).click();
      await page.getByLabel('Account name').fill('Club office');
      await page.getByLabel('SMTP server', { exact: true }).fill('127.0.0.1');
      await page.getByLabel('Port', { exact: true }).fill(String(relay.port));
      await page.getByLabel(/None \(trusted network only\)/).check();
      await page.getByLabel('From address').fill('office@club.test');
      await page.getByLabel('From name').fill('Club office');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(page.getByRole('listitem', { name: 'Club office' })).toBeVisible();
      await page.getByRole('navigation').getByRole('button', { name: 'Lists' }).click();
      await page.getByRole('button', { name: 'Paste addresses' }).click();
      await page.getByLabel('Addresses', { exact: true }).fill(['Kim <kim@club.test>', 'Lee <lee@club.test>', 'Park <park@club.test>', 'Choi <choi@club.test>'].join('\n'));
      await page.getByLabel('List name').fill('Club members');
      await page.getByRole('button', { name: 'Save as a list' }).click();
      await page.getByRole('navigation').getByRole('button', { name: 'Compose' }).click();
      await page.getByLabel('Subject', { exact: true }).fill('Spring meeting for {{name}}');
      await page.getByLabel('Message', { exact: true }).fill('Dear {{name}}, the spring meeting is on Saturday.');
      await expect(page.getByRole('region', { name: 'Before sending' })).toHaveAttribute('data-will-send', '4');
      await page.getByRole('button', { name: 'Create campaign' }).click();
      await page.getByRole('button', { name: 'Open' }).first().click();
      await page.getByRole('button', { name: 'Start sending' }).click();
    });

    let resumeAt = '';
    await test.step('the waiting screen says what the server said and when it can go on, in Seoul time', async () => {
      await expect(page.locator('.campaign[data-campaign-status="waiting-for-quota"]')).toBeVisible({ timeout: 60_000 });
      const note = page.locator('.campaign [data-provider-limit]');
      await expect(note).toContainText(`The server said: “${GMAIL_SAID}`);
      await expect(note).toContainText('(Asia/Seoul)');
      // Two sends known on this login: the window frees when the first of them ages out.
      await expect(note).toHaveAttribute('data-provider-limit', 'ledger');
      resumeAt = (await note.getAttribute('data-resume-at'))!;
      const seoul = new Date(Math.ceil(Date.parse(resumeAt) / 60_000) * 60_000 + 9 * 3600_000);
      const hhmm = `${String(seoul.getUTCHours() % 12 || 12)}:${String(seoul.getUTCMinutes()).padStart(2, '0')}`;
      await expect(note).toContainText(`can go on at`);
      await expect(note).toContainText(hhmm);
      expect(relay.messages).toHaveLength(2);
      await page.screenshot({ path: `${shots}limits-waiting-en.png`, fullPage: true });
      const violations = await axeViolations(page);
      expect(violations, describeViolations('waiting screen with the provider note', violations)).toEqual([]);
    });

    await test.step('the account card says it too, not only the local count', async () => {
      await page.getByRole('navigation').getByRole('button', { name: 'Accounts' }).click();
      const card = page.getByRole('listitem', { name: 'Club office' });
      await expect(card).toContainText('2 sent in the last 24 hours');
      await expect(card.locator('[data-provider-limit]')).toContainText(GMAIL_SAID);
      await expect(card.locator('[data-provider-limit]')).toHaveAttribute('data-resume-at', resumeAt);
      await page.screenshot({ path: `${shots}limits-account-en.png`, fullPage: true });
      const violations = await axeViolations(page);
      expect(violations, describeViolations('account card with the provider note', violations)).toEqual([]);
    });

    await test.step('pre-flight warns with the same words and time, and the finish starts there', async () => {
      await page.getByRole('navigation').getByRole('button', { name: 'Compose' }).click();
      await page.getByLabel('Subject', { exact: true }).fill('Autumn meeting for {{name}}');
      await page.getByLabel('Message', { exact: true }).fill('Dear {{name}}, the autumn meeting is on Sunday.');
      const preflight = page.getByRole('region', { name: 'Before sending' });
      await expect(preflight.locator('[data-provider-limit]')).toHaveAttribute('data-resume-at', resumeAt);
      await expect(preflight.locator('[data-provider-limit]')).toContainText('This campaign will wait until then');
      await expect(preflight.locator('[data-fits-today]')).toHaveAttribute('data-fits-today', 'false');
      await preflight.screenshot({ path: `${shots}limits-preflight-en.png` });
    });

    await test.step('the same in Korean (screenshots)', async () => {
      const context = await browser.newContext({ locale: 'ko-KR', timezoneId: 'Asia/Seoul', viewport: { width: 1180, height: 1200 } });
      const ko = await context.newPage();
      await ko.goto(host.url);
      const card = ko.getByRole('listitem', { name: 'Club office' });
      await expect(card.locator('[data-provider-limit]')).toContainText(`서버의 응답: “${GMAIL_SAID}`);
      await expect(card.locator('[data-provider-limit]')).toContainText('부터 다시 보낼 수 있습니다');
      await ko.screenshot({ path: `${shots}limits-account-ko.png`, fullPage: true });
      await ko.getByRole('navigation').getByRole('button', { name: '발송 내역' }).click();
      await ko.getByRole('button', { name: /열기/ }).first().click();
      await expect(ko.locator('.campaign [data-provider-limit]')).toContainText('캠페인은 그때까지 기다렸다가');
      await ko.screenshot({ path: `${shots}limits-waiting-ko.png`, fullPage: true });
      await ko.getByRole('navigation').getByRole('button', { name: '작성' }).click();
      await ko.getByLabel('제목', { exact: true }).fill('{{name}}님께 가을 모임 안내');
      await ko.getByLabel('본문', { exact: true }).fill('{{name}}님, 가을 모임은 일요일입니다.');
      const preflight = ko.getByRole('region', { name: '발송 전 점검' });
      await expect(preflight.locator('[data-provider-limit]')).toContainText('이 캠페인은 그때까지 기다렸다가');
      await preflight.screenshot({ path: `${shots}limits-preflight-ko.png` });
      await context.close();
    });

    await test.step('when the host clock reaches the time, the campaign goes on by itself and the note goes', async () => {
      limit.lift();
      offset = Date.parse(resumeAt) - Date.now() + 1000;
      await page.getByRole('navigation').getByRole('button', { name: 'Campaigns' }).click();
      await page.getByRole('button', { name: 'Open' }).first().click();
      await expect(page.locator('.campaign[data-campaign-status="completed"]')).toBeVisible({ timeout: 60_000 });
      await expect(page.locator('[data-count-status="sent"]')).toHaveAttribute('data-count', '4');
      await expect(page.locator('.campaign [data-provider-limit]')).toHaveCount(0);
      expect(new Set(relay.messages.map((m) => m.rcptTo[0])).size).toBe(4);
      expect(relay.messages).toHaveLength(4);
      await page.getByRole('navigation').getByRole('button', { name: 'Accounts' }).click();
      await expect(page.getByRole('listitem', { name: 'Club office' }).locator('[data-provider-limit]')).toHaveCount(0);
    });
  } finally {
    await host.close();
    await relay.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
