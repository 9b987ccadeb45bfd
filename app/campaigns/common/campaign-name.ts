/**
 * Campaign names: the default one (the subject as rendered for the first member, then the creation
 * date in the admin's locale), the rules a typed name must follow, and which campaigns may be archived
 * or deleted (finished ones only).
 */
import type { CAMPAIGN_STATUSES } from '../../ipc/common/contract';

/** The longest name kept (longer ones are cut, with an ellipsis). */
export const CAMPAIGN_NAME_MAX = 200;

/** Separates the subject from the date in a default name. */
export const NAME_DATE_SEPARATOR = ' · ';

/** The creation date as the admin reads it: `Nov 30, 2026`, `2026. 11. 30.`; an unknown locale reads as English. */
export function nameDate(createdAt: string, locale: string, timeZone?: string): string {
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime())) return createdAt.slice(0, 10);
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', ...(timeZone === undefined ? {} : { timeZone }) };
  try {
    return new Intl.DateTimeFormat(locale, options).format(date);
  } catch {
    return new Intl.DateTimeFormat('en', options).format(date);
  }
}

/** A name on one line, without control characters, spaces collapsed, at most CAMPAIGN_NAME_MAX characters. */
export function cleanCampaignName(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it removes
  const oneLine = text.normalize('NFC').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  const chars = [...oneLine];
  return chars.length <= CAMPAIGN_NAME_MAX ? oneLine : `${chars.slice(0, CAMPAIGN_NAME_MAX - 1).join('').trimEnd()}…`;
}

/** The default name: the rendered subject (or, when none, the words given for "untitled") and the date. */
export function defaultNameOf(renderedSubject: string, createdAt: string, locale: string, timeZone?: string): string {
  const date = nameDate(createdAt, locale, timeZone);
  const subject = cleanCampaignName(renderedSubject);
  const room = CAMPAIGN_NAME_MAX - [...NAME_DATE_SEPARATOR].length - [...date].length;
  const shown = [...subject].length <= room ? subject : `${[...subject].slice(0, Math.max(1, room - 1)).join('').trimEnd()}…`;
  return shown === '' ? date : `${shown}${NAME_DATE_SEPARATOR}${date}`;
}

/** A campaign's status. */
type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Whether a campaign has finished (done or cancelled): only those may be archived or deleted. */
export function isFinishedStatus(status: CampaignStatus): boolean {
  return status === 'completed' || status === 'cancelled';
}

/** A file name part from a campaign name: letters (any script), digits, `-` and `_`; at most 80 characters. */
export function fileNamePartOf(name: string): string {
  const part = [...name.normalize('NFC').replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/-{2,}/g, '-').replace(/^-|-$/g, '')].slice(0, 80).join('');
  return part.replace(/-$/, '');
}
