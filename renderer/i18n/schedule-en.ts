/** English words of scheduled send. `schedule-ko.ts` has the same keys. */
export const scheduleEn = {
  heading: 'Send later',
  label: 'Send at',
  zone: 'Time zone: {{zone}}',
  set: 'Schedule',
  change: 'Change time',
  unschedule: 'Cancel schedule',
  scheduledFor: 'Scheduled for {{when}} ({{zone}}). Mailroom starts sending then, if it is running; if it is closed at that time, it starts as soon as it is opened again.',
  keepOpen: 'Leave Mailroom running (in the background is fine) so it can start on time.',
  lateStart: 'This campaign was scheduled for {{scheduled}}, but Mailroom was not running then (or the computer was asleep). It started at {{started}}.',
  needTime: 'Choose a date and time first.',
  status: 'Scheduled',
  includePermanent: 'Include addresses that do not exist',
  attempts_one: '{{count}} try',
  attempts_other: '{{count}} tries',
};
