/**
 * The names of every IPC request and event, and nothing else: the preload imports this file alone, so
 * it stays free of zod. `contract.ts` attaches a schema to each name and the compiler checks that the
 * two lists match.
 */

/** Request channels, `area:verb`. */
export const REQUEST_CHANNELS = [
  'app:info',
  'settings:get',
  'settings:save',
  'accounts:list',
  'accounts:save',
  'accounts:remove',
  'accounts:send-test',
  'messages:send',
  'accounts:check',
  'accounts:export',
  'accounts:import',
  'accounts:import-logto',
  'accounts:export-logto',
  'templates:list',
  'templates:save',
  'templates:remove',
  'templates:starters',
  'lists:list',
  'lists:get',
  'lists:inspect',
  'lists:import',
  'lists:paste',
  'lists:rename',
  'lists:remove',
  'lists:set-members',
  'lists:report-csv',
  'lists:export',
  'lists:members',
  'lists:header',
  'lists:edit-members',
  'suppression:list',
  'suppression:add',
  'suppression:remove',
  'suppression:export',
  'compose:preview',
  'compose:preflight',
  'campaigns:create',
  'compose:send-to-me',
  'member-files:pick-folder',
  'member-files:check-folder',
  'drafts:list',
  'drafts:get',
  'drafts:save',
  'drafts:remove',
  'campaigns:list',
  'campaigns:history',
  'campaigns:get',
  'campaigns:start',
  'campaigns:pause',
  'campaigns:cancel',
  'campaigns:schedule',
  'campaigns:requeue',
  'campaigns:export',
  'campaigns:rename',
  'campaigns:archive',
  'campaigns:delete',
  'campaigns:duplicate',
  'campaigns:list-archived',
  'mailbox:status',
  'mailbox:watch',
  'mailbox:set-server',
  'mailbox:check',
  'mailbox:unsubscribes',
  'mailbox:review',
  'mailbox:suppress-bounced',
  'mailbox:options',
  'mailbox:set-options',
  'oauth:import-client',
  'oauth:connect',
  'oauth:cancel',
  'secrets:status',
  'secrets:unlock',
] as const;

/** Pushed event channels, `area:noun`. */
export const EVENT_CHANNELS = ['accounts:changed', 'lists:changed', 'templates:changed', 'oauth:consent', 'campaigns:progress'] as const;

/** A request channel name. */
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
/** An event channel name. */
export type EventChannel = (typeof EVENT_CHANNELS)[number];

/** Whether a string names a request channel. */
export function isRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === 'string' && (REQUEST_CHANNELS as readonly string[]).includes(name);
}

/** Whether a string names an event channel. */
export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && (EVENT_CHANNELS as readonly string[]).includes(name);
}
