/**
 * axe-core over every screen and state, in Korean and English, light and dark: the empty screens, the
 * first-run setup step by step (welcome, provider, Gmail's two ways in, the form, Check, the test to
 * myself, "import your member list"), Lists (paste, report, detail, suppression, import), Templates
 * (starter picker, editor), Compose with its pre-flight, Campaigns (history, a finished campaign, a
 * selected row), Settings, and the Accounts panels. Every rule, every impact: zero violations.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { createNodeHandlers } from '../../app/handlers/node/node-composition';
import { startWebHost } from '../../app/host-web/node/web-host';
import { axeViolations, describeViolations } from '../axe';
import { startSmtpSink } from '../fakes/smtp-sink';
import { en } from '../../renderer/i18n/en';
import { ko } from '../../renderer/i18n/ko';

const USER = 'office@club.test';
const MEMBERS = Array.from({ length: 12 }, (_, i) => `Member ${i} <member${i}@club.test>`);

/** Runs axe on the page as it is now and records what it finds under `where`. */
function auditor(page: Page) {
  const found: string[] = [];
  const audited: string[] = [];
  const audit = async (where: string) => {
    // The page settles first: no request in flight, fonts laid out.
    await page.waitForLoadState('networkidle');
    const violations = await axeViolations(page);
    audited.push(where);
    if (violations.length > 0) found.push(describeViolations(where, violations));
  };
  return { audit, found, audited };
}

