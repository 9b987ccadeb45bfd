/**
 * The real Electron app, where its binary exists: the window opens sandboxed, the preload bridge is
 * there, Node is not. On machines where Electron cannot be downloaded this spec is skipped, and the
 * reason is printed (by Playwright here, and by scripts/test.mjs).
 */
import { resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary, NO_ELECTRON } from '../../scripts/electron-binary.mjs';

const binary = electronBinary();

test('the Electron window exposes only the preload bridge', async () => {
  test.skip(binary === null, `${NO_ELECTRON}.`);
  const app = await electron.launch({ executablePath: binary!, args: [resolve(import.meta.dirname, '../..')] });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('navigation')).toBeVisible();
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (window as { mailroom?: { invoke?: unknown } }).mailroom?.invoke)).toBe('function');
  } finally {
    await app.close();
  }
});
