import { describe, expect, it } from 'vitest';
import type { OpenDialogOptions } from 'electron';
import { createFolderPicker, type FolderDialogs } from './folder-dialog';

const dialogAnswering = (answer: { canceled: boolean; filePaths: string[] }, seen: OpenDialogOptions[]): FolderDialogs => ({
  showOpenDialog: (async (...args: unknown[]) => {
    seen.push(args[args.length - 1] as OpenDialogOptions);
    return answer;
  }) as FolderDialogs['showOpenDialog'],
});

describe('createFolderPicker', () => {
  it('asks for a directory in the user’s words and answers its path', async () => {
    const seen: OpenDialogOptions[] = [];
    const pick = createFolderPicker({ dialog: dialogAnswering({ canceled: false, filePaths: ['/home/a/files'] }, seen), window: () => null, locale: () => 'ko-KR', startFolder: () => '/home/a' });
    expect(await pick()).toBe('/home/a/files');
    expect(seen[0]).toMatchObject({ properties: ['openDirectory'], defaultPath: '/home/a', title: '회원별 첨부 파일이 있는 폴더' });
  });

  it('answers null when the dialog is cancelled', async () => {
    const pick = createFolderPicker({ dialog: dialogAnswering({ canceled: true, filePaths: [] }, []), window: () => null, locale: () => 'en-US', startFolder: () => '/' });
    expect(await pick()).toBeNull();
  });
});