for (const locale of ['en-US', 'ko-KR'] as const) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`${locale} ${colorScheme}`, () => {
      test.use({ locale, colorScheme });

      test(`every screen and state has no axe violations (${locale}, ${colorScheme})`, async ({ page, host }) => {
        test.setTimeout(240_000);
        const w = locale === 'ko-KR' ? ko : en;
        const nav = (name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true });
        const button = (name: string) => page.getByRole('button', { name, exact: true });
        const field = (name: string) => page.getByLabel(name, { exact: true });
        // One member's address is refused, so the campaign has a failed row with its diagnosis to audit.
        const relay = await startSmtpSink({
          security: 'none',
          users: { [USER]: 'pw-right' },
          script: { rcptTo: (address) => (address === 'member5@club.test' ? { code: 550, text: '5.1.1 The email account that you tried to reach does not exist.' } : undefined) },
        });
        const { audit, found, audited } = auditor(page);
        try {
          await page.goto(host.url);
          await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
          await expect(page.getByRole('heading', { level: 2, name: w.firstRun.welcome.title })).toBeVisible();
          await audit('accounts: first-run welcome');

          for (const [screen, heading] of [
            ['lists', w.listsScreen.title],
            ['templates', w.templatesScreen.title],
            ['compose', w.compose.title],
            ['campaigns', w.compose.campaignsTitle],
            ['settings', w.settings.title],
          ] as const) {
            await nav(w.nav[screen]).click();
            await expect(page.getByRole('heading', { level: 1, name: heading })).toBeFocused();
            await audit(`${screen}: empty`);
          }

          await test.step('the first-run setup', async () => {
            await nav(w.nav.accounts).click();
            await button(w.firstRun.welcome.start).click();
            await expect(page.getByRole('heading', { level: 2, name: w.firstRun.provider.title })).toBeFocused();
            await field(w.firstRun.provider.address).fill('hanbit.office@gmail.com');
            await expect(page.locator('[data-picked="gmail"]')).toBeVisible();
            await audit('first-run: provider, picked from the address');
            await button(w.firstRun.provider.next).click();
            await expect(page.getByRole('heading', { level: 2, name: w.firstRun.connect.title.replace('{{name}}', w.presets.gmail.name) })).toBeFocused();
            await expect(field(w.accountForm.username)).toHaveValue('hanbit.office@gmail.com');
            await expect(field(w.accountForm.fromAddress)).toHaveValue('hanbit.office@gmail.com');
            await audit('first-run: Gmail, app password');
            await page.getByLabel(w.firstRun.connect.oauth).check();
            await expect(page.getByRole('heading', { name: w.oauth.screen.title })).toBeVisible();
            await audit('first-run: Gmail, OAuth');
            await page.getByLabel(w.firstRun.connect.appPassword).check();
            await button(w.common.cancel).click();

            await field(w.firstRun.provider.address).fill(USER);
            await expect(page.locator('[data-picked]')).toHaveCount(0);
            await page.getByLabel(w.presets.custom.name, { exact: true }).check();
            await button(w.firstRun.provider.next).click();
            await field(w.accountForm.label).fill('Club office');
            await field(w.accountForm.password).fill('pw-right');
            await field(w.accountForm.host).fill('127.0.0.1');
            await field(w.accountForm.port).fill(String(relay.port));
            await page.getByLabel(w.accounts.security.none).check();
            await expect(field(w.accountForm.fromAddress)).toHaveValue(USER);
            await audit('first-run: the account form, filled');
            await button(w.common.save).click();
            await expect(page.locator('[data-check="passed"]')).toBeVisible({ timeout: 30_000 });
            await audit('first-run: Check passed');
            await button(w.firstRun.check.next).click();
            await expect(page.getByRole('heading', { level: 2, name: w.firstRun.test.title })).toBeFocused();
            await expect(field(w.sendTest.to)).toHaveValue(USER);
            await button(w.sendTest.send).click();
            await expect(page.locator('.send-test [data-status]')).toBeVisible({ timeout: 30_000 });
            await audit('first-run: test sent to myself');
            await button(w.firstRun.test.next).click();
            await expect(page.getByRole('heading', { level: 2, name: w.firstRun.done.title })).toBeFocused();
            await audit('first-run: import your member list');
            await button(w.firstRun.done.importList).click();
            await expect(page.getByRole('heading', { level: 1, name: w.listsScreen.title })).toBeFocused();
          });

          await test.step('Lists', async () => {
            await button(w.listsScreen.actions.paste).click();
            await expect(page.getByRole('heading', { level: 2, name: w.listsScreen.paste.title })).toBeFocused();
            await audit('lists: paste');
            await field(w.listsScreen.paste.text).fill(MEMBERS.join('\n'));
            await field(w.listsScreen.paste.listName).fill('Club members');
            await button(w.listsScreen.paste.submit).click();
            await expect(page.locator('[data-report-list] [data-summary="accepted"]')).toHaveAttribute('data-count', String(MEMBERS.length));
            await audit('lists: paste report');
            await button(w.listsScreen.actions.back).click();
            await audit('lists: overview with a list');
            await page.getByRole('button', { name: w.listsScreen.overview.open }).first().click();
            await expect(page.getByRole('heading', { level: 2, name: 'Club members' })).toBeFocused();
            await audit('lists: detail');
            await button(w.listsScreen.actions.back).click();
            await button(w.listsScreen.actions.suppression).click();
            await audit('lists: suppression');
            await button(w.listsScreen.actions.back).click();
            await button(w.listsScreen.actions.importFile).click();
            await audit('lists: import a file');
          });

          await test.step('Templates', async () => {
            await nav(w.nav.templates).click();
            await button(w.templatesScreen.fromStarter).click();
            await audit('templates: starters');
            await page.getByRole('button', { name: w.templatesScreen.starters.use }).first().click();
            await audit('templates: editor from a starter');
          });

          await test.step('Compose and a campaign', async () => {
            await nav(w.nav.compose).click();
            await field(w.compose.subject).fill('Spring meeting for {{name}}');
            await field(w.compose.content).fill('Dear {{name}}, the spring meeting is on Saturday.');
            await field(w.compose.pace).fill('3000');
            await expect(page.getByRole('region', { name: w.compose.preflightTitle })).toHaveAttribute('data-will-send', String(MEMBERS.length));
            await audit('compose: filled, pre-flight');
            await button(w.compose.create).click();
            await expect(page.getByRole('heading', { level: 1, name: w.compose.campaignsTitle })).toBeFocused();
            await audit('campaigns: history');
            await button(w.compose.campaign.open).click();
            await expect(page.getByRole('heading', { level: 1, name: /^Spring meeting for Member 0 · / })).toBeFocused();
            await audit('campaign: ready');
            await button(w.compose.campaign.start).click();
            await expect(page.locator('.campaign[data-campaign-status="completed"]')).toBeVisible({ timeout: 60_000 });
            await audit('campaign: completed');
            await page.getByRole('table').getByRole('button', { name: /member5@club\.test/ }).click();
            await expect(page.locator('[data-row-details] [data-diagnosis="recipient-rejected"]')).toBeVisible();
            await audit('campaign: a failed row selected, with its diagnosis');
          });

          await test.step('Campaign names: the rename field, the renamed heading, the confirm dialog, the archived history', async () => {
            await page.locator('.campaign-name__line').getByRole('button').click();
            await expect(field(w.names.nameLabel)).toBeFocused();
            await audit('campaign: rename field');
            await field(w.names.nameLabel).fill('Spring meeting 2026');
            await field(w.names.nameLabel).press('Enter');
            await expect(page.getByRole('heading', { level: 1, name: 'Spring meeting 2026' })).toBeVisible();
            await audit('campaign: renamed heading');
            await button(w.names.archiveLabel.replace('{{name}}', 'Spring meeting 2026')).click();
            await expect(page.getByRole('alertdialog')).toBeVisible();
            await audit('campaign: confirm dialog open');
            await page.getByRole('alertdialog').getByRole('button', { name: w.names.confirmArchive.confirm, exact: true }).click();
            await expect(page.locator('[data-housekeeping-notice]')).toBeVisible();
            await audit('campaign: archived');
            await button(w.compose.campaign.back).click();
            await page.getByLabel(w.names.showArchived, { exact: true }).check();
            await expect(page.locator('[data-archived-section] .campaign-card')).toHaveCount(1);
            await audit('campaigns: archived history shown');
          });

          await test.step('Settings and the Accounts panels', async () => {
            await nav(w.nav.settings).click();
            await audit('settings');
            await nav(w.nav.accounts).click();
            await expect(page.getByRole('listitem', { name: 'Club office' })).toBeVisible();
            await audit('accounts: one account');
            await page.getByRole('listitem', { name: 'Club office' }).getByRole('button', { name: w.accounts.check, exact: true }).click();
            await expect(page.locator('.account-card [data-check="passed"]')).toBeVisible({ timeout: 30_000 });
            await audit('accounts: check report');
            for (const [open, where] of [
              [w.accounts.add, 'accounts: add form'],
              [w.logto.import, 'accounts: Logto import'],
              [w.transfer.import, 'accounts: import accounts'],
              [w.transfer.export, 'accounts: export accounts'],
              [w.oauth.screen.connect, 'accounts: OAuth connect'],
            ] as const) {
              await button(open).click();
              await audit(where);
              await nav(w.nav.accounts).click();
            }
          });
        } finally {
          await relay.close();
        }
        console.log(`axe: ${audited.length} states audited (${locale}, ${colorScheme})`);
        expect(found, found.join('\n')).toEqual([]);
      });
    });
  }
}

