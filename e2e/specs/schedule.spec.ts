/**
 * Scheduled send, as an admin in Seoul does it: create a campaign, "Send at…" two minutes ahead (the
 * time zone shown), change the time, take the schedule back, schedule again; the host's clock (one the
 * test moves) then reaches the time and the campaign sends by itself. Nothing goes out before.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '../fixtures';
import { startSmtpSink } from '../fakes/smtp-sink';
import { addRelayAccount } from '../flows';
import { createNodeHandlers } from '../../app/handlers/node/node-composition';
import { startWebHost } from '../../app/host-web/node/web-host';

test.use({ locale: 'en-US', timezoneId: 'Asia/Seoul' });

const MINUTE = 60_000;
/** The wall time of an instant in Seoul (UTC+9, no daylight saving), as a datetime-local value. */
const seoulInput = (ms: number) => new Date(ms + 9 * 60 * MINUTE).toISOString().slice(0, 16);

test('schedule a campaign, change and take back its time, then it sends when the host clock reaches it', async ({ page }) => {
  test.setTimeout(240_000);
  const relay = await startSmtpSink({ security: 'none' });
  // The host's clock: real time plus an offset the test moves forward.
  let offset = 0;
  const clock = { now: () => Date.now() + offset };
  const dataDir = await mkdtemp(join(tmpdir(), 'mailroom-e2e-schedule-'));
  const host = await startWebHost({
    staticDir: process.env.MAILROOM_RENDERER_DIR ?? resolve(import.meta.dirname, '../../out/renderer'),
    createHandlers: (emit) => createNodeHandlers({ dataDir, passphrase: 'e2e-passphrase-not-secret', emit, clock, scheduleCheckMs: 200 }),
  });
  try {
    await page.goto(host.url);
    await test.step('add the account, paste the list, compose and create the campaign', async () => {
      await addRelayAccount(page, { label: 'Club office', port: relay.port, fromAddress: 'office@club.test', fromName: 'Club office' });
      await page.getByRole('navigation').getByRole('button', { name: 'Lists' }).click();
      await page.getByRole('button', { name: 'Paste addresses' }).click();
      await page.getByLabel('Addresses', { exact: true }).fill(['Kim <kim@club.test>', 'Lee <lee@club.test>', 'Park <park@club.test>'].join('\n'));
      await page.getByLabel('List name').fill('Club members');
      await page.getByRole('button', { name: 'Save as a list' }).click();
      await page.getByRole('navigation').getByRole('button', { name: 'Compose' }).click();
      await page.getByLabel('Subject', { exact: true }).fill('Spring meeting for {{name}}');
      await page.getByLabel('Message', { exact: true }).fill('Dear {{name}}, the spring meeting is on Saturday.');
      await expect(page.getByRole('region', { name: 'Before sending' })).toHaveAttribute('data-will-send', '3');
      await page.getByRole('button', { name: 'Create campaign' }).click();
      await page.getByRole('button', { name: 'Open' }).first().click();
      await expect(page.locator('.campaign[data-campaign-status="ready"]')).toBeVisible();
    });

    const panel = page.getByRole('region', { name: 'Send later' });
    await test.step('a time that has passed is refused in words', async () => {
      await expect(panel.getByText('Time zone: Asia/Seoul')).toBeVisible();
      await panel.getByLabel('Send at').fill(seoulInput(clock.now() - 10 * MINUTE));
      await panel.getByRole('button', { name: 'Schedule' }).click();
      await expect(panel.getByRole('alert')).toContainText('That time has passed');
      await expect(page.locator('.campaign[data-campaign-status="ready"]')).toBeVisible();
    });

    await test.step('schedule, change the time, cancel the schedule', async () => {
      await panel.getByLabel('Send at').fill(seoulInput(clock.now() + 2 * MINUTE));
      await panel.getByRole('button', { name: 'Schedule' }).click();
      await expect(page.locator('.campaign[data-campaign-status="scheduled"]')).toBeVisible();
      await expect(panel).toContainText('(Asia/Seoul)');
      const first = await panel.locator('[data-scheduled-at]').getAttribute('data-scheduled-at');
      await panel.getByLabel('Send at').fill(seoulInput(clock.now() + 5 * MINUTE));
      await panel.getByRole('button', { name: 'Change time' }).click();
      await expect(panel.locator('[data-scheduled-at]')).not.toHaveAttribute('data-scheduled-at', first!);
      await panel.getByRole('button', { name: 'Cancel schedule' }).click();
      await expect(page.locator('.campaign[data-campaign-status="ready"]')).toBeVisible();
      // Its old time passing starts nothing.
      offset += 6 * MINUTE;
      await expect(page.locator('.campaign[data-campaign-status="ready"]')).toBeVisible();
    });

    await test.step('schedule again; the host clock reaches the time; it sends by itself', async () => {
      await panel.getByLabel('Send at').fill(seoulInput(clock.now() + 2 * MINUTE));
      await panel.getByRole('button', { name: 'Schedule' }).click();
      await expect(page.locator('.campaign[data-campaign-status="scheduled"]')).toBeVisible();
      expect(relay.messages).toHaveLength(0);
      offset += 2 * MINUTE;
      await expect(page.locator('.campaign[data-campaign-status="completed"]')).toBeVisible({ timeout: 60_000 });
      await expect(page.locator('[data-count-status="sent"]')).toHaveAttribute('data-count', '3');
      expect(relay.messages.map((m) => m.rcptTo[0]).sort()).toEqual(['kim@club.test', 'lee@club.test', 'park@club.test']);
    });
  } finally {
    await host.close();
    await relay.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
