/**
 * A club secretary's first real campaign, clicked through the real UI against a loopback server that
 * misbehaves on purpose: 50 members, two addresses the server refuses (5.1.1), one that is greylisted
 * once (451, retried by itself). The table shows every row's fate; selecting a refused row explains it
 * and offers the suppression list; "retry failed" sends those two and nobody else; the CSV holds every
 * row. Then the password stops working and the next campaign pauses with the diagnosis.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '../fixtures';
import { startSmtpSink } from '../fakes/smtp-sink';
import { addRelayAccount } from '../flows';

test.use({ locale: 'en-US' });

const USER = 'office@club.test';
const members = Array.from({ length: 50 }, (_, i) => {
  const local = i === 11 || i === 37 ? `gone${i}` : i === 24 ? `grey${i}` : `member${i}`;
  return `Member ${i} <${local}@club.test>`;
});

test('a 50-member campaign with refused and greylisted members, retry of the failed, export, and a pause for a changed password', async ({ page, host }) => {
  test.setTimeout(300_000);
  const users: Record<string, string> = { [USER]: 'pw-right' };
  let refuseGone = true;
  const greylisted = new Set<string>();
  const relay = await startSmtpSink({
    security: 'none',
    users,
    script: {
      rcptTo: (address) => (refuseGone && address.startsWith('gone') ? { code: 550, text: '5.1.1 The email account that you tried to reach does not exist.' } : undefined),
      data: ([to]) => {
        if (!to?.startsWith('grey') || greylisted.has(to)) return undefined;
        greylisted.add(to);
        return { code: 451, text: '4.7.1 Greylisted, please try again later' };
      },
    },
  });
  const received = (address: string) => relay.messages.filter((m) => m.rcptTo[0] === address).length;
  try {
    await page.goto(host.url);
    await test.step('add the account and paste the member list', async () => {
      await addRelayAccount(page, { label: 'Club office', port: relay.port, username: USER, password: 'pw-right', fromAddress: USER, fromName: 'Club office' });

      await page.getByRole('navigation').getByRole('button', { name: 'Lists' }).click();
      await page.getByRole('button', { name: 'Paste addresses' }).click();
      await page.getByLabel('Addresses', { exact: true }).fill(members.join('\n'));
      await page.getByLabel('List name').fill('Club members');
      await page.getByRole('button', { name: 'Save as a list' }).click();
      await expect(page.locator('[data-report-list] [data-summary="accepted"]')).toHaveAttribute('data-count', '50');
    });

    await test.step('compose and create the campaign at a fast pace', async () => {
      await page.getByRole('navigation').getByRole('button', { name: 'Compose' }).click();
      await page.getByLabel('Subject', { exact: true }).fill('Spring meeting for {{name}}');
      await page.getByLabel('Message', { exact: true }).fill('Dear {{name}}, the spring meeting is on Saturday.');
      await page.getByLabel('Pace (messages per minute)').fill('3000');
      await expect(page.getByRole('region', { name: 'Before sending' })).toHaveAttribute('data-will-send', '50');
      await page.getByRole('button', { name: 'Create campaign' }).click();
      await page.getByRole('button', { name: 'Open' }).click();
    });

    const table = page.getByRole('table', { name: 'Members and their results' });
    await test.step('send: every row gets its state, the greylisted member is retried by itself', async () => {
      await page.getByRole('button', { name: 'Start sending' }).click();
      // The table is virtualised: the filter brings the greylisted member into view.
      await expect(page.locator('[data-count-status="deferred"]')).toHaveAttribute('data-count', '1', { timeout: 90_000 });
      await page.getByLabel('Show').selectOption('deferred');
      await expect(table.locator('[data-email="grey24@club.test"]')).toHaveAttribute('data-row-status', 'deferred');
      await expect(table.locator('[data-email="grey24@club.test"]')).toContainText('451 4.7.1 Greylisted');
      await page.getByLabel('Show').selectOption('all');
      await expect(page.locator('.campaign[data-campaign-status="completed"]')).toBeVisible({ timeout: 120_000 });
      await expect(page.locator('[data-count-status="sent"]')).toHaveAttribute('data-count', '48');
      await expect(page.locator('[data-count-status="failed"]')).toHaveAttribute('data-count', '2');
      await page.getByLabel('Show').selectOption('failed');
      await expect(table.locator('[data-row-status="failed"]')).toHaveCount(2);
      expect(relay.messages).toHaveLength(48);
      expect(received('grey24@club.test')).toBe(1);
    });

    await test.step('select a refused member: the reply, what it means, and the suppression offer', async () => {
      await table.getByRole('button', { name: /gone11@club\.test/ }).click();
      const details = page.getByRole('region', { name: 'Details for gone11@club.test' });
      await expect(details.locator('[data-diagnosis="recipient-rejected"]')).toBeVisible();
      await expect(details).toContainText('550 5.1.1 The email account that you tried to reach does not exist.');
      await expect(details).toContainText('RCPT TO');
      await details.getByRole('button', { name: 'Add gone11@club.test to the suppression list' }).click();
      await expect(details.getByRole('status')).toHaveText('gone11@club.test is on the suppression list now.');
    });

    await test.step('"retry failed" sends those two again and nobody else', async () => {
      refuseGone = false;
      // Both failed because the address did not exist (5.1.1): left out unless the admin includes them.
      await page.getByRole('button', { name: 'Retry failed (2)' }).click();
      await expect(page.getByRole('alert')).toContainText('address is gone or wrong');
      await page.getByLabel('Include addresses that do not exist').check();
      await page.getByRole('button', { name: 'Retry failed (2)' }).click();
      await expect(page.locator('.campaign[data-campaign-status="completed"]')).toBeVisible({ timeout: 90_000 });
      await expect(page.locator('[data-count-status="sent"]')).toHaveAttribute('data-count', '50');
      expect(relay.messages).toHaveLength(50);
      expect(new Set(relay.messages.map((m) => m.rcptTo[0])).size).toBe(50);
    });

    await test.step('the exported CSV holds every row', async () => {
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export results (CSV)' }).click();
      const csv = await readFile(await (await downloading).path(), 'utf8');
      const lines = csv.trim().split('\n');
      expect(lines).toHaveLength(51);
      expect(lines.filter((l) => l.includes(',sent,'))).toHaveLength(50);
      for (const m of members) expect(csv).toContain(/<(.+)>/.exec(m)![1]!);
    });

    await test.step('the password stops working: the next campaign pauses with the diagnosis', async () => {
      users[USER] = 'changed-elsewhere';
      await page.getByRole('button', { name: 'Back to campaigns' }).click();
      await expect(page.locator('[data-history-count="sent"]')).toContainText('50');
      await page.getByRole('navigation').getByRole('button', { name: 'Compose' }).click();
      await page.getByLabel('Subject', { exact: true }).fill('Reminder for {{name}}');
      await page.getByLabel('Message', { exact: true }).fill('Dear {{name}}, see you on Saturday.');
      // The member added to the suppression list above is left out now.
      await expect(page.getByRole('region', { name: 'Before sending' })).toHaveAttribute('data-will-send', '49');
      await page.getByRole('button', { name: 'Create campaign' }).click();
      await page.getByRole('button', { name: 'Open' }).first().click();
      await page.getByRole('button', { name: 'Start sending' }).click();
      const paused = page.locator('[data-paused-diagnosis]');
      await expect(paused).toHaveAttribute('data-paused-diagnosis', 'auth-rejected', { timeout: 90_000 });
      await expect(paused).toContainText('Sending paused: the account needs attention');
      await expect(page.locator('[data-count-status="queued"]')).toHaveAttribute('data-count', '49');
      expect(relay.messages).toHaveLength(50);
      await paused.getByRole('button', { name: 'Open Accounts' }).click();
      await expect(page.getByRole('listitem', { name: 'Club office' })).toBeVisible();
    });
  } finally {
    await relay.close();
  }
});

test('a 10,000-member campaign opens with every row reachable while only a window of rows is in the page', async ({ page, host }) => {
  test.setTimeout(300_000);
  const relay = await startSmtpSink({ security: 'none' });
  try {
    await page.goto(host.url);
    await addRelayAccount(page, { label: 'Big relay', port: relay.port, fromAddress: USER, fromName: 'Club office' });
    await page.getByRole('navigation').getByRole('button', { name: 'Lists' }).click();
    await page.getByRole('button', { name: 'Import file' }).click();
    const csv = ['name,email', ...Array.from({ length: 10_000 }, (_, i) => `Member ${i},m${i}@big.test`)].join('\r\n');
    await page.getByLabel('Choose a file').setInputFiles({ name: 'everyone.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.locator('[data-report-list] [data-summary="accepted"]')).toHaveAttribute('data-count', '10000', { timeout: 90_000 });
    await page.getByRole('navigation').getByRole('button', { name: 'Compose' }).click();
    await page.getByLabel('Subject', { exact: true }).fill('Hello {{name}}');
    await page.getByLabel('Message', { exact: true }).fill('Dear {{name}}');
    await expect(page.getByRole('region', { name: 'Before sending' })).toHaveAttribute('data-will-send', '10000', { timeout: 90_000 });
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByRole('button', { name: 'Open' }).click();

    const table = page.getByRole('table', { name: 'Members and their results' });
    await expect(table).toHaveAttribute('aria-rowcount', '10001');
    await expect(table.locator('[data-email="m0@big.test"]')).toBeVisible();
    expect(await table.locator('tbody tr[data-email]').count()).toBeLessThan(60);
    // Scroll to the end: the last member is rendered, the first is not, the page still holds a window.
    await page.getByRole('region', { name: 'Members and their results' }).evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect(table.locator('[data-email="m9999@big.test"]')).toBeVisible();
    await expect(table.locator('[data-email="m0@big.test"]')).toHaveCount(0);
    expect(await table.locator('tbody tr[data-email]').count()).toBeLessThan(60);
    expect(relay.messages).toHaveLength(0);
  } finally {
    await relay.close();
  }
});
