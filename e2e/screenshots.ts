/**
 * `npm run screenshots`: drives the real UI in Chromium and saves PNGs of the screens to
 * .artifacts/screenshots/, in Korean and English, light and dark, for a person to look at.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { startFakeGoogle } from './fakes/google-oauth';
import { startSmtpSink } from './fakes/smtp-sink';
import { createTestCertificate } from './fakes/test-certificate';
import { createNodeHandlers } from '../app/handlers/node/node-composition';
import { startWebHost } from '../app/host-web/node/web-host';
import { launchChromium, screenshotsDir } from './chromium';

const out = await screenshotsDir();
const certificate = await createTestCertificate();
const ADDRESS = 'hanbit.office@gmail.com';
const smtp = await startSmtpSink({
  security: 'implicit',
  certificate,
  users: { [ADDRESS]: 'abcdefghijklmnop' },
  script: {
    auth: (_user, password) =>
      /^[a-z]{16}$/.test(password)
        ? undefined
        : { code: 534, text: '5.7.9 Application-specific password required. Learn more at https://support.google.com/mail/?p=InvalidSecondFactor - gsmtp' },
  },
});
// Google for the OAuth screens: a loopback fake the client JSON and the Gmail API base point at.
const google = await startFakeGoogle({ email: 'office@hanbit-school.kr' });
const browser = await launchChromium();
const label = (page: Page, en: string | RegExp, ko: string | RegExp) => page.getByLabel(new RegExp(`^(${src(en)}|${src(ko)})$`));
const src = (x: string | RegExp) => (typeof x === 'string' ? x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : x.source);

async function fillGmailAccount(page: Page, password: string) {
  await page.getByRole('button', { name: /Add account|계정 추가/ }).click();
  await label(page, 'Provider', '메일 서비스').selectOption('gmail');
  await label(page, 'Account name', '계정 이름').fill('Hanbit Gmail');
  await label(page, 'Username', '사용자 이름').fill(ADDRESS);
  await label(page, 'Password', '비밀번호').fill(password);
  await label(page, 'From address', '보내는 주소').fill(ADDRESS);
  await label(page, 'From name', '보내는 사람 이름').fill('한빛학교 행정실');
  await label(page, 'SMTP server', 'SMTP 서버').fill('127.0.0.1');
  await label(page, 'Port', '포트').fill(String(smtp.port));
  await page.getByText(/^(Advanced|고급 설정)$/).click();
  await page.getByLabel(/CA certificate|CA 인증서/).fill(certificate.cert);
}

/** The OAuth screens, last so that the other screens keep their one password account: import, consent waiting, connected, expired grant. */
async function shootOAuth(page: Page, shot: (name: string, fullPage?: boolean) => Promise<unknown>) {
  await page.getByRole('navigation').getByRole('button', { name: /^(Accounts|계정)$/ }).click();
  await page.getByRole('button', { name: /^(Connect Google account \(OAuth\)|Google 계정 연결 \(OAuth\))$/ }).click();
  await page.getByLabel(/^(Or paste the client JSON|또는 클라이언트 JSON 붙여 넣기)$/).fill(google.clientJson());
  await page.locator('[data-client="ok"]').waitFor();
  await label(page, 'Account name', '계정 이름').fill('Hanbit Workspace (OAuth)');
  await label(page, 'From name', '보내는 사람 이름').last().fill('한빛학교 행정실');
  await page.locator('.oauth-panel').scrollIntoViewIfNeeded();
  await shot('oauth-import');
  await page.getByRole('button', { name: /^(Connect in browser|브라우저에서 연결)$/ }).click();
  const link = page.getByRole('link', { name: /^(Open Google’s sign-in page|Google 로그인 페이지 열기)$/ });
  await link.waitFor();
  await shot('oauth-waiting', false);
  const consent = await page.context().newPage();
  await consent.goto((await link.getAttribute('href')) ?? '');
  await consent.getByRole('button', { name: 'Allow' }).click();
  await consent.getByText('You can close this tab').waitFor();
  await consent.close();
  await page.locator('[data-oauth-result="connected"]').waitFor();
  await page.getByRole('button', { name: /^(Close|닫기)$/ }).first().click();
  const card = page.getByRole('listitem', { name: 'Hanbit Workspace (OAuth)' });
  await card.getByRole('button', { name: /^(Check|점검)$/ }).click();
  await card.locator('[data-check="passed"]').waitFor();
  await card.getByRole('button', { name: /Send test|테스트 발송/ }).click();
  await card.locator('[data-status="sent"]').waitFor();
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: join(out, `oauth-connected-${tagOf(page)}.png`) });
  google.failRefresh({ error: 'invalid_grant', description: 'Token has been expired or revoked.' });
  await card.getByRole('button', { name: /^(Check|점검)$/ }).click();
  await card.locator('[data-check="failed"]').waitFor();
  await card.screenshot({ path: join(out, `oauth-expired-${tagOf(page)}.png`) });
  google.failRefresh(undefined);
}

