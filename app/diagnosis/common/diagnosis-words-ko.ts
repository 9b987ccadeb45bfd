/** 진단 카탈로그와 오류 코드의 한국어 문구. 렌더러의 i18n 표와 `mailroom` 명령줄이 함께 쓴다. 키는 `diagnosis-words-en.ts`와 같다. */
import type { appErrorWordsEn, diagnosisWordsEn, oauthDiagnosisWordsEn } from './diagnosis-words-en';

/** OAuth 진단 문구. */
export const oauthDiagnosisWordsKo: typeof oauthDiagnosisWordsEn = {
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
};

/** 그 밖의 진단 문구, 재시도 안내, 패널 제목. */
export const diagnosisWordsKo: typeof diagnosisWordsEn = {
  retry: { no: '다시 시도해도 소용없습니다.', 'after-fix': '아래 단계를 마친 뒤 다시 시도하세요.', later: '일시적인 문제입니다. 나중에 다시 시도하세요.' },
  stepsTitle: '해결 방법',
  linksTitle: '링크',
  'auth-app-password-required': {
    title: '앱 비밀번호가 필요합니다',
    body: '이 Google 계정은 2단계 인증을 사용하므로 평소 비밀번호로는 다른 앱에서 로그인할 수 없습니다(Google 응답 534 5.7.9).',
    steps: [
      'myaccount.google.com/apppasswords 를 열고 로그인합니다.',
      '앱 비밀번호를 만듭니다. 이름은 아무거나 괜찮습니다(예: “Mailroom”).',
      'Google이 보여 주는 16자리 영문을 복사해 이 계정의 비밀번호 칸에 붙여 넣습니다(띄어쓰기는 상관없습니다).',
      '저장한 뒤 다시 점검을 누릅니다.',
    ],
  },
  'auth-rejected': {
    title: '사용자 이름이나 비밀번호가 맞지 않습니다',
    body: '서버가 로그인을 거부했습니다.',
    steps: ['사용자 이름이 제공자가 요구하는 형식(대개 전체 메일 주소)인지 확인합니다.', '비밀번호를 다시 입력하고 저장합니다.', '다시 점검을 누릅니다.'],
    google: {
      title: 'Google이 사용자 이름이나 앱 비밀번호를 받아들이지 않았습니다',
      body: 'Google 응답은 535 5.7.8입니다. 2022년부터 Google은 메일 앱에 앱 비밀번호(또는 OAuth)만 허용하며, Google 비밀번호를 바꾸면 앱 비밀번호도 취소됩니다.',
      steps: [
        '사용자 이름이 Gmail 또는 Workspace 전체 주소인지 확인합니다.',
        '이 Google 계정에 2단계 인증이 켜져 있는지 확인합니다.',
        'myaccount.google.com/apppasswords 에서 앱 비밀번호를 새로 만들어 비밀번호 칸에 붙여 넣습니다.',
        '저장한 뒤 다시 점검을 누릅니다.',
      ],
    },
    naver: {
      title: '네이버가 로그인을 거부했습니다',
      body: '네이버는 SMTP 사용을 켜기 전에는 메일 앱의 로그인을 거부하며, 2단계 인증을 쓰면 애플리케이션 비밀번호가 필요합니다.',
      steps: [
        '웹의 네이버 메일에서 환경설정 → POP3/IMAP 설정을 열고 IMAP/SMTP 사용(또는 POP3/SMTP 사용)을 켭니다.',
        '2단계 인증을 쓰는 경우: 네이버ID → 보안설정 → 2단계 인증 → 관리 → 애플리케이션 비밀번호에서 새로 만듭니다.',
        '사용자 이름에는 네이버 아이디(또는 아이디@naver.com)를, 비밀번호에는 그 애플리케이션 비밀번호를 넣습니다.',
        '저장한 뒤 다시 점검을 누릅니다.',
      ],
    },
    daum: {
      title: '다음이 로그인을 거부했습니다',
      body: '다음은 IMAP/SMTP 사용을 켜기 전에는 메일 앱을 거부하며, 2단계 인증을 쓰면 앱용으로 발급한 비밀번호가 필요합니다.',
      steps: [
        '웹의 다음 메일에서 환경설정 → IMAP/POP3 를 열고 “IMAP / SMTP 사용”을 사용함으로 바꾼 뒤 저장합니다.',
        '2단계 인증을 쓰는 경우 2단계 인증 페이지에서 발급한 비밀번호를 씁니다.',
        '저장한 뒤 다시 점검을 누릅니다.',
      ],
    },
    microsoft: {
      title: 'Microsoft 365가 로그인을 거부했습니다',
      body: 'Microsoft가 인증 실패로 응답했습니다. 비밀번호가 틀린 경우 외에도 조직의 보안 기본값이나 정책이 메일 앱의 비밀번호 로그인을 막을 수 있습니다.',
      steps: [
        '사용자 이름이 회사 전체 메일 주소인지 확인합니다.',
        'Microsoft 365 관리자에게 이 사서함에 인증된 SMTP(Authenticated SMTP)가 허용되는지, 보안 기본값이 막고 있지 않은지 물어봅니다.',
        '올바른 비밀번호를 저장한 뒤 다시 점검을 누릅니다.',
      ],
    },
  },
  'auth-web-login-required': {
    title: 'Google이 먼저 브라우저 로그인을 요구합니다',
    body: 'Google이 이 로그인을 평소와 다른 활동으로 보고 막았습니다(534 5.7.14).',
    steps: [
      '이 컴퓨터와 같은 네트워크의 브라우저에서 Gmail에 로그인합니다.',
      'Google 계정 → 보안 → 최근 보안 활동에서 본인임을 확인합니다.',
      '다시 점검을 누릅니다. 계속 반복되면 앱 비밀번호를 쓰세요.',
    ],
  },
  'auth-throttled': {
    title: '로그인 시도가 너무 많습니다',
    body: '서버가 한동안 로그인을 받지 않습니다(454 4.7.0). 비밀번호가 틀린 것이 아니라 짧은 시간에 로그인이 많았을 때 생깁니다.',
    steps: ['잠시 기다린 뒤 다시 시도합니다. Google은 기간을 밝히지 않습니다(대개 몇 분, 때로는 몇 시간).', '그동안 점검이나 테스트 발송을 반복해서 누르지 마세요.'],
  },
  'auth-required': {
    title: '서버에 로그인이 필요합니다',
    body: '서버가 인증 없이 보내기를 거부했습니다(530).',
    steps: ['이 계정의 사용자 이름과 비밀번호를 넣습니다.', '저장한 뒤 다시 점검을 누릅니다.'],
    google: {
      title: 'Google에 로그인이 필요합니다',
      body: 'Google이 530 5.7.0 Authentication Required로 응답했습니다. 보내기 전에 로그인이 되지 않았습니다.',
      steps: ['사용자 이름에 Google 전체 주소를, 비밀번호에 앱 비밀번호를 넣습니다.', '저장한 뒤 다시 점검을 누릅니다.'],
    },
  },
  'starttls-required': {
    title: '서버가 STARTTLS를 요구합니다',
    body: '서버가 암호화 없이는 진행하지 않았습니다(530 “Must issue a STARTTLS command first”).',
    steps: ['이 포트(보통 587)에는 STARTTLS를, 465 포트에는 TLS를 고릅니다.', '저장한 뒤 다시 점검을 누릅니다.'],
  },
  'oauth-token-failed': {
    title: '로그인 토큰을 새로 받지 못했습니다',
    body: 'Mailroom이 제공자에게서 새 액세스 토큰을 받지 못해 로그인할 수 없었습니다.',
    steps: ['계정을 다시 연결해 Mailroom에 새로 동의해 주세요.', 'Google Cloud에서 앱이 “테스트” 상태이면 토큰이 7일 뒤 만료됩니다. 앱을 게시하거나 매주 다시 연결하세요.'],
  },
  'smtp-auth-disabled': {
    title: '이 사서함의 SMTP 로그인이 꺼져 있습니다',
    body: 'Microsoft 365가 535 5.7.139로 응답했습니다. 조직이나 사서함에서 SMTP 인증이 꺼져 있습니다.',
    steps: ['Microsoft 365 관리자에게 이 사서함의 인증된 SMTP를 켜 달라고 요청합니다(Exchange 관리 센터 → 사서함 → 메일 앱).', '켜진 뒤 다시 점검을 누릅니다.'],
  },
  'basic-auth-unsupported': {
    title: '비밀번호 로그인을 더 이상 받지 않습니다',
    body: 'Microsoft가 550 5.7.30으로 응답했습니다. 이곳에서는 기본(비밀번호) 인증으로 보낼 수 없습니다.',
    steps: ['관리자에게 테넌트에서 비밀번호 SMTP를 켤 수 있는지 물어봅니다.', '안 되면 다른 발송 계정을 쓰세요.'],
  },
  'relay-denied': {
    title: '릴레이가 이곳에서 보내는 메일을 받지 않습니다',
    body: 'Workspace SMTP 릴레이가 이 컴퓨터의 주소나 로그인을 거부했습니다(550 5.7.0 / 5.7.1).',
    steps: ['Workspace 관리자에게 관리 콘솔 → 앱 → Google Workspace → Gmail → 라우팅 → SMTP 릴레이 서비스에서 이 발신자를 허용해 달라고 요청합니다(IP 주소 또는 SMTP 인증).', '허용된 뒤 다시 점검을 누릅니다.'],
  },
  'daily-limit': {
    title: '하루 발송 한도에 도달했습니다',
    body: '이 계정은 최근 24시간 동안 제공자가 허용하는 만큼 모두 보냈습니다(550 5.4.5).',
    steps: ['기다리세요. 24시간 전에 보낸 메일이 빠지는 만큼 다시 보낼 수 있습니다.', '명단이 크면 며칠에 나눠 보내거나 대량 발송용 서비스를 쓰세요.'],
  },
  'message-too-large': {
    title: '메일이 너무 큽니다',
    body: '크기 때문에 서버가 메일을 거부했습니다(552). 첨부 파일은 인코딩하면 약 3분의 1 커집니다.',
    steps: ['첨부 파일을 줄이거나 링크로 공유하세요.'],
  },
  'too-many-recipients': {
    title: '한 메일의 받는 사람이 너무 많습니다',
    body: '서버가 메일 한 통의 받는 사람 수를 제한합니다(452 4.5.3).',
    steps: ['메일 한 통의 받는 사람을 줄이세요. Mailroom은 공지를 회원마다 한 통씩 보냅니다.'],
  },
  'recipient-rejected': {
    title: '받는 주소가 거부되었습니다',
    body: '서버가 이 주소로 배달하지 않습니다(예: 550 5.1.1 없는 사용자).',
    steps: ['주소에 오타가 없는지 확인합니다.', '주소가 맞다면 더 이상 없는 메일함일 수 있으니 명단에서 빼세요.'],
  },
  'sender-rejected': {
    title: '보내는 주소가 거부되었습니다',
    body: '서버가 이 보내는 주소로 발송하지 않습니다.',
    steps: ['보내는 주소를 계정 자체 주소나 제공자가 허용한 별칭으로 바꿉니다.', '저장한 뒤 다시 점검을 누릅니다.'],
  },
  'connection-refused': {
    title: '연결이 거부되었습니다',
    body: '이 호스트와 포트에서 응답하는 서버가 없습니다.',
    steps: ['SMTP 서버 이름과 포트를 확인합니다.', '이 컴퓨터의 방화벽이나 보안 프로그램이 메일 포트를 막고 있지 않은지 확인합니다.'],
  },
  timeout: {
    title: '응답이 없습니다',
    body: '서버가 응답하지 않았습니다. 네트워크가 메일 포트를 막았거나 보안 설정이 포트와 맞지 않는 경우가 많습니다.',
    steps: ['465 포트는 TLS, 587 포트는 STARTTLS로 설정합니다.', '다른 네트워크에서 시도해 봅니다(학교·회사 네트워크는 메일 포트를 막기도 합니다).'],
  },
  'tls-mismatch': {
    title: '보안 설정이 포트와 맞지 않습니다',
    body: 'TLS를 기대한 곳에서 서버가 일반 SMTP로 응답했거나 그 반대입니다(“wrong version number”).',
    steps: ['465 포트는 TLS, 587 포트는 STARTTLS로 설정합니다.', '저장한 뒤 다시 점검을 누릅니다.'],
  },
  'certificate-untrusted': {
    title: '서버 인증서를 신뢰할 수 없습니다',
    body: '인증서가 자체 서명이거나, 다른 이름용이거나, 만료되었거나, 이 네트워크의 보안 프로그램이 바꿔치기했습니다.',
    steps: [
      'SMTP 서버 이름을 확인합니다. 인증서의 이름과 같아야 합니다.',
      '회사 네트워크라면 백신이나 프록시가 메일을 가로챌 수 있으니 전산 담당자에게 문의합니다.',
      '직접 운영하는 서버라면 고급 설정에 CA 인증서를 붙여 넣습니다.',
    ],
  },
  'host-not-found': {
    title: '서버를 찾을 수 없습니다',
    body: '이 호스트 이름이 없거나 이 컴퓨터가 오프라인입니다.',
    steps: ['SMTP 서버 이름의 철자를 확인합니다.', '인터넷 연결을 확인합니다.'],
  },
  'server-busy': {
    title: '서버가 바쁩니다',
    body: '서버가 연결을 끊고 나중에 다시 시도하라고 했습니다(421).',
    steps: ['몇 분 기다린 뒤 다시 시도합니다.', '한꺼번에 많은 연결을 열지 마세요.'],
  },
  temporary: { title: '서버의 일시적인 문제', body: '서버가 나중에 다시 시도하라고 했습니다(4xx).', steps: ['몇 분 뒤 다시 시도합니다.'] },
  'member-file': {
    title: '이 회원의 개별 첨부 파일이 점검 뒤에 바뀌었습니다',
    body: '첨부 열에 적힌 이 회원의 파일이 발송 전 점검 뒤에 바뀌었거나 옮겨졌거나 읽을 수 없게 되어, 점검한 것과 다른 파일을 보내지 않도록 이 회원에게는 보내지 않았습니다. 나머지 발송은 계속되었습니다.',
    steps: ['파일을 원래대로 되돌리거나 명단과 폴더를 고칩니다.', '실패한 회원에게 새 안내를 작성해 보냅니다(발송 전 점검이 파일을 다시 확인합니다).'],
  },
  unknown: {
    title: '알 수 없는 실패',
    body: 'Mailroom이 이 실패를 알아보지 못했습니다. 아래에 서버의 응답을 그대로 보여 드립니다.',
    steps: ['아래 서버 응답을 읽어 보고, 응답 코드로 검색하거나 제공자 고객센터에 보여 주세요.'],
  },
};

/** 코어 오류 코드(`AppErrorCode`) 문구. */
export const appErrorWordsKo: typeof appErrorWordsEn = {
  'invalid-input': '입력값이 올바르지 않습니다.',
  'unknown-channel': 'Mailroom이 알 수 없는 요청을 받았습니다.',
  'untrusted-sender': 'Mailroom 자체 창에서 온 요청이 아니어서 거부했습니다.',
  'not-found': '해당 항목이 더 이상 없습니다.',
  storage: '이 컴퓨터에서 Mailroom 데이터를 읽거나 쓰지 못했습니다.',
  'secret-unavailable': '저장된 비밀번호를 더 이상 읽을 수 없습니다.',
  busy: '다른 Mailroom 프로세스(앱 또는 mailroom 명령)가 지금 이 캠페인을 보내고 있습니다.',
  internal: 'Mailroom 내부에서 문제가 생겼습니다.',
};
