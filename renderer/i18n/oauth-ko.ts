/** Google OAuth 한국어 문구: 연결 화면, 계정 카드, 점검 단계, OAuth 진단. 키는 `oauth-en.ts`와 같다. */
import type { oauthEn } from './oauth-en';
import { oauthDiagnosisWordsKo } from '../../app/diagnosis/common/diagnosis-words-ko';

/** Korean words of Google OAuth. */
export const oauthKo: typeof oauthEn = {
  screen: {
    connect: 'Google 계정 연결 (OAuth)',
    title: 'OAuth로 Google 계정 연결',
    intro:
      'Google Cloud에서 만든 OAuth 클라이언트(유형 “데스크톱 앱”, Gmail API 사용 설정)를 씁니다. Mailroom이 브라우저에서 Google 로그인 페이지를 열면 그곳에서 접근을 허용하세요. Mailroom은 로그인 토큰을 이 컴퓨터에 암호화해 보관합니다.',
    reconnectTitle: '{{address}} 다시 연결',
    reconnectIntro: '같은 OAuth 클라이언트로 다시 로그인합니다. Google이 응답하면 저장된 로그인을 새것으로 바꿉니다.',
  },
  client: {
    legend: '1. OAuth 클라이언트',
    file: '클라이언트 JSON 파일',
    paste: '또는 클라이언트 JSON 붙여 넣기',
    pastePlaceholder: '{"installed": {"client_id": "…apps.googleusercontent.com", "client_secret": "…", …}}',
    readOk: '데스크톱 앱 클라이언트 {{clientId}}',
    project: '프로젝트 {{project}}',
    authHost: '{{host}}에서 로그인',
    keepStored: '저장된 클라이언트를 씁니다. 다른 클라이언트로 바꿀 때만 파일을 고르세요.',
  },
  clientProblems: {
    'not-json': 'JSON이 아닙니다. Google Cloud(클라이언트 → 해당 클라이언트 → JSON 다운로드)에서 다시 받아 그 파일을 고르세요.',
    'web-client':
      '“웹 애플리케이션” 클라이언트입니다. Mailroom에는 “데스크톱 앱” 유형의 클라이언트가 필요합니다. Google Cloud에서 클라이언트 → 클라이언트 만들기 → 애플리케이션 유형: 데스크톱 앱을 고른 뒤 JSON을 받으세요.',
    'service-account':
      '서비스 계정 키이며 OAuth 클라이언트가 아닙니다. Mailroom은 본인 계정으로 로그인합니다. “데스크톱 앱” 유형의 OAuth 클라이언트를 만들고(클라이언트 → 클라이언트 만들기) JSON을 받으세요.',
    'missing-field': '클라이언트 JSON에 “{{field}}” 항목이 없습니다. Google Cloud에서 다시 받으세요.',
    'bad-endpoint': '“{{field}}”의 주소가 https 주소가 아닙니다. Google Cloud에서 클라이언트 JSON을 다시 받으세요.',
    'unknown-shape': 'OAuth 클라이언트 파일이 아닙니다. Google Cloud에서 “데스크톱 앱” 유형의 클라이언트를 만들고 JSON을 받으세요.',
  },
  method: {
    legend: '2. 보내는 방법',
    'smtp-xoauth2': 'OAuth를 쓰는 SMTP (XOAUTH2)',
    'smtp-xoauth2Hint': 'smtp.gmail.com을 앱 비밀번호 없이 씁니다. Gmail 전체 접근 권한(https://mail.google.com/)을 요청합니다.',
    'gmail-api': 'Gmail API',
    'gmail-apiHint': 'Gmail API로 보냅니다. “사용자 대신 이메일 보내기”(gmail.send) 권한만 요청합니다. Cloud 프로젝트에서 Gmail API가 사용 설정되어 있어야 합니다.',
  },
  account: {
    legend: '3. Mailroom의 계정',
    label: '계정 이름',
    labelHint: '비워 두면 Google 주소를 씁니다.',
    fromName: '보내는 사람 이름',
  },
  actions: {
    connect: '브라우저에서 연결',
    reconnect: '다시 연결',
    cancel: '취소',
    close: '닫기',
  },
  waiting: {
    title: 'Google의 응답을 기다리는 중…',
    opened: '브라우저에 Google 로그인 페이지가 열렸습니다. 계정을 고르고 접근을 허용한 뒤 이곳으로 돌아오세요.',
    notOpened: '이 링크를 브라우저에서 열고 계정을 고른 뒤 접근을 허용하고, 이곳으로 돌아오세요.',
    openLink: 'Google 로그인 페이지 열기',
    note: '동의 화면이 “테스트” 상태이면 Google이 확인되지 않은 앱이라고 경고할 수 있습니다. 본인 프로젝트라면 계속을 누르세요.',
  },
  result: {
    connected: '{{address}}(으)로 연결했습니다.',
    cancelled: '연결을 취소했습니다.',
    'timed-out': '정해진 시간 안에 브라우저에서 응답이 오지 않았습니다. 연결을 다시 누르세요.',
    denied: 'Google이 접근을 허용하지 않았습니다({{error}}). Google 페이지에서 취소를 눌렀다면 다시 시도해 허용을 고르세요.',
    failed: 'Google이 응답했지만 로그인을 마치지 못했습니다.',
  },
  card: {
    signedIn: '{{address}} Google 로그인 (OAuth)',
    method: '{{method}}(으)로 발송',
    noGrant: '저장된 로그인이 없습니다. 다시 연결하세요.',
    connectedAt: '{{when}} 연결',
    reconnectHint: '이 계정의 Google 로그인이 더 이상 작동하지 않습니다. 다시 연결해 로그인하세요.',
  },
  checkSteps: { token: '로그인 토큰 갱신', api: 'Gmail API' },
  diagnoses: oauthDiagnosisWordsKo,
};
