/**
 * A Workspace admin connects Gmail through OAuth with the Desktop-app client JSON they downloaded.
 * Google is played by a loopback fake (e2e/fakes/google-oauth.ts): the client JSON points its
 * auth_uri/token_uri at it, and the host's Gmail API base URL too. Playwright follows the link the
 * page shows, presses Allow on the fake consent page, and the fake redirects the browser to the app's
 * loopback listener, exactly as Google would. Then Check, Send test through the (fake) Gmail API,
 * an expired grant diagnosed with its 7-day explanation, and Reconnect.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startFakeGoogle, type FakeGoogle } from '../fakes/google-oauth';
import { expect, test as base } from '../fixtures';
import { createNodeHandlers } from '../../app/handlers/node/node-composition';
import { startWebHost } from '../../app/host-web/node/web-host';

const test = base.extend<{ google: FakeGoogle }>({
  google: async ({}, use) => {
    const google = await startFakeGoogle({ email: 'office@hanbit-school.kr' });
    await use(google);
    await google.stop();
  },
  host: async ({ google }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'mailroom-e2e-oauth-'));
    const host = await startWebHost({
      // MAILROOM_RENDERER_DIR: a renderer built elsewhere (a separate --outDir while others build `out/`).
      staticDir: process.env.MAILROOM_RENDERER_DIR ?? resolve(import.meta.dirname, '../../out/renderer'),
      createHandlers: (emit) => createNodeHandlers({ dataDir, passphrase: 'e2e-passphrase-not-secret', emit, gmailApiBase: google.apiBase }),
    });
    await use(host);
    await host.close();
    await rm(dataDir, { recursive: true, force: true });
  },
});

test.use({ locale: 'en-US' });

test('OAuth: import the client JSON, allow in the browser, check, send a test through the Gmail API, reconnect after invalid_grant', async ({ page, host, google }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Connect Google account (OAuth)' }).click();
  const panel = page.getByRole('form', { name: 'Connect a Google account with OAuth' });

  // A web client is refused with what to create instead.
  await panel.getByLabel('Or paste the client JSON').fill(JSON.stringify({ web: { client_id: 'x.apps.googleusercontent.com', client_secret: 'y' } }));
  await expect(panel.locator('[data-client-problem="web-client"]')).toContainText('Desktop app');
  await expect(panel.getByRole('button', { name: 'Connect in browser' })).toBeDisabled();

  await panel.getByLabel('Or paste the client JSON').fill(google.clientJson());
  await expect(panel.locator('[data-client="ok"]')).toContainText(google.clientId);
  await panel.getByRole('radio', { name: /Gmail API/ }).check();
  await panel.getByLabel('Account name').fill('Hanbit (Google)');
  await panel.getByLabel('From name').fill('한빛학교 행정실');
  await panel.getByRole('button', { name: 'Connect in browser' }).click();

  // Waiting: the page shows the link (this host cannot open a browser itself) and a Cancel button.
  const waiting = panel.getByRole('status', { name: 'Waiting for Google…' });
  await expect(waiting).toBeVisible();
  await expect(waiting.getByRole('button', { name: 'Cancel' })).toBeVisible();
  const link = waiting.getByRole('link', { name: 'Open Google’s sign-in page' });
  await expect(link).toHaveAttribute('href', new RegExp(`^${google.origin}/o/oauth2/v2/auth\\?`));
  const href = (await link.getAttribute('href')) ?? '';
  expect(new URL(href).searchParams.get('code_challenge_method')).toBe('S256');
  expect(new URL(href).searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

  const [consent] = await Promise.all([page.waitForEvent('popup'), link.click()]);
  await expect(consent.getByRole('heading', { name: 'Mailroom wants to access your Google Account' })).toBeVisible();
  await consent.getByRole('button', { name: 'Allow' }).click();
  await expect(consent.getByText('You can close this tab')).toBeVisible();
  await consent.close();

  await expect(panel.locator('[data-oauth-result="connected"]')).toContainText('Connected as office@hanbit-school.kr');
  await panel.getByRole('button', { name: 'Close' }).click();

  const card = page.getByRole('listitem', { name: 'Hanbit (Google)' });
  await expect(card.locator('[data-auth="oauth"]')).toContainText('Google sign-in (OAuth) as office@hanbit-school.kr');
  await expect(card.locator('[data-auth="oauth"]')).toContainText('sends by Gmail API');
  await expect(card).toContainText('0 of 2000 sent in the last 24 hours');

  await card.getByRole('button', { name: 'Check' }).click();
  const report = card.getByRole('region', { name: 'Connection check' });
  await expect(report).toHaveAttribute('data-check', 'passed');
  await expect(report.locator('[data-step="token"]')).toHaveAttribute('data-step-status', 'ok');
  await expect(report.locator('[data-step="api"]')).toHaveAttribute('data-step-status', 'ok');

  await card.getByLabel('Send to').fill('parent@hanbit.test');
  await card.getByRole('button', { name: 'Send test' }).click();
  await expect(card.locator('[data-status="sent"]')).toBeVisible();
  expect(google.apiMessages).toHaveLength(1);
  const sent = google.apiMessages[0]!;
  await expect(card.locator('[data-status="sent"]')).toContainText(sent.id);
  expect(sent.parsed.to).toMatchObject({ value: [{ address: 'parent@hanbit.test' }] });
  expect(sent.parsed.from?.value).toEqual([{ name: '한빛학교 행정실', address: 'office@hanbit-school.kr' }]);

  // Seven days later in "Testing": Google answers invalid_grant. Check says so and offers Reconnect.
  google.failRefresh({ error: 'invalid_grant', description: 'Token has been expired or revoked.' });
  await card.getByRole('button', { name: 'Check' }).click();
  await expect(report).toHaveAttribute('data-check', 'failed');
  await expect(report.locator('[data-step="token"]')).toHaveAttribute('data-step-status', 'failed');
  const diagnosis = report.locator('[data-diagnosis="oauth-invalid-grant"]');
  await expect(diagnosis).toContainText('Google ended this sign-in (invalid_grant)');
  await expect(diagnosis).toContainText('Publish app');
  await expect(diagnosis).toContainText('invalid_grant: Token has been expired or revoked.');
  await expect(card.locator('[data-reconnect="needed"]')).toBeVisible();

  google.failRefresh(undefined);
  await card.locator('[data-reconnect="needed"]').getByRole('button', { name: 'Reconnect' }).click();
  const again = page.getByRole('form', { name: 'Reconnect office@hanbit-school.kr' });
  await again.getByRole('button', { name: 'Reconnect' }).click();
  const link2 = again.getByRole('link', { name: 'Open Google’s sign-in page' });
  await expect(link2).toHaveAttribute('href', /login_hint=office%40hanbit-school\.kr/);
  const [consent2] = await Promise.all([page.waitForEvent('popup'), link2.click()]);
  await consent2.getByRole('button', { name: 'Allow' }).click();
  await expect(consent2.getByText('You can close this tab')).toBeVisible();
  await consent2.close();
  await expect(again.locator('[data-oauth-result="connected"]')).toBeVisible();
  await again.getByRole('button', { name: 'Close' }).click();
  await expect(page.locator('.account-card')).toHaveCount(1);
  // The new consent replaced the dead grant: the card no longer asks for it.
  await expect(card.locator('[data-reconnect="needed"]')).toHaveCount(0);
  await card.getByRole('button', { name: 'Check' }).click();
  await expect(report).toHaveAttribute('data-check', 'passed');
  await expect(card.locator('[data-reconnect="needed"]')).toHaveCount(0);
});

test('OAuth: a campaign through the Gmail API; a grant that dies pauses it with the diagnosis, Reconnect and Resume finish it', async ({ page, host, google }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Connect Google account (OAuth)' }).click();
  const panel = page.getByRole('form', { name: 'Connect a Google account with OAuth' });
  await panel.getByLabel('Or paste the client JSON').fill(google.clientJson());
  await panel.getByLabel('Account name').fill('Hanbit (Google)');
  await panel.getByRole('button', { name: 'Connect in browser' }).click();
  const link = panel.getByRole('link', { name: 'Open Google’s sign-in page' });
  const [consent] = await Promise.all([page.waitForEvent('popup'), link.click()]);
  await consent.getByRole('button', { name: 'Allow' }).click();
  await expect(consent.getByText('You can close this tab')).toBeVisible();
  await consent.close();
  await expect(panel.locator('[data-oauth-result="connected"]')).toBeVisible();
  await panel.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('navigation').getByRole('button', { name: 'Lists' }).click();
  await page.getByRole('button', { name: 'Paste addresses' }).click();
  await page.getByLabel('Addresses', { exact: true }).fill('Minsu <minsu@hanbit.test>\nSeoyeon <seoyeon@hanbit.test>\nHaneul <haneul@hanbit.test>');
  await page.getByLabel('List name', { exact: true }).fill('Parents');
  await page.getByRole('button', { name: 'Save as a list' }).click();
  await page.locator('[data-report-list]').waitFor();

  await page.getByRole('navigation').getByRole('button', { name: 'Compose' }).click();
  await page.getByLabel('Subject', { exact: true }).fill('Field trip for {{name}}');
  await page.getByLabel('Message', { exact: true }).fill('Dear {{name}}, the trip is on Friday.');
  await page.locator('[data-will-send]').waitFor();
  // Seven days after consent in "Testing": the grant dies before the campaign starts.
  google.revokeAll();
  await page.getByRole('button', { name: 'Create campaign' }).click();
  await page.getByRole('button', { name: 'Open' }).first().click();
  await page.getByRole('button', { name: 'Start sending' }).click();
  const paused = page.locator('[data-paused-diagnosis="oauth-invalid-grant"]');
  await expect(paused).toContainText('Google ended this sign-in (invalid_grant)');
  await expect(page.locator('.campaign')).toHaveAttribute('data-campaign-status', 'paused');
  expect(google.apiMessages).toHaveLength(0);

  // The Accounts screen knows the grant died and offers Reconnect.
  await paused.getByRole('button').last().click();
  const card = page.getByRole('listitem', { name: 'Hanbit (Google)' });
  await card.locator('[data-reconnect="needed"]').getByRole('button', { name: 'Reconnect' }).click();
  const again = page.getByRole('form', { name: /^Reconnect / });
  await again.getByRole('button', { name: 'Reconnect' }).click();
  const link2 = again.getByRole('link', { name: 'Open Google’s sign-in page' });
  const [consent2] = await Promise.all([page.waitForEvent('popup'), link2.click()]);
  await consent2.getByRole('button', { name: 'Allow' }).click();
  await consent2.close();
  await expect(again.locator('[data-oauth-result="connected"]')).toBeVisible();

  await page.getByRole('navigation').getByRole('button', { name: 'Campaigns' }).click();
  await page.getByRole('button', { name: 'Open' }).first().click();
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.locator('.campaign')).toHaveAttribute('data-campaign-status', 'completed', { timeout: 90_000 });
  expect(google.apiMessages).toHaveLength(3);
  // Every row's reply names the Gmail API id of its message.
  for (const message of google.apiMessages) await expect(page.getByText(`id ${message.id}`, { exact: false }).first()).toBeAttached();
});
