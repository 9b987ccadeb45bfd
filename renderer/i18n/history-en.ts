/** English words of the campaign history's pages. `history-ko.ts` has the same keys. */
export const historyEn = {
  pages: 'Pages of the history',
  showing: 'Campaigns {{from}}–{{to}} of {{total}}',
  newer: 'Newer',
  older: 'Older',
};
