/** 캠페인 기록 페이지의 한국어 문구. `history-en.ts`와 같은 키를 가집니다. */
import type { historyEn } from './history-en';

export const historyKo: typeof historyEn = {
  pages: '기록 페이지',
  showing: '캠페인 {{total}}개 중 {{from}}–{{to}}',
  newer: '최근 것',
  older: '이전 것',
};
