/** English words of the app shell. `shell-ko.ts` has the same keys. */
export const shellEn = {
  loadingScreen: 'Opening…',
};