const tags = new WeakMap<Page, string>();
const tagOf = (page: Page) => tags.get(page) ?? 'unknown';

for (const locale of ['en-US', 'ko-KR'] as const) {
  for (const colorScheme of ['light', 'dark'] as const) {
    const dataDir = await mkdtemp(join(tmpdir(), 'mailroom-shots-'));
    const host = await startWebHost({
      staticDir: process.env.MAILROOM_RENDERER_DIR ?? resolve(import.meta.dirname, '../out/renderer'),
      createHandlers: (emit) => createNodeHandlers({ dataDir, emit, gmailApiBase: google.apiBase }),
    });
    const context = await browser.newContext({ locale, colorScheme, viewport: { width: 1180, height: 860 } });
    const page = await context.newPage();
    const tag = `${locale.slice(0, 2)}-${colorScheme}`;
    tags.set(page, tag);
    const shot = (name: string, fullPage = true) => page.screenshot({ path: join(out, `${name}-${tag}.png`), fullPage });
    await page.goto(host.url);
    await page.getByRole('button', { name: /Add account|계정 추가/ }).waitFor();
    await shot('passphrase-gate', false);
    await label(page, 'Passphrase', '암호 문구').fill('screenshot passphrase');
    await label(page, 'Passphrase again', '암호 문구 확인').fill('screenshot passphrase');
    await page.getByRole('button', { name: /Set passphrase|암호 문구 정하기/ }).click();
    await fillGmailAccount(page, 'MyGooglePassword1!');
    await shot('account-form');
    await page.getByRole('button', { name: /^(Save|저장)$/ }).click();
    const card = page.getByRole('listitem', { name: 'Hanbit Gmail' });
    await card.getByRole('button', { name: /^(Check|점검)$/ }).click();
    await card.locator('[data-check]').waitFor();
    await shot('check-failed');
    await card.getByRole('button', { name: /^(Edit|수정)$/ }).click();
    await label(page, 'Password', '비밀번호').fill('abcd efgh ijkl mnop');
    await page.getByRole('button', { name: /^(Save|저장)$/ }).click();
    await card.getByRole('button', { name: /^(Check|점검)$/ }).click();
    await card.locator('[data-check="passed"]').waitFor();
    await card.getByRole('button', { name: /Send test|테스트 발송/ }).click();
    await card.locator('[data-status="sent"]').waitFor();
    await shot('check-passed');
    await page.getByRole('navigation').getByRole('button', { name: /^(Lists|명단)$/ }).click();
    await page.getByRole('button', { name: /^(Paste addresses|주소 붙여 넣기)$/ }).click();
    await label(page, 'Addresses', '주소').fill('김민수 <minsu@hanbit.test>\n이서연 <seoyeon@hanbit.test>\nbroken-address\n정하늘 <haneul@hanbit.test>');
    await label(page, 'List name', '명단 이름').fill('3학년 학부모');
    await page.getByRole('button', { name: /^(Save as a list|명단으로 저장)$/ }).click();
    await page.locator('[data-report-list]').waitFor();
    await shot('lists-report');
    await page.getByRole('navigation').getByRole('button', { name: /^(Compose|작성)$/ }).click();
    await page.getByLabel(/^(Subject|제목)$/).fill('{{name}} 보호자님께: 현장학습 안내');
    await page.getByLabel(/^(Message|본문)$/).fill('{{name}} 보호자님, 안녕하세요.\n11월 28일 현장학습 안내드립니다.');
    await page.locator('[data-preview="ok"]').waitFor();
    await page.locator('[data-will-send]').waitFor();
    await shot('compose');
    await page.getByRole('button', { name: /^(Create campaign|캠페인 만들기)$/ }).click();
    await page.getByRole('button', { name: /^(Open|열기)$/ }).first().click();
    await page.getByRole('button', { name: /^(Start sending|발송 시작)$/ }).click();
    await page.locator('.campaign[data-campaign-status="completed"]').waitFor({ timeout: 60_000 });
    await shot('campaign', false);
    await page.getByRole('navigation').getByRole('button', { name: /^(Settings|설정)$/ }).click();
    await shot('settings', false);
    await shootOAuth(page, shot);
    await context.close();
    await host.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
await browser.close();
await smtp.close();
await google.stop();
console.log(`Screenshots written to ${out}`);
