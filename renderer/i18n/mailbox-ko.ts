/** 한국어 메일함 패널 문구(반송, 수신 거부 답장). 키는 `mailbox-en.ts`와 같다(컴파일러가 확인). */
import type { mailboxEn } from './mailbox-en';

export const mailboxKo: typeof mailboxEn = {
  heading: '반송과 수신 거부 답장',
  intro: '캠페인을 보낸 뒤 72시간 동안, 이 계정의 메일함에서 전달 실패 알림과 수신 거부를 요청하는 답장을 읽습니다.',
  watching: '지금 이 메일함을 지켜보고 있습니다.',
  checkNow: '지금 반송 확인',
  checking: '확인하는 중…',
  found: '확인함: 반송 {{bounces}}건, 수신 거부 요청 {{unsubscribes}}건, 이 앱의 메일과 관계없는 알림 {{unmatched}}건.',
  noMailbox: {
    relay: '이 계정은 릴레이로 보내며, 릴레이에는 자체 메일함이 없습니다. 반송은 Return-Path 주소로 갑니다. 확인하려면 아래에 그 메일함을 지정하세요.',
    'sending-service': '이 계정은 발송 서비스로 보내며, 자체 메일함이 없습니다. 반송은 Return-Path 주소로 갑니다. 확인하려면 아래에 그 메일함을 지정하세요.',
    'user-named': '이 계정의 메일함이 아직 지정되지 않았습니다. 반송을 확인하려면 메일함의 IMAP 서버를 지정하세요.',
  },
  server: {
    legend: '메일함 서버(IMAP)',
    host: '서버',
    port: '포트',
    security: '보안',
    tls: 'TLS (보통 993)',
    starttls: 'STARTTLS (보통 143)',
    none: '없음 (이 컴퓨터만)',
    save: '메일함 서버 저장',
    named: '메일함: {{host}}:{{port}}',
  },
  suppressBounced: '영구 반송 주소 {{count}}개를 수신 거부 목록에 추가',
  suppressOne: '{{email}}을(를) 수신 거부 목록에 추가',
  suppressedDone: '주소 {{count}}개를 수신 거부 목록에 추가했습니다.',
  bounceKinds: { hard: '영구 반송: 없는 주소입니다', soft: '일시 반송: 재시도를 포기했습니다', policy: '받는 서버의 정책으로 거부되었습니다' },
  review: {
    heading: '검토할 수신 거부 요청',
    empty: '기다리는 수신 거부 요청이 없습니다.',
    fromOther: '회원 본인 주소가 아닌 {{from}}에서 보냄',
    confirm: '수신 거부',
    dismiss: '무시',
    confirmAll: '{{count}}건 모두 수신 거부',
    reason: '수신 거부 답장',
  },
  bounceReason: '반송({{kind}})',
};
