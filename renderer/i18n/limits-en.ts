/** English words of the provider's daily-limit reply. `limits-ko.ts` has the same keys. */
export const limitsEn = {
  said: '{{provider}} said: “{{reply}}”',
  canGoOn: 'Sending on this login can go on at {{when}} ({{zone}}).',
  couldGoOn: 'The time it gave has passed ({{when}}, {{zone}}): the next message will tell whether it takes mail again.',
  basisLedger: 'That is when the oldest message Mailroom sent on this login in the last 24 hours ages out of the provider’s rolling 24-hour window.',
  basisReplyPlusDay: 'Mailroom knows of no message sent on this login in the last 24 hours (they were sent elsewhere), so this is 24 hours after the reply.',
  waitsUntil: 'The campaign waits and goes on by itself at that time while Mailroom is running.',
  preflight: 'This campaign will wait until then before it sends anything.',
};
