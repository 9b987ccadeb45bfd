/**
 * The main flow with the keyboard alone — Tab, Shift+Tab, Enter, arrow keys, Home/End/Page keys and
 * typing; no click, no fill: the skip link, the first-run setup (add the account, Save runs Check, a
 * test to myself), paste a member list, compose, send the notice to me, create the campaign and
 * schedule it (the host's clock, one the test moves, then reaches the time and it sends by itself), and
 * its results table as one tab stop. After every view change focus is on the new view's heading, never on <body>.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { startSmtpSink } from '../fakes/smtp-sink';
import { en } from '../../renderer/i18n/en';
import { createNodeHandlers } from '../../app/handlers/node/node-composition';
import { startWebHost } from '../../app/host-web/node/web-host';

test.use({ locale: 'en-US', timezoneId: 'Asia/Seoul' });

const MINUTE = 60_000;
/** What to type into a `datetime-local` field (en-US: month, day, year; then hour, minute, AM/PM) for an instant's wall time in Seoul. */
function seoulKeys(ms: number): { readonly date: string; readonly time: string } {
  const wall = new Date(ms + 9 * 60 * MINUTE);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hours = wall.getUTCHours();
  return {
    date: `${pad(wall.getUTCMonth() + 1)}${pad(wall.getUTCDate())}${wall.getUTCFullYear()}`,
    time: `${pad(hours % 12 === 0 ? 12 : hours % 12)}${pad(wall.getUTCMinutes())}${hours < 12 ? 'A' : 'P'}`,
  };
}

const USER = 'office@club.test';
const MEMBERS = Array.from({ length: 40 }, (_, i) => `member${i}@club.test`);

/** Whether `locator` has focus now. */
const focused = (locator: Locator) => locator.evaluate((element) => element === document.activeElement);

/** Presses Tab (or Shift+Tab) until `target` has focus; fails if it never does. */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let presses = 0; presses < 80; presses++) {
    if (await focused(target)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`Tab never reached ${String(target)}`);
}

/** Tabs to `target` and types `text` over what it holds. */
async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

/** Tabs (or Shift+Tabs) to `target` and presses Enter. */
async function activate(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  await tabTo(page, target, key);
  await page.keyboard.press('Enter');
}

