/** 한국어 compose 화면 문구. 키는 `compose-en.ts`와 같다. */
import type { composeEn } from './compose-en';

export const composeKo: typeof composeEn = {
  title: 'compose',
};
