/**
 * Debian's Chromium as every browser run of the project launches it (Playwright's own download does not
 * work on these machines; the flags are DESIGN.md §6's), and where the screenshot scripts write.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium, type Browser, type LaunchOptions } from '@playwright/test';

/** The executable (MAILROOM_CHROMIUM, else Debian's) and its flags. */
export const CHROMIUM_LAUNCH: LaunchOptions = {
  executablePath: process.env.MAILROOM_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
};

/** Starts Chromium with `CHROMIUM_LAUNCH`. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(CHROMIUM_LAUNCH);
}

/** `.artifacts/screenshots`, created when missing. */
export async function screenshotsDir(): Promise<string> {
  const out = resolve(import.meta.dirname, '../.artifacts/screenshots');
  await mkdir(out, { recursive: true });
  return out;
}
