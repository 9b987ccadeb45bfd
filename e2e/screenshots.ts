/**
 * `npm run screenshots`: drives the real UI in Chromium and saves PNGs of the screens to
 * .artifacts/screenshots/, in Korean and English, light and dark, for a person to look at.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startSmtpSink } from './fakes/smtp-sink';
import { createTestCertificate } from './fakes/test-certificate';
import { createNodeHandlers } from './host/node-handlers';
import { startWebHost } from './host/web-host';

const out = resolve(import.meta.dirname, '../.artifacts/screenshots');
await mkdir(out, { recursive: true });
const certificate = await createTestCertificate();
const smtp = await startSmtpSink({ security: 'starttls', certificate, users: { 'office@hanbit.test': 'right-password' } });
const browser = await chromium.launch({
  executablePath: process.env.MAILROOM_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
});

async function addAccount(page: Page, label: string, password: string) {
  await page.getByRole('button', { name: /Add account|계정 추가/ }).click();
  await page.getByLabel(/Account name|계정 이름/).fill(label);
  await page.getByLabel(/SMTP server|SMTP 서버/).fill('127.0.0.1');
  await page.getByLabel(/^Port$|^포트$/).fill(String(smtp.port));
  await page.getByLabel(/Username|사용자 이름/).fill('office@hanbit.test');
  await page.getByLabel(/^Password$|^비밀번호$/).fill(password);
  await page.getByLabel(/From address|보내는 주소/).fill('office@hanbit.test');
  await page.getByLabel(/From name|보내는 사람 이름/).fill('한빛학교 행정실');
  await page.getByText(/Advanced|고급 설정/).click();
  await page.getByLabel(/CA certificate|CA 인증서/).fill(certificate.cert);
}

for (const locale of ['en-US', 'ko-KR'] as const) {
  for (const colorScheme of ['light', 'dark'] as const) {
    const dataDir = await mkdtemp(join(tmpdir(), 'mailroom-shots-'));
    const host = await startWebHost({
      staticDir: resolve(import.meta.dirname, '../out/renderer'),
      createHandlers: (emit) => createNodeHandlers({ dataDir, passphrase: 'screenshot-passphrase', emit }),
    });
    const context = await browser.newContext({ locale, colorScheme, viewport: { width: 1180, height: 860 } });
    const page = await context.newPage();
    const tag = `${locale.slice(0, 2)}-${colorScheme}`;
    await page.goto(host.url);
    await page.getByRole('button', { name: /Add account|계정 추가/ }).waitFor();
    await page.screenshot({ path: join(out, `accounts-empty-${tag}.png`) });
    await addAccount(page, 'Hanbit office', 'right-password');
    await page.screenshot({ path: join(out, `account-form-${tag}.png`), fullPage: true });
    await page.getByRole('button', { name: /^Save$|^저장$/ }).click();
    await addAccount(page, 'Wrong password', 'wrong-password');
    await page.getByRole('button', { name: /^Save$|^저장$/ }).click();
    for (const label of ['Hanbit office', 'Wrong password']) {
      const card = page.getByRole('listitem', { name: label });
      await card.getByLabel(/Send to|받는 주소/).fill('parent@members.test');
      await card.getByRole('button', { name: /Send test|테스트 발송/ }).click();
      await card.locator('[data-status]').waitFor();
    }
    await page.screenshot({ path: join(out, `accounts-results-${tag}.png`), fullPage: true });
    await page.getByRole('button', { name: /^Settings$|^설정$/ }).click();
    await page.screenshot({ path: join(out, `settings-${tag}.png`) });
    await page.getByRole('button', { name: /^Lists$|^명단$/ }).click();
    await page.screenshot({ path: join(out, `lists-empty-${tag}.png`) });
    await context.close();
    await host.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
await browser.close();
await smtp.close();
console.log(`Screenshots written to ${out}`);
