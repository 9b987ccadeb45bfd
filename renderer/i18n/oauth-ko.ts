/** Google OAuth 한국어 문구: 연결 화면, 계정 카드, 점검 단계, OAuth 진단. 키는 `oauth-en.ts`와 같다. */
import type { oauthEn } from './oauth-en';

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
  diagnoses: {
    'oauth-invalid-grant': {
      title: 'Google이 이 로그인을 끝냈습니다 (invalid_grant)',
      body: 'Google이 저장된 로그인 토큰을 더 이상 받지 않습니다. 가장 흔한 이유는 Cloud 프로젝트의 OAuth 동의 화면이 “테스트” 상태여서, Google이 동의 7일 뒤에 로그인을 끝내는 경우입니다. 접근 권한을 삭제했거나, Google 비밀번호를 바꿨거나, 6개월 동안 쓰지 않아도 이렇게 됩니다.',
      steps: [
        '계정에서 다시 연결을 누르고 접근을 다시 허용하세요. 곧바로 다시 보낼 수 있습니다.',
        '매주 반복되지 않게 하려면 Google Cloud에서 OAuth 동의 화면(대상)을 열고 “앱 게시”를 누르세요. 게시된 앱은 로그인이 유지됩니다. “확인되지 않은 앱” 경고가 나올 수 있지만 본인 프로젝트라면 수락해도 됩니다.',
        '바꾼 것이 없다면 myaccount.google.com/permissions에서 Mailroom의 접근 권한이 삭제되었는지 확인하세요.',
      ],
    },
    'oauth-reauth-required': {
      title: '조직에서 다시 로그인하도록 요구합니다',
      body: 'Google이 “invalid_rapt”와 함께 invalid_grant로 응답했습니다. 조직의 Google Cloud 세션 제어 정책이 일정 기간마다 새로 로그인하도록 요구합니다.',
      steps: ['계정에서 다시 연결을 누르고 다시 로그인하세요.', '자주 반복되면 Google Workspace 관리자에게 Google Cloud 세션 길이 설정을 문의하세요.'],
    },
    'oauth-admin-blocked': {
      title: 'Google Workspace 관리자가 이 앱을 막고 있습니다',
      body: 'Google이 admin_policy_enforced로 응답했습니다. 조직 정책이 이 OAuth 클라이언트나 요청한 Gmail 권한을 허용하지 않습니다.',
      steps: [
        '관리자에게 관리 콘솔 → 보안 → API 제어 → 앱 액세스 제어에서 이 OAuth 클라이언트(계정에 표시된 클라이언트 ID)를 허용해 달라고 요청하세요.',
        '또는 Gmail 전체 접근은 안 되더라도 Gmail API(gmail.send만) 발송은 허용되는지 물어보세요.',
        '그다음 다시 연결을 누르세요.',
      ],
    },
    'oauth-client-invalid': {
      title: 'OAuth 클라이언트가 받아들여지지 않습니다',
      body: 'Google이 이 클라이언트를 모르거나 보안 비밀이 맞지 않습니다(invalid_client / deleted_client). Google Cloud에서 클라이언트가 삭제되었거나 보안 비밀이 재설정되었을 수 있습니다.',
      steps: ['Google Cloud → 클라이언트에서 데스크톱 앱 클라이언트가 아직 있는지 확인하세요.', 'JSON을 다시 받아 그 파일로 계정을 다시 연결하세요.'],
    },
    'oauth-token-rejected': {
      title: 'Google이 액세스 토큰을 거부했습니다',
      body: '새로 받은 액세스 토큰이 거부되었습니다. 접근 권한이 삭제되었거나, 토큰이 보내는 계정과 다른 Google 계정의 것일 수 있습니다.',
      steps: ['myaccount.google.com/permissions에서 Mailroom에 아직 접근 권한이 있는지 확인하세요.', '다시 연결을 누르고 카드에 표시된 계정으로 로그인하세요.'],
    },
    'oauth-scope-missing': {
      title: '보내기 권한이 허용되지 않았습니다',
      body: '로그인에 이 발송 방법에 필요한 권한이 없습니다(Google이 insufficientPermissions로 응답했거나, 동의 페이지에서 Gmail 항목을 선택하지 않았습니다).',
      steps: ['다시 연결을 누르고 Google 페이지에서 Mailroom이 요청하는 권한을 모두 선택하세요.', '발송 방법을 바꿨다면 맞는 권한을 요청하도록 다시 연결하세요.'],
    },
    'gmail-api-disabled': {
      title: 'Cloud 프로젝트에서 Gmail API가 사용 설정되지 않았습니다',
      body: 'Google이 이 프로젝트에서 Gmail API를 쓴 적이 없거나 사용 중지되어 있다고 응답했습니다(accessNotConfigured / SERVICE_DISABLED).',
      steps: ['Google Cloud에서 프로젝트의 Gmail API 페이지를 열고 사용을 누르세요.', '적용까지 몇 분 기다린 뒤 다시 점검을 누르세요.'],
    },
    'api-rate-limited': {
      title: '지금은 Google에 요청이 너무 많습니다',
      body: 'Google이 요청 한도로 응답했습니다(429 또는 userRateLimitExceeded / rateLimitExceeded). 계정에는 문제가 없습니다.',
      steps: ['기다리세요. Mailroom이 나중에 스스로 다시 시도합니다.', '큰 명단은 캠페인의 속도(분당 메일 수)를 낮추세요.'],
    },
  },
};
