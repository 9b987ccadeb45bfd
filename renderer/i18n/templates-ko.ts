/** 한국어 templates 화면 문구. 키는 `templates-en.ts`와 같다. */
import type { templatesEn } from './templates-en';

export const templatesKo: typeof templatesEn = {
  title: 'templates',
};
