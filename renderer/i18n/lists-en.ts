/** English words of the lists screen. `lists-ko.ts` has the same keys. */
export const listsEn = {
  title: 'Lists',
};
