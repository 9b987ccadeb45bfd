/** Handlers of Compose's drafts (`drafts:*`) over the DraftStore. */
import { AppError } from '../../ipc/common/app-error';
import { composeDraftDataSchema } from '../../ipc/common/contract';
import type { Handlers } from '../../ipc/common/dispatch';
import type { DraftStore } from './draft-store';

type DraftChannels = 'drafts:list' | 'drafts:get' | 'drafts:save' | 'drafts:remove';

/** Creates the draft handlers. */
export function createDraftHandlers(drafts: DraftStore): Pick<Handlers, DraftChannels> {
  return {
    'drafts:list': async () => drafts.list(),
    'drafts:get': async ({ id }) => {
      const found = drafts.get(id);
      if (!found) throw new AppError('not-found', 'That draft no longer exists.');
      // A draft saved by another version may not fit today's shape: refuse it with words rather than crash the screen.
      const data = composeDraftDataSchema.safeParse(found.data);
      if (!data.success) throw new AppError('invalid-input', 'That draft cannot be read by this version of Mailroom.');
      return { id: found.id, title: found.title, updatedAt: found.updatedAt, data: data.data };
    },
    'drafts:save': async ({ id, title, data }) => {
      const { data: _saved, ...summary } = drafts.save({ ...(id === undefined ? {} : { id }), title, data });
      return summary;
    },
    'drafts:remove': async ({ id }) => {
      drafts.remove(id);
      return { id };
    },
  };
}
