/**
 * A new user sets up Gmail with the Gmail preset. The server is a loopback smtp-server that answers
 * exactly like smtp.gmail.com (providers.md §2.2): the normal Google password gets 534 5.7.9, a wrong
 * app password 535 5.7.8, the right app password is accepted. The preset's host is overridden to it.
 */
import { expect, test } from '../fixtures';
import { startSmtpSink } from '../fakes/smtp-sink';

const ADDRESS = 'hanbit.office@gmail.com';
const APP_PASSWORD = 'abcdefghijklmnop';

test.use({ locale: 'en-US' });

test('Gmail preset: the app-password guidance appears, then the check passes and the test mail arrives', async ({ page, host, certificate }) => {
  const smtp = await startSmtpSink({
    security: 'implicit',
    certificate,
    users: { [ADDRESS]: APP_PASSWORD },
    script: {
      auth: (_user, password) =>
        /^[a-z]{16}$/.test(password)
          ? undefined
          : { code: 534, text: '5.7.9 Application-specific password required. Learn more at https://support.google.com/mail/?p=InvalidSecondFactor - gsmtp' },
    },
  });
  try {
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Add account' }).click();
    await page.getByLabel('Provider').selectOption({ label: 'Gmail (app password)' });
    const setup = page.getByRole('complementary', { name: 'Before you start' });
    await expect(setup).toContainText('2-Step Verification');
    await expect(setup.getByRole('link', { name: 'myaccount.google.com/apppasswords' })).toHaveAttribute('href', 'https://myaccount.google.com/apppasswords');

    await page.getByLabel('Account name').fill('Hanbit Gmail');
    await page.getByLabel('Username').fill(ADDRESS);
    await page.getByLabel(/^Password$/).fill('MyGooglePassword1!');
    await expect(page.getByText('This does not look like an app password')).toBeVisible();
    await page.getByLabel('From address').fill(ADDRESS);
    await page.getByLabel('From name').fill('한빛학교');
    // The preset filled smtp.gmail.com:465 with TLS; point it at the loopback server instead.
    await expect(page.getByLabel('SMTP server', { exact: true })).toHaveValue('smtp.gmail.com');
    await expect(page.getByLabel('Port', { exact: true })).toHaveValue('465');
    await page.getByLabel('SMTP server', { exact: true }).fill('127.0.0.1');
    await page.getByLabel('Port', { exact: true }).fill(String(smtp.port));
    await page.getByText('Advanced').click();
    await page.getByLabel(/CA certificate/).fill(certificate.cert);
    await page.getByRole('button', { name: 'Save' }).click();

    const card = page.getByRole('listitem', { name: 'Hanbit Gmail' });
    await expect(card).toContainText('0 of 500 sent in the last 24 hours');
    await card.getByRole('button', { name: 'Check' }).click();
    const report = card.getByRole('region', { name: 'Connection check' });
    await expect(report).toHaveAttribute('data-check', 'failed');
    await expect(report.locator('[data-step="auth"]')).toHaveAttribute('data-step-status', 'failed');
    await expect(report.locator('[data-step="tls"]')).toHaveAttribute('data-step-status', 'ok');
    const diagnosis = report.locator('[data-diagnosis="auth-app-password-required"]');
    await expect(diagnosis).toContainText('An app password is required');
    await expect(diagnosis).toContainText('534 5.7.9 Application-specific password required');
    await expect(diagnosis.getByRole('link', { name: 'myaccount.google.com/apppasswords' })).toBeVisible();
    expect(smtp.logins).toEqual([{ username: ADDRESS, ok: false }]);

    await card.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel(/^Password$/).fill('abcd efgh ijkl mnop');
    await expect(page.getByText('This does not look like an app password')).toBeHidden();
    await page.getByRole('button', { name: 'Save' }).click();

    await card.getByRole('button', { name: 'Check' }).click();
    await expect(report).toHaveAttribute('data-check', 'passed');
    for (const step of ['connect', 'tls', 'auth', 'mail-from']) {
      await expect(report.locator(`[data-step="${step}"]`)).toHaveAttribute('data-step-status', 'ok');
    }
    await expect(card.locator('[data-last-check="passed"]')).toBeVisible();
    expect(smtp.messages).toHaveLength(0);

    await card.getByRole('button', { name: 'Send test' }).click();
    await expect(card.locator('[data-status="sent"]')).toBeVisible();
    await expect(card).toContainText('1 of 500 sent in the last 24 hours');
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.rcptTo).toEqual([ADDRESS]);
    expect(smtp.messages[0]!.parsed.from?.value).toEqual([{ name: '한빛학교', address: ADDRESS }]);
    // The fake accepts only the 16 letters without spaces (it answers 534 to anything else), so the
    // passing check proves the spaces Google displays were removed before login.
    expect(smtp.logins.filter((l) => l.ok)).toHaveLength(2);
  } finally {
    await smtp.close();
  }
});
