import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

/**
 * The fuses electron-builder flips at packaging, each with the reason for its value. The values are
 * read from electron-builder.yml; the list of fuses from the installed @electron/fuses, so an Electron
 * upgrade that brings a new fuse fails here until it is decided.
 */
const EXPECTED_FUSES: Record<string, { value: boolean; why: string }> = {
  runAsNode: { value: false, why: 'ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node that runs any script' },
  enableCookieEncryption: { value: true, why: 'cookies on disk encrypted with the OS keychain (the app keeps none, but nothing is lost)' },
  enableNodeOptionsEnvironmentVariable: { value: false, why: 'NODE_OPTIONS could preload code into the main process' },
  enableNodeCliInspectArguments: { value: false, why: '--inspect would let any local process attach a debugger to the main process' },
  enableEmbeddedAsarIntegrityValidation: { value: true, why: 'app.asar is checked against the hash in the signed binary' },
  onlyLoadAppFromAsar: { value: true, why: 'only the signed app.asar is loaded, never an app folder placed beside it' },
  loadBrowserProcessSpecificV8Snapshot: { value: false, why: 'no custom V8 snapshot is shipped' },
  grantFileProtocolExtraPrivileges: { value: false, why: 'the page comes from app://mailroom/, so file:// needs no extra privileges' },
};

const config = load(readFileSync(new URL('../electron-builder.yml', import.meta.url), 'utf8')) as {
  electronFuses?: Record<string, unknown>;
  npmRebuild?: unknown;
};

/** `RunAsNode` → `runAsNode`: electron-builder's key for a fuse of @electron/fuses. */
const builderKey = (fuseName: string) => fuseName.charAt(0).toLowerCase() + fuseName.slice(1);

describe('electron-builder fuses', () => {
  it.each(Object.entries(EXPECTED_FUSES))('%s is %s', (name, { value }) => {
    expect(config.electronFuses?.[name]).toBe(value);
  });

  it('sets every fuse the installed @electron/fuses knows, and no unknown one', () => {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('@electron/fuses', { paths: [require.resolve('app-builder-lib')] });
    const { FuseV1Options } = require(entry) as { FuseV1Options: Record<string, string | number> };
    const known = Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key))).map(builderKey);
    expect(known.length).toBeGreaterThanOrEqual(8);
    expect(Object.keys(config.electronFuses ?? {}).sort()).toEqual(known.sort());
    expect(Object.keys(EXPECTED_FUSES).sort()).toEqual(known.sort());
  });
});
