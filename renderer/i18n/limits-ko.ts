/** 제공자의 하루 발송 한도 응답에 관한 한국어 문구. `limits-en.ts`와 같은 키를 가집니다. */
import type { limitsEn } from './limits-en';

export const limitsKo: typeof limitsEn = {
  said: '{{provider}}의 응답: “{{reply}}”',
  canGoOn: '이 로그인으로는 {{when}}({{zone}})부터 다시 보낼 수 있습니다.',
  couldGoOn: '안내된 시각({{when}}, {{zone}})이 지났습니다. 다음 메일을 보내 보면 다시 받는지 알 수 있습니다.',
  basisLedger: 'Mailroom이 지난 24시간 동안 이 로그인으로 보낸 가장 오래된 메일이 제공자의 24시간 기준에서 빠지는 시각입니다.',
  basisReplyPlusDay: 'Mailroom은 지난 24시간 동안 이 로그인으로 보낸 메일을 알지 못합니다(다른 곳에서 보냄). 그래서 응답을 받은 때부터 24시간 뒤입니다.',
  waitsUntil: 'Mailroom이 실행 중이면 캠페인은 그때까지 기다렸다가 스스로 이어서 보냅니다.',
  preflight: '이 캠페인은 그때까지 기다렸다가 보내기 시작합니다.',
};
