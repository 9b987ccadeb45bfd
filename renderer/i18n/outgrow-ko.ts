/** 한국어 명단 내보내기(listmonk·CSV)와 발송 전 점검의 보내는 사람 확인 문구. 키는 `outgrow-en.ts`와 같다(컴파일러가 확인). */
import type { outgrowEn } from './outgrow-en';

export const outgrowKo: typeof outgrowEn = {
  exportTitle: '내보내기',
  exportListmonk: 'listmonk용으로 내보내기',
  exportCsv: 'CSV로 내보내기',
  exportSuppressionListmonk: 'listmonk용으로 내보내기(차단 목록)',
  exportSuppressionCsv: 'CSV로 내보내기',
  exported: '{{file}} 파일로 저장했습니다: {{count}}행.',
  exportedSuppressed: '{{file}} 파일로 저장했습니다: {{count}}행. 발송 제외 주소 {{suppressed}}개는 뺐습니다.',
  exportHint: 'listmonk 파일의 열은 email, name, attributes(나머지 열을 JSON으로)입니다. listmonk의 구독자 → 가져오기에서 가져오고, 발송 제외 파일은 “차단 목록(Blocklist)” 방식으로 가져오세요. 수신을 거부한 분에게 다시 보내지 않게 됩니다.',
  fromMismatchWarn: '보내는 주소 {{from}}이(가) 로그인 {{login}}과(와) 다릅니다. 이 서비스는 둘이 같아야 해서 메일을 거부하거나 로그인 주소로 바꿔 보낼 수 있습니다.',
  fromMismatchBlock: '보내는 주소 {{from}}이(가) 로그인 {{login}}과(와) 다르고, 이 서비스는 그런 메일을 거부합니다. 계정의 보내는 주소를 로그인 주소로 바꾸세요.',
  freeMailDomain: '보내는 주소가 {{domain}} 주소입니다. {{domain}}은(는) DMARC 정책을 공개한 무료 메일이라, 이 계정의 서버는 {{domain}} 이름으로 서명할 수 없습니다. 받는 쪽 메일 서버가 거부하거나 스팸함에 넣을 수 있습니다. 자기 도메인 주소로 보내거나, {{domain}} 계정으로 직접 보내세요.',
  outgrown: '이 계정의 하루 한도로는 발송에 {{days}}일이 걸립니다. 개인 메일함으로 감당할 양을 넘었습니다. 발송 서비스 계정(Amazon SES, SendGrid, Mailgun 프리셋이 계정 화면에 있습니다)을 추가하거나, 명단을 listmonk 같은 명단 서버용으로 내보내세요(명단 → listmonk용으로 내보내기).',
};
