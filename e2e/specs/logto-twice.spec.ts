/** The same Logto connector file imported twice: the app offers to update the account and templates it made, not to duplicate them. */
import { expect, test } from '../fixtures';

test.use({ locale: 'en-US' });

const config = (subject: string) =>
  JSON.stringify({
    host: '127.0.0.1',
    port: 2525,
    auth: { user: 'noreply@hanbit.test', pass: 'logto-Secret-8a1d' },
    fromEmail: `"Hanbit Notices" <noreply@hanbit.test>`,
    templates: [{ usageType: 'SignIn', contentType: 'text/plain', subject, content: 'Your code is {{code}}' }],
  });

test('importing the same Logto file twice updates the existing account and its template', async ({ page, host }) => {
  await page.goto(host.url);
  const importOnce = async (subject: string) => {
    await page.getByRole('button', { name: 'Import from Logto' }).click();
    await page.getByLabel('Connector JSON').fill(config(subject));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
  };
  await importOnce('Sign-in code');
  await expect(page.getByRole('status')).toContainText('with 1 templates');
  await page.getByRole('button', { name: 'Close' }).click();

  await importOnce('Your sign-in code');
  const offer = page.locator('[data-logto-match]');
  await expect(offer).toContainText('This file is for an account you already have');
  await offer.getByRole('button', { name: 'Update the existing account' }).click();
  await expect(page.getByRole('status')).toContainText('Updated “');
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('listitem', { name: /noreply@hanbit.test/ })).toHaveCount(1);

  await page.getByRole('navigation').getByRole('button', { name: 'Templates' }).click();
  // One template row, not two: the second import updated the first (its subject is checked in logto-import.test.ts).
  await expect(page.getByRole('table', { name: 'Saved templates' }).getByRole('rowheader')).toHaveText(['SignIn (Logto)']);
});
