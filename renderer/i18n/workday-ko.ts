/** Korean words of placeholders-as-written, drafts, send-to-me and campaign names. Same keys as `workday-en.ts`. */
import type { workdayEn } from './workday-en';

export const workdayKo: typeof workdayEn = {
  offered: '이 명단에서 쓸 수 있는 자리표시자: {{columns}}.',
  didYouMean: '{{path}}은(는) 이 명단의 열이 아닙니다. {{suggestion}}을(를) 쓰려던 것인가요?',
  noSuchColumn: '{{path}}은(는) 이 명단의 열이 아닙니다.',
  panelList: '확인할 명단',
  panelNoList: '명단 없음',
  panelOffered: '명단에서 쓸 수 있는 자리표시자',
  panelNotOffered: '이 명단에 없음',
  aliasOf: '{{role}} 열과 같음',
  roleName: '이름',
  roleAddress: '주소',
  draftsTitle: '임시 저장',
  draftSaving: '임시 저장하는 중…',
  draftSaved: '임시 저장했습니다.',
  draftFailed: '임시 저장하지 못했습니다. 입력한 내용은 그대로 있습니다.',
  newMessage: '새 메일',
  noDrafts: '임시 저장한 메일이 없습니다. 여기에 쓰는 내용은 입력하는 대로 저장됩니다.',
  untitled: '(제목 없음)',
  editing: '편집 중',
  open: '열기',
  openDraft: '임시 저장 “{{title}}” 열기',
  delete: '삭제',
  deleteDraft: '임시 저장 “{{title}}” 삭제',
};
