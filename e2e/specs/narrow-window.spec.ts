/**
 * A 1024×640 window, in English and Korean: the header buttons of Accounts, Lists and a campaign stay
 * on one row inside the window, nothing scrolls the page sideways, and a member table with extra
 * columns (`이름,이메일,기수,회비`) shows every column header whole inside its box.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { startSmtpSink } from '../fakes/smtp-sink';
import { en } from '../../renderer/i18n/en';
import { ko } from '../../renderer/i18n/ko';

const USER = 'office@club.test';
const CSV = ['이름,이메일,기수,회비', ...Array.from({ length: 30 }, (_, i) => `회원${i},member${i}@club.test,${20 + (i % 5)}기,${i % 2 ? '납부' : '미납'}`)].join('\r\n');

/** The buttons of a header are on one row and inside the window; the page does not scroll sideways. */
async function expectOneRow(page: Page, actions: Locator, count: number): Promise<void> {
  await expect(actions.getByRole('button')).toHaveCount(count);
  const boxes = await actions.getByRole('button').evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect().toJSON() as DOMRect));
  const tops = boxes.map((b) => b.top);
  expect(Math.max(...tops) - Math.min(...tops), `tops ${tops.join(', ')}`).toBeLessThan(2);
  // Inside the main column's padding, not merely inside the window.
  const mainRight = await page.locator('main').evaluate((main) => main.getBoundingClientRect().right - parseFloat(getComputedStyle(main).paddingRight));
  for (const box of boxes) expect(box.right).toBeLessThanOrEqual(mainRight + 1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
}

for (const locale of ['en-US', 'ko-KR'] as const) {
  test.describe(locale, () => {
    test.use({ locale, viewport: { width: 1024, height: 640 } });

    test(`at 1024×640 header buttons stay on one row and the member table shows every column (${locale})`, async ({ page, host }) => {
      test.setTimeout(150_000);
      const w = locale === 'ko-KR' ? ko : en;
      const button = (name: string) => page.getByRole('button', { name, exact: true });
      const field = (name: string) => page.getByLabel(name, { exact: true });
      const nav = (name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true });
      const actions = page.locator('.screen__header .screen__actions');
      const relay = await startSmtpSink({ security: 'none', users: { [USER]: 'pw-right' } });
      try {
        await page.goto(host.url);
        await button(w.accounts.add).click();
        await field(w.accountForm.label).fill('Club office');
        await field(w.accountForm.username).fill(USER);
        await field(w.accountForm.password).fill('pw-right');
        await field(w.accountForm.host).fill('127.0.0.1');
        await field(w.accountForm.port).fill(String(relay.port));
        await page.getByLabel(w.accounts.security.none).check();
        await button(w.common.save).click();
        await expect(page.getByRole('listitem', { name: 'Club office' })).toBeVisible();
        // Logto import, accounts import and export, Google sign-in, Add account.
        await expectOneRow(page, actions, 5);

        await nav(w.nav.lists).click();
        await expectOneRow(page, actions, 3);
        await button(w.listsScreen.actions.importFile).click();
        await field(w.listsScreen.import.file).setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
        await page.getByRole('button', { name: w.listsScreen.import.submit, exact: true }).click();
        await page.locator('[data-report-list]').getByRole('button', { name: w.listsScreen.report.openList }).click();
        const table = page.locator('.lists-vtable').filter({ has: page.locator('[data-member-row]') });
        await expect(table.locator('[data-member-row]').first()).toBeVisible();
        const box = (await table.boundingBox())!;
        const headers = table.getByRole('columnheader');
        await expect(headers).toHaveCount(6);
        for (const header of await headers.all()) {
          const cell = (await header.boundingBox())!;
          const name = (await header.textContent()) ?? '';
          expect(cell.x, `${name} starts inside the table`).toBeGreaterThanOrEqual(box.x - 1);
          expect(cell.x + cell.width, `${name} ends inside the table`).toBeLessThanOrEqual(box.x + box.width + 1);
          // Not covered by the sticky actions column either.
          const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.closest('th')?.textContent ?? null, [cell.x + 8, cell.y + cell.height / 2]);
          expect(hit, `${name} can be seen`).toBe(name);
        }
        expect(await table.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);

        await nav(w.nav.compose).click();
        await field(w.compose.subject).fill('Dues for {{name}}');
        await field(w.compose.content).fill('Dear {{name}}, your dues are due on Friday.');
        await field(w.compose.pace).fill('3000');
        await expect(page.locator('[data-will-send="30"]')).toBeVisible();
        await button(w.compose.create).click();
        await button(w.compose.campaign.open).click();
        await button(w.compose.campaign.start).click();
        await expect(page.locator('.campaign[data-campaign-status="completed"]')).toBeVisible({ timeout: 60_000 });
        // Back to campaigns, Export results, Duplicate, Archive, Delete.
        await expectOneRow(page, actions, 5);
      } finally {
        await relay.close();
      }
    });
  });
}
