/** English words of the templates screen. `templates-ko.ts` has the same keys. */
export const templatesEn = {
  title: 'Templates',
};