for (const locale of ['en-US', 'ko-KR'] as const) {
  test.describe(`${locale} without a keychain`, () => {
    test.use({ locale });

    test(`the passphrase card says what it protects and that it cannot be recovered, with no axe violations (${locale})`, async ({ page }) => {
      const w = locale === 'ko-KR' ? ko : en;
      const dataDir = await mkdtemp(join(tmpdir(), 'mailroom-e2e-'));
      // No passphrase handed to the handlers: as on a computer without a real keychain.
      const host = await startWebHost({
        staticDir: process.env.MAILROOM_RENDERER_DIR ?? resolve(import.meta.dirname, '../../out/renderer'),
        createHandlers: (emit) => createNodeHandlers({ dataDir, emit }),
      });
      try {
        await page.goto(host.url);
        const card = page.getByRole('form', { name: w.secrets.chooseTitle });
        await expect(card).toContainText(w.firstRun.secrets.what);
        await expect(card).toContainText(w.firstRun.secrets.recover);
        await expect(page.getByRole('heading', { level: 2, name: w.firstRun.welcome.title })).toBeVisible();
        const { audit, found } = auditor(page);
        await audit('accounts: passphrase card and welcome');
        await page.getByLabel(w.secrets.passphrase, { exact: true }).fill('a passphrase for e2e');
        await page.getByLabel(w.secrets.confirm, { exact: true }).fill('a passphrase for e2e');
        await page.getByRole('button', { name: w.secrets.choose, exact: true }).click();
        await expect(card).toBeHidden({ timeout: 30_000 });
        await audit('accounts: unlocked, welcome');
        expect(found, found.join('\n')).toEqual([]);
      } finally {
        await host.close();
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  });
}
