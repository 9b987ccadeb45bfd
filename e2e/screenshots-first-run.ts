/**
 * `npm run screenshots` (part 3): the first-run setup step by step, in Korean and English, and the
 * main screens at a 1024×640 window (header buttons, the member table, a campaign), into
 * .artifacts/screenshots/ for a person to look at. Real host, real SMTP server on 127.0.0.1.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSmtpSink } from './fakes/smtp-sink';
import { createNodeHandlers } from '../app/handlers/node/node-composition';
import { startWebHost } from '../app/host-web/node/web-host';
import { en } from '../renderer/i18n/en';
import { ko } from '../renderer/i18n/ko';
import { launchChromium, screenshotsDir } from './chromium';

const out = await screenshotsDir();
const USER = 'office@hanbit.test';
const smtp = await startSmtpSink({ security: 'none', users: { [USER]: 'pw-right' } });
const browser = await launchChromium();
const members = Array.from({ length: 60 }, (_, i) => `회원${i} <member${i}@hanbit.test>`);

for (const locale of ['en-US', 'ko-KR'] as const) {
  const w = locale === 'ko-KR' ? ko : en;
  const tag = locale.slice(0, 2);
  const dataDir = await mkdtemp(join(tmpdir(), 'mailroom-shots-'));
  // No passphrase given: where there is no keychain, the passphrase card comes first.
  const host = await startWebHost({
    staticDir: process.env.MAILROOM_RENDERER_DIR ?? resolve(import.meta.dirname, '../out/renderer'),
    createHandlers: (emit) => createNodeHandlers({ dataDir, emit }),
  });
  const context = await browser.newContext({ locale, colorScheme: 'light', viewport: { width: 1180, height: 860 } });
  const page = await context.newPage();
  const shot = (name: string, fullPage = true) => page.screenshot({ path: join(out, `${name}-${tag}.png`), fullPage });
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const field = (name: string) => page.getByLabel(name, { exact: true });
  await page.goto(host.url);
  await page.getByRole('heading', { name: w.firstRun.welcome.title }).waitFor();
  await shot('first-run-1-welcome');
  await field(w.secrets.passphrase).fill('screenshot passphrase');
  await field(w.secrets.confirm).fill('screenshot passphrase');
  await button(w.secrets.choose).click();
  await button(w.firstRun.welcome.start).click();
  await field(w.firstRun.provider.address).fill('hanbit.office@gmail.com');
  await page.locator('[data-picked="gmail"]').waitFor();
  await shot('first-run-2-provider');
  await button(w.firstRun.provider.next).click();
  await shot('first-run-3-gmail-app-password');
  await page.getByLabel(w.firstRun.connect.oauth).check();
  await shot('first-run-3-gmail-oauth');
  await page.getByLabel(w.firstRun.connect.appPassword).check();
  await button(w.common.cancel).click();
  await field(w.firstRun.provider.address).fill(USER);
  await page.getByLabel(w.presets.custom.name, { exact: true }).check();
  await button(w.firstRun.provider.next).click();
  await field(w.accountForm.label).fill(locale === 'ko-KR' ? '한빛학교 행정실' : 'Hanbit office');
  await field(w.accountForm.password).fill('pw-right');
  await field(w.accountForm.host).fill('127.0.0.1');
  await field(w.accountForm.port).fill(String(smtp.port));
  await page.getByLabel(w.accounts.security.none).check();
  await shot('first-run-3-custom-form');
  await button(w.common.save).click();
  await page.locator('[data-check="passed"]').waitFor({ timeout: 30_000 });
  await shot('first-run-4-check');
  await button(w.firstRun.check.next).click();
  await button(w.sendTest.send).click();
  await page.locator('.send-test [data-status="sent"]').waitFor({ timeout: 30_000 });
  await shot('first-run-5-test');
  await button(w.firstRun.test.next).click();
  await shot('first-run-6-import-list');
  await button(w.firstRun.done.importList).click();

  // A list and a campaign, then the same screens at 1024×640.
  await button(w.listsScreen.actions.paste).click();
  await field(w.listsScreen.paste.text).fill(members.join('\n'));
  await field(w.listsScreen.paste.listName).fill(locale === 'ko-KR' ? '3학년 학부모' : 'Year 3 parents');
  await button(w.listsScreen.paste.submit).click();
  await page.locator('[data-report-list]').waitFor();
  await page.getByRole('navigation').getByRole('button', { name: w.nav.compose, exact: true }).click();
  await field(w.compose.subject).fill('{{name}}: spring meeting');
  await field(w.compose.content).fill('Dear {{name}}, the spring meeting is on Saturday.');
  await field(w.compose.pace).fill('3000');
  await page.locator('[data-will-send="60"]').waitFor();
  await button(w.compose.create).click();
  await button(w.compose.campaign.open).click();
  await button(w.compose.campaign.start).click();
  await page.locator('.campaign[data-campaign-status="completed"]').waitFor({ timeout: 60_000 });
  await page.keyboard.press('Tab');

  await page.setViewportSize({ width: 1024, height: 640 });
  await shot('narrow-1024-campaign', false);
  await page.getByRole('navigation').getByRole('button', { name: w.nav.accounts, exact: true }).click();
  await shot('narrow-1024-accounts', false);
  await page.getByRole('navigation').getByRole('button', { name: w.nav.lists, exact: true }).click();
  await shot('narrow-1024-lists', false);
  await page.getByRole('button', { name: w.listsScreen.overview.open }).first().click();
  await page.locator('[data-member-row]').first().waitFor();
  await shot('narrow-1024-list-detail', false);
  await page.getByRole('navigation').getByRole('button', { name: w.nav.compose, exact: true }).click();
  await shot('narrow-1024-compose', false);
  await context.close();
  await host.close();
  await rm(dataDir, { recursive: true, force: true });
}
await browser.close();
await smtp.close();
console.log(`Screenshots written to ${out}`);
