/** English words of placeholders-as-written, drafts, send-to-me and campaign names. `workday-ko.ts` has the same keys. */
export const workdayEn = {
  offered: 'This list offers: {{columns}}.',
  didYouMean: '{{path}} is not a column of this list. Did you mean {{suggestion}}?',
  noSuchColumn: '{{path}} is not a column of this list.',
  panelList: 'Check against list',
  panelNoList: 'No list',
  panelOffered: 'Placeholders the list offers',
  panelNotOffered: 'not in this list',
  aliasOf: 'same as the {{role}} column',
  roleName: 'name',
  roleAddress: 'address',
};
