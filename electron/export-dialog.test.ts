import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDialogExportDeliverer, type ExportDialogs } from './export-dialog';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mailroom-export-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const file = { fileName: 'mailroom-accounts.mailroom', content: '{"format":"mailroom-accounts"}', passphrase: 'ABCDE-FGHJK-MNPQR-STUVW-XYZ23-45678', count: 2 };

function fakeDialogs(savePath: string | undefined) {
  const boxes: { message: string; detail?: string }[] = [];
  const saves: { defaultPath?: string }[] = [];
  const dialogs = {
    showSaveDialog: async (...args: unknown[]) => {
      saves.push(args.at(-1) as { defaultPath?: string });
      return savePath === undefined ? { canceled: true, filePath: '' } : { canceled: false, filePath: savePath };
    },
    showMessageBox: async (...args: unknown[]) => {
      boxes.push(args.at(-1) as { message: string; detail?: string });
      return { response: 0, checkboxChecked: false };
    },
  } as unknown as ExportDialogs;
  return { dialogs, boxes, saves };
}

describe('the Electron export: native save dialog, file written by main, passphrase in a native box', () => {
  it('writes the chosen file owner-only and shows the passphrase only in the box (Korean locale)', async () => {
    const target = join(dir, 'moving.mailroom');
    const { dialogs, boxes, saves } = fakeDialogs(target);
    const deliver = createDialogExportDeliverer({ dialog: dialogs, window: () => null, locale: () => 'ko-KR', startFolder: () => dir });
    const delivery = await deliver(file);
    expect(delivery).toEqual({ saved: true, location: target, passphraseShownIn: 'dialog' });
    expect(JSON.stringify(delivery)).not.toContain(file.passphrase);
    expect(saves[0]?.defaultPath).toBe(join(dir, 'mailroom-accounts.mailroom'));
    expect(await readFile(target, 'utf8')).toBe(file.content);
    if (process.platform !== 'win32') expect((await stat(target)).mode & 0o777).toBe(0o600);
    expect(boxes).toHaveLength(1);
    expect(boxes[0]?.message).toContain('암호');
    expect(boxes[0]?.detail).toContain(file.passphrase);
  });

  it('saves nothing and shows no passphrase when the save dialog is cancelled', async () => {
    const { dialogs, boxes } = fakeDialogs(undefined);
    const deliver = createDialogExportDeliverer({ dialog: dialogs, window: () => null, locale: () => 'en-US', startFolder: () => dir });
    expect(await deliver(file)).toEqual({ saved: false });
    expect(boxes).toEqual([]);
  });
});
