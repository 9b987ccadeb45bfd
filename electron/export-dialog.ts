/**
 * The Electron side of `accounts:export`: main asks where to save through a native save dialog, writes
 * the file itself (owner-only, 0600), and shows the passphrase in a native message box. The renderer
 * is told only the path; neither the file's content nor its passphrase crosses IPC.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import type { ExportDeliverer } from '../app/accounts/node/account-transfer';

/** The dialog calls used. */
export type ExportDialogs = Pick<Dialog, 'showSaveDialog' | 'showMessageBox'>;

const WORDS = {
  en: {
    saveTitle: 'Export Mailroom accounts',
    filter: 'Mailroom accounts',
    message: 'Write down the passphrase of this export',
    detail: (count: number, path: string, passphrase: string) =>
      `${count} account(s) were exported to:\n${path}\n\nPassphrase:\n\n${passphrase}\n\nYou need it to import the file on another computer. It is shown only here, once; Mailroom does not keep it.`,
    ok: 'I wrote it down',
  },
  ko: {
    saveTitle: 'Mailroom 계정 내보내기',
    filter: 'Mailroom 계정',
    message: '이 내보내기 파일의 암호를 적어 두세요',
    detail: (count: number, path: string, passphrase: string) =>
      `계정 ${count}개를 내보냈습니다:\n${path}\n\n암호:\n\n${passphrase}\n\n다른 컴퓨터에서 파일을 가져올 때 필요합니다. 여기에서 한 번만 보여 주며, Mailroom은 이 암호를 보관하지 않습니다.`,
    ok: '적어 두었습니다',
  },
} as const;

/** Creates the deliverer over Electron's dialogs; `window` parents them, `locale` picks ko/en words. */
export function createDialogExportDeliverer(deps: {
  readonly dialog: ExportDialogs;
  readonly window: () => BrowserWindow | null;
  readonly locale: () => string;
  /** The folder the save dialog starts in (the user's Documents). */
  readonly startFolder: () => string;
  /** Writes the file (tests: a temporary folder). */
  readonly write?: (path: string, content: string) => Promise<void>;
}): ExportDeliverer {
  const write = deps.write ?? ((path: string, content: string) => writeFile(path, content, { mode: 0o600 }));
  return async (file) => {
    const words = deps.locale().toLowerCase().startsWith('ko') ? WORDS.ko : WORDS.en;
    const parent = deps.window();
    const saveOptions = {
      title: words.saveTitle,
      defaultPath: join(deps.startFolder(), file.fileName),
      filters: [{ name: words.filter, extensions: ['mailroom'] }],
    };
    const chosen = parent ? await deps.dialog.showSaveDialog(parent, saveOptions) : await deps.dialog.showSaveDialog(saveOptions);
    if (chosen.canceled || !chosen.filePath) return { saved: false };
    await write(chosen.filePath, file.content);
    const box = { type: 'info' as const, title: 'Mailroom', message: words.message, detail: words.detail(file.count, chosen.filePath, file.passphrase), buttons: [words.ok], noLink: true };
    if (parent) await deps.dialog.showMessageBox(parent, box);
    else await deps.dialog.showMessageBox(box);
    return { saved: true, location: chosen.filePath, passphraseShownIn: 'dialog' };
  };
}
