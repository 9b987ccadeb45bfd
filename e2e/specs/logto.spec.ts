/** Logto's SMTP connector JSON: pasted in, it becomes a working account with its templates; exported back, it keeps Logto's shape without the password. */
import { readFile } from 'node:fs/promises';
import { expect, test } from '../fixtures';
import { startSmtpSink } from '../fakes/smtp-sink';

const USER = 'noreply@hanbit.test';
const PASSWORD = 'logto-Secret-8a1d';

test.use({ locale: 'en-US' });

test('a Logto connector config imports as an account that sends, and exports back without the password', async ({ page, host, certificate }, testInfo) => {
  const smtp = await startSmtpSink({ security: 'starttls', certificate, users: { [USER]: PASSWORD } });
  try {
    const config = {
      host: '127.0.0.1',
      port: String(smtp.port),
      auth: { type: 'login', user: USER, pass: PASSWORD },
      fromEmail: `"Hanbit Notices" <${USER}>`,
      requireTLS: true,
      tls: { ca: certificate.cert },
      customHeaders: { 'X-Campaign': 'welcome' },
      templates: [
        { usageType: 'SignIn', contentType: 'text/plain', subject: 'Sign-in code', content: 'Your code is {{code}}' },
        { usageType: 'Generic', contentType: 'text/html', subject: 'Hello', content: '<p>Hello {{user.name}}</p>' },
      ],
    };
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Import from Logto' }).click();
    await page.getByLabel('Connector JSON').fill(JSON.stringify(config, null, 2));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const outcome = page.getByRole('status');
    await expect(outcome).toContainText('with 2 templates');
    await expect(outcome.locator('[data-note="custom-headers-dropped"]')).toContainText('X-Campaign');
    await expect(outcome.locator('[data-note="missing-required-usage-types"]')).toContainText('Register');
    await expect(outcome.locator('[data-note="html-values-escaped"]')).toContainText('user.name');

    const card = page.getByRole('listitem', { name: `Logto: ${USER}` });
    await expect(card).toContainText('Hanbit Notices <noreply@hanbit.test>');
    await card.getByRole('button', { name: 'Send test' }).click();
    await expect(card.locator('[data-status="sent"]')).toBeVisible();
    expect(smtp.messages).toHaveLength(1);

    await page.getByRole('button', { name: 'Close' }).click();
    await card.getByRole('button', { name: 'Export to Logto' }).click();
    await expect(page.getByRole('checkbox')).toHaveCount(2);
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download JSON' }).click();
    const file = testInfo.outputPath('logto.json');
    await (await downloading).saveAs(file);
    const exported = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(exported).sort()).toEqual(['auth', 'fromEmail', 'host', 'port', 'requireTLS', 'secure', 'templates']);
    expect(exported).toMatchObject({ host: '127.0.0.1', port: smtp.port, secure: false, requireTLS: true, auth: { type: 'login', user: USER, pass: '' } });
    expect(exported.templates).toEqual(config.templates);
    await expect(page.locator('[data-note="password-not-exported"]')).toBeVisible();
  } finally {
    await smtp.close();
  }
});
