/** 예약 발송의 한국어 문구. `schedule-en.ts`와 같은 키를 가집니다. */
export const scheduleKo = {
  heading: '나중에 보내기',
  label: '보낼 시각',
  zone: '시간대: {{zone}}',
  set: '예약하기',
  change: '시각 바꾸기',
  unschedule: '예약 취소',
  scheduledFor: '{{when}}({{zone}})에 보내도록 예약되었습니다. 그 시각에 Mailroom이 실행 중이면 바로 보내기 시작하고, 꺼져 있었다면 다시 열 때 곧바로 시작합니다.',
  keepOpen: '제시간에 시작하려면 Mailroom을 켜 두세요(백그라운드 실행도 괜찮습니다).',
  lateStart: '이 캠페인은 {{scheduled}}에 보내도록 예약되었지만 그때 Mailroom이 실행 중이 아니었거나 컴퓨터가 잠자기 상태였습니다. {{started}}에 보내기 시작했습니다.',
  needTime: '먼저 날짜와 시각을 고르세요.',
  status: '예약됨',
  includePermanent: '없는 주소도 포함',
  attempts_one: '{{count}}회 시도',
  attempts_other: '{{count}}회 시도',
};
