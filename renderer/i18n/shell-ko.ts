/** 한국어 앱 틀 문구. 키는 `shell-en.ts`와 같다(컴파일러가 확인). */
import type { shellEn } from './shell-en';

export const shellKo: typeof shellEn = {
  loadingScreen: '여는 중…',
};
