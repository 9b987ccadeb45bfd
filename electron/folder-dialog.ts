/**
 * The Electron side of `member-files:pick-folder`: a native folder dialog in the main process. The page
 * is told only the folder's path; main reads the files in it when it checks and sends.
 */
import type { BrowserWindow, Dialog, OpenDialogOptions } from 'electron';

/** The dialog call used. */
export type FolderDialogs = Pick<Dialog, 'showOpenDialog'>;

const TITLES = { en: 'Folder of the members’ own attachments', ko: '회원별 첨부 파일이 있는 폴더' } as const;

/** Creates the folder picker over Electron's dialog; `window` parents it, `locale` picks ko/en words. */
export function createFolderPicker(deps: { readonly dialog: FolderDialogs; readonly window: () => BrowserWindow | null; readonly locale: () => string; readonly startFolder: () => string }) {
  return async (): Promise<string | null> => {
    const words = deps.locale().toLowerCase().startsWith('ko') ? 'ko' : 'en';
    const options: OpenDialogOptions = { title: TITLES[words], defaultPath: deps.startFolder(), properties: ['openDirectory'] };
    const parent = deps.window();
    const chosen = parent ? await deps.dialog.showOpenDialog(parent, options) : await deps.dialog.showOpenDialog(options);
    return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
  };
}
