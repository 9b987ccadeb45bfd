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
};
