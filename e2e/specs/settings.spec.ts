/** Language and theme: follow the browser at first, switch in Settings, and survive a reload. */
import { expect, test } from '../fixtures';

test.use({ locale: 'en-US', colorScheme: 'light' });

test('switching to Korean and dark is applied at once and kept after a reload', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('navigation').getByRole('button', { name: 'Accounts' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Language').selectOption('ko');
  await expect(page.getByRole('navigation').getByRole('button', { name: '계정' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await page.getByLabel('테마').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  await page.reload();
  await expect(page.getByRole('navigation').getByRole('button', { name: '계정' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test.describe('a Korean browser', () => {
  test.use({ locale: 'ko-KR', colorScheme: 'dark' });
  test('starts in Korean and dark when the settings say "system"', async ({ page, host }) => {
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: '발송 계정' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  });
});
