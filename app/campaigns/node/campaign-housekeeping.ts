/**
 * Keeping the history tidy: rename a campaign, duplicate it into a new Compose draft, archive a finished
 * one (hidden from the history, restorable) or delete it with its recipients, journal and lock file.
 * Only finished campaigns (done or cancelled) are archived or deleted; the others are refused with words.
 */
import { rmSync } from 'node:fs';
import { AppError } from '../../ipc/common/app-error';
import type { CampaignSummary, ComposeDraftData } from '../../ipc/common/contract';
import type { Handlers } from '../../ipc/common/dispatch';
import { cleanCampaignName, isFinishedStatus } from '../common/campaign-name';
import { journalFileFor } from './campaign-journal';
import { acquireCampaignLock } from './campaign-lock';
import type { CampaignHeader, CampaignStore } from './campaign-store';
import type { DraftStore } from './draft-store';

type HousekeepingChannels = 'campaigns:rename' | 'campaigns:archive' | 'campaigns:delete' | 'campaigns:duplicate' | 'campaigns:list-archived';

/** What housekeeping needs. */
export interface CampaignHousekeepingDeps {
  /** The campaigns. */
  readonly campaigns: CampaignStore;
  /** Compose's drafts (a duplicate becomes one). */
  readonly drafts: DraftStore;
  /** Folder of the journals and lock files. */
  readonly journalDir: string;
  /** The lists there are now, to find the campaign's list again for its duplicate. */
  readonly lists: () => readonly { readonly id: string; readonly name: string }[];
}

/** The sentence for a campaign that has not finished, by what it is doing. */
function notFinished(header: CampaignHeader, what: 'archive' | 'delete'): AppError {
  const verb = what === 'archive' ? 'archived' : 'deleted';
  const doing: Record<string, string> = {
    running: 'is sending now',
    scheduled: 'is scheduled to send',
    'waiting-for-quota': 'is waiting for the daily limit',
    paused: 'is paused with members still to send',
    ready: 'has not been sent yet',
  };
  return new AppError('invalid-input', `This campaign ${doing[header.status] ?? 'has not finished'}, so it cannot be ${verb}.`, 'Only a finished (done or cancelled) campaign can be archived or deleted. Cancel it first.');
}

/** The draft data that sends the campaign's message again, to its list (when it still exists). */
export function draftOfCampaign(header: CampaignHeader, lists: readonly { readonly id: string; readonly name: string }[]): ComposeDraftData {
  const list = lists.find((l) => l.id === header.listId) ?? lists.find((l) => l.name === header.listName);
  return {
    accountId: header.accountId,
    listId: list?.id ?? '',
    templateId: 'inline',
    inline: { contentType: header.template.contentType, subject: header.template.subject, content: header.template.content },
    replyTo: header.replyTo,
    excluded: [],
    perMinute: String(header.perMinute),
  };
}

/** Creates the housekeeping handlers. */
export function createCampaignHousekeeping(deps: CampaignHousekeepingDeps): Pick<Handlers, HousekeepingChannels> {
  const { campaigns, drafts, journalDir } = deps;
  const headerOf = (id: string) => {
    const header = campaigns.header(id);
    if (!header) throw new AppError('not-found', 'That campaign no longer exists.');
    return header;
  };
  const summaryOf = (id: string): CampaignSummary => {
    const summary = campaigns.summary(id);
    if (!summary) throw new AppError('not-found', 'That campaign no longer exists.');
    return summary;
  };
  return {
    'campaigns:rename': async ({ id, name }) => {
      headerOf(id);
      if (cleanCampaignName(name) === '') throw new AppError('invalid-input', 'A campaign needs a name.', 'Type a name, or press Escape to keep the old one.');
      campaigns.rename(id, name);
      return summaryOf(id);
    },
    'campaigns:archive': async ({ id, archived }) => {
      const header = headerOf(id);
      if (archived && !isFinishedStatus(header.status)) throw notFinished(header, 'archive');
      campaigns.setArchived(id, archived);
      return summaryOf(id);
    },
    'campaigns:delete': async ({ id }) => {
      const header = headerOf(id);
      if (!isFinishedStatus(header.status)) throw notFinished(header, 'delete');
      // Held while the rows and files go: no other process (the command line) opens it meanwhile.
      const lock = acquireCampaignLock(journalDir, id);
      try {
        campaigns.remove(id);
        rmSync(journalFileFor(journalDir, id), { force: true });
      } finally {
        // Removes the lock file (a stale one of a crashed process was replaced by ours).
        lock.release();
      }
      return { id };
    },
    'campaigns:duplicate': async ({ id }) => {
      const header = headerOf(id);
      const { data: _data, ...summary } = drafts.save({ title: header.template.subject, data: draftOfCampaign(header, deps.lists()) });
      return summary;
    },
    'campaigns:list-archived': async () => campaigns.list('archived'),
  };
}
