/** Handlers of the per-member attachments folder: the native folder dialog (Electron) and the check of a folder typed in the page (browser host). */
import type { Handlers } from '../../ipc/common/dispatch';
import { checkFolder } from './member-folder';

/** What these handlers need from their host. */
export interface MemberFilesHandlerDeps {
  /** Opens a native folder dialog and resolves the chosen folder, or null when cancelled; absent where there are no native dialogs (the browser host). */
  readonly pickFolder?: (() => Promise<string | null>) | undefined;
}

/** Creates the handlers. */
export function createMemberFilesHandlers(deps: MemberFilesHandlerDeps): Pick<Handlers, 'member-files:pick-folder' | 'member-files:check-folder'> {
  return {
    'member-files:pick-folder': async () => {
      if (!deps.pickFolder) return { status: 'unavailable' };
      const folder = await deps.pickFolder();
      return folder === null ? { status: 'cancelled' } : { status: 'chosen', folder };
    },
    'member-files:check-folder': async ({ folder }) => checkFolder(folder),
  };
}