test('add an account (first run), paste a list, compose, send it to me, create and schedule a campaign, read the results: keyboard only', async ({ page }) => {
  test.setTimeout(240_000);
  const w = en;
  const relay = await startSmtpSink({ security: 'none', users: { [USER]: 'pw-right' } });
  // The host's clock: real time plus an offset the test moves forward to reach the scheduled time.
  let offset = 0;
  const clock = { now: () => Date.now() + offset };
  const dataDir = await mkdtemp(join(tmpdir(), 'mailroom-e2e-keyboard-'));
  const host = await startWebHost({
    staticDir: process.env.MAILROOM_RENDERER_DIR ?? resolve(import.meta.dirname, '../../out/renderer'),
    createHandlers: (emit) => createNodeHandlers({ dataDir, passphrase: 'e2e-passphrase-not-secret', emit, clock, scheduleCheckMs: 200 }),
  });
  const heading = (level: number, name: string) => page.getByRole('heading', { level, name, exact: true });
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const field = (name: string) => page.getByLabel(name, { exact: true });
  const nav = (name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true });
  try {
    await page.goto(host.url);
    await expect(heading(2, w.firstRun.welcome.title)).toBeVisible();

    await test.step('the skip link leads to the screen heading', async () => {
      await page.keyboard.press('Tab');
      await expect(page.getByRole('link', { name: w.firstRun.skipToContent })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(heading(1, w.accounts.title)).toBeFocused();
    });

    await test.step('first run: provider picked, the account form, Save runs Check', async () => {
      await activate(page, button(w.firstRun.welcome.start));
      await expect(heading(2, w.firstRun.provider.title)).toBeFocused();
      await typeInto(page, field(w.firstRun.provider.address), USER);
      await tabTo(page, page.getByRole('radio', { name: w.presets.gmail.name }));
      // Gmail is offered first; the arrow keys go round the group to "custom", the last.
      await page.keyboard.press('ArrowUp');
      await expect(page.getByRole('radio', { name: w.presets.custom.name })).toBeChecked();
      await activate(page, button(w.firstRun.provider.next));
      await expect(heading(2, w.firstRun.connect.title.replace('{{name}}', w.presets.custom.name))).toBeFocused();
      await expect(field(w.accountForm.fromAddress)).toHaveValue(USER);
      await typeInto(page, field(w.accountForm.label), 'Club office');
      await typeInto(page, field(w.accountForm.password), 'pw-right');
      await typeInto(page, field(w.accountForm.host), '127.0.0.1');
      await typeInto(page, field(w.accountForm.port), String(relay.port));
      await tabTo(page, page.getByRole('radio', { checked: true, name: /STARTTLS|TLS|None/ }));
      for (let i = 0; i < 3 && !(await page.getByRole('radio', { name: w.accounts.security.none }).isChecked()); i++) await page.keyboard.press('ArrowDown');
      await expect(page.getByRole('radio', { name: w.accounts.security.none })).toBeChecked();
      await activate(page, button(w.common.save));
      await expect(heading(2, w.firstRun.check.title.replace('{{label}}', 'Club office'))).toBeFocused();
      await expect(page.locator('[data-check="passed"]')).toBeVisible({ timeout: 30_000 });
    });

    await test.step('first run: a test to myself, then on to the member list', async () => {
      await activate(page, button(w.firstRun.check.next));
      await expect(heading(2, w.firstRun.test.title)).toBeFocused();
      await expect(field(w.sendTest.to)).toHaveValue(USER);
      await activate(page, button(w.sendTest.send));
      await expect(page.locator('.send-test [data-status="sent"]')).toBeVisible({ timeout: 30_000 });
      expect(relay.messages.map((m) => m.rcptTo[0])).toEqual([USER]);
      await activate(page, button(w.firstRun.test.next));
      await expect(heading(2, w.firstRun.done.title)).toBeFocused();
      await activate(page, button(w.firstRun.done.importList));
      await expect(heading(1, w.listsScreen.title)).toBeFocused();
    });

    await test.step('paste a member list', async () => {
      await activate(page, button(w.listsScreen.actions.paste));
      await expect(heading(2, w.listsScreen.paste.title)).toBeFocused();
      await typeInto(page, field(w.listsScreen.paste.text), MEMBERS.join('\n'));
      await typeInto(page, field(w.listsScreen.paste.listName), 'Club members');
      await activate(page, button(w.listsScreen.paste.submit));
      await expect(heading(2, w.listsScreen.report.title)).toBeFocused();
      await expect(page.locator('[data-report-list] [data-summary="accepted"]')).toHaveAttribute('data-count', String(MEMBERS.length));
    });

    await test.step('compose and create the campaign', async () => {
      await activate(page, nav(w.nav.compose), 'Shift+Tab');
      await expect(heading(1, w.compose.title)).toBeFocused();
      await typeInto(page, field(w.compose.subject), 'Spring meeting');
      await typeInto(page, field(w.compose.content), 'Dear {{name}}, the spring meeting is on Saturday.');
      await typeInto(page, field(w.compose.pace), '3000');
      await expect(page.getByRole('region', { name: w.compose.preflightTitle })).toHaveAttribute('data-will-send', String(MEMBERS.length));
    });

    await test.step('send this notice to me: the first member\u2019s message, to my own address, marked as a test', async () => {
      await activate(page, button(w.workday.sendToMe), 'Shift+Tab');
      await expect(page.locator('[data-send-to-me="done"] [data-sent-to]')).toHaveAttribute('data-sent-to', USER, { timeout: 30_000 });
      expect(relay.messages).toHaveLength(2);
      expect(relay.messages[1]?.rcptTo).toEqual([USER]);
      expect(relay.messages[1]?.parsed.subject).toMatch(/^\[Test\] Spring meeting$/);
    });

    await test.step('create the campaign', async () => {
      await activate(page, button(w.compose.create));
      await expect(heading(1, w.compose.campaignsTitle)).toBeFocused();
    });

    await test.step('open the campaign and schedule it; it sends when the host clock reaches the time', async () => {
      await activate(page, button(w.compose.campaign.open));
      await expect(page.getByRole('heading', { level: 1, name: /^Spring meeting · / })).toBeFocused();
      const panel = page.getByRole('region', { name: w.schedule.heading });
      await tabTo(page, panel.getByLabel(w.schedule.label));
      const keys = seoulKeys(clock.now() + 3 * MINUTE);
      await page.keyboard.type(keys.date);
      // The year takes up to six digits, so it does not move on by itself: the arrow key goes to the hour.
      await page.keyboard.press('ArrowRight');
      await page.keyboard.type(keys.time);
      await activate(page, panel.getByRole('button', { name: w.schedule.set, exact: true }));
      await expect(page.locator('.campaign[data-campaign-status="scheduled"]')).toBeVisible();
      await expect(panel).toContainText('(Asia/Seoul)');
      expect(relay.messages).toHaveLength(2);
      offset += 4 * MINUTE;
      await expect(page.locator('.campaign[data-campaign-status="completed"]')).toBeVisible({ timeout: 90_000 });
      expect(relay.messages).toHaveLength(MEMBERS.length + 2);
    });

    await test.step('the results table is one tab stop with arrow keys, Home, End and the Page keys inside', async () => {
      const table = page.getByRole('table', { name: w.compose.campaign.rowsLabel });
      const row = (email: string) => table.getByRole('button', { name: new RegExp(`<${email.replace('.', '\\.')}>`) });
      await tabTo(page, row(MEMBERS[0]!));
      await page.keyboard.press('ArrowDown');
      await expect(row(MEMBERS[1]!)).toBeFocused();
      await page.keyboard.press('End');
      await expect(row(MEMBERS[MEMBERS.length - 1]!)).toBeFocused();
      await page.keyboard.press('PageUp');
      const afterPageUp = await page.evaluate(() => Number(document.activeElement?.closest('tr')?.getAttribute('data-index')));
      expect(afterPageUp).toBeLessThan(MEMBERS.length - 2);
      await page.keyboard.press('PageDown');
      await expect(row(MEMBERS[MEMBERS.length - 1]!)).toBeFocused();
      await page.keyboard.press('Home');
      await expect(row(MEMBERS[0]!)).toBeFocused();
      await page.keyboard.press('ArrowUp');
      await expect(row(MEMBERS[0]!)).toBeFocused();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      // One Tab leaves the table: the rows are not tab stops of their own.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('table') === null)).toBe(true);
      // Shift+Tab comes back (through the browser's own stop when the table is the page's last) to the row last used.
      for (let presses = 0; presses < 3 && (await page.evaluate(() => document.activeElement?.closest('table') === null)); presses++) await page.keyboard.press('Shift+Tab');
      await expect(row(MEMBERS[2]!)).toBeFocused();
      // Enter opens it.
      await page.keyboard.press('Enter');
      await expect(page.getByRole('region', { name: w.compose.campaign.rowDetails.replace('{{email}}', MEMBERS[2]!) })).toBeVisible();
    });

    await test.step('the current navigation item returns to the screen\u2019s start', async () => {
      await activate(page, nav(w.nav.campaigns), 'Shift+Tab');
      await expect(heading(1, w.compose.campaignsTitle)).toBeFocused();
      await expect(button(w.compose.campaign.open)).toBeVisible();
    });
  } finally {
    await host.close();
    await relay.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
