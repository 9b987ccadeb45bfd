/** 한국어 lists 화면 문구. 키는 `lists-en.ts`와 같다. */
import type { listsEn } from './lists-en';

export const listsKo: typeof listsEn = {
  title: 'lists',
};
