/** English words of the compose screen. `compose-ko.ts` has the same keys. */
export const composeEn = {
  title: 'Compose',
};
