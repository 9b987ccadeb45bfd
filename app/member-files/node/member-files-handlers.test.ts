import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemberFilesHandlers } from './member-files-handlers';

describe('member-files handlers', () => {
  it('answers the native dialog’s folder, its cancel, and "unavailable" where there is none', async () => {
    expect(await createMemberFilesHandlers({ pickFolder: async () => '/home/a/files' })['member-files:pick-folder']()).toEqual({ status: 'chosen', folder: '/home/a/files' });
    expect(await createMemberFilesHandlers({ pickFolder: async () => null })['member-files:pick-folder']()).toEqual({ status: 'cancelled' });
    expect(await createMemberFilesHandlers({})['member-files:pick-folder']()).toEqual({ status: 'unavailable' });
  });

  it('checks a typed folder in main', async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'mailroom-check-folder-')));
    try {
      const check = createMemberFilesHandlers({})['member-files:check-folder'];
      expect(await check({ folder: dir })).toEqual({ ok: true, folder: dir, files: 0 });
      expect(await check({ folder: join(dir, 'nope') })).toEqual({ ok: false, problem: 'missing' });
      expect(await check({ folder: 'relative/path' })).toEqual({ ok: false, problem: 'not-absolute' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
