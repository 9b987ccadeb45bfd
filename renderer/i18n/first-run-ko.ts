/** 키보드 도움과 처음 설정의 한국어 문구. 키는 `first-run-en.ts`와 같다. */
import type { firstRunEn } from './first-run-en';

export const firstRunKo: typeof firstRunEn = {
  skipToContent: '본문으로 건너뛰기',
  rowsHint: '한 번의 탭 위치입니다. 화살표, Home, End, Page Up, Page Down으로 회원 사이를 옮기고 Enter로 엽니다.',
  welcome: {
    title: 'Mailroom에 오신 것을 환영합니다',
    body: 'Mailroom은 내 메일 계정으로 회원 한 명마다 한 통씩 공지를 보내고, 각 메일이 어떻게 되었는지 보여 줍니다.',
    steps: ['보내는 메일 계정을 연결합니다.', 'Mailroom이 계정을 점검하고, 나에게 테스트 메일을 보냅니다.', '회원 명단을 가져옵니다.'],
    start: '내 메일 계정 설정하기',
    skip: '건너뛰기, 직접 설정할게요',
  },
  provider: {
    title: '어느 메일로 보내나요?',
    address: '내 이메일 주소',
    addressHelp: '먼저 입력하면 Mailroom이 맞는 메일 서비스를 골라 줍니다.',
    choose: '메일 서비스',
    picked: '주소에 맞춰 골랐습니다: {{name}}',
    next: '다음',
    back: '이전',
  },
  connect: {
    title: '{{name}} 연결',
    how: '어떻게 로그인하나요?',
    appPassword: '앱 비밀번호로 (대부분의 경우)',
    oauth: 'Google 로그인(OAuth): Workspace 관리자가 앱 비밀번호를 꺼 두었어요',
    saveChecks: '저장하면 점검이 실행됩니다. Mailroom이 서버에 로그인해 모든 것이 되는지 확인합니다. 메일은 보내지 않습니다.',
  },
  check: {
    title: '{{label}} 점검',
    running: '서버에 로그인하는 중…',
    again: '다시 점검',
    fix: '설정 고치기',
    next: '다음: 나에게 테스트 보내기',
  },
  test: {
    title: '나에게 테스트 보내기',
    body: '짧은 메일이 내 주소로 갑니다. 회원들이 내 메일을 어떻게 받는지 직접 볼 수 있습니다.',
    next: '다음',
  },
  done: {
    title: '회원 명단 가져오기',
    body: '{{label}} 계정이 준비되었습니다. 이제 메일을 받을 사람들을 가져오세요. CSV 파일이나 붙여 넣은 주소로 됩니다.',
    importList: '회원 명단 가져오기',
    finish: '마치고 내 계정 보기',
  },
  secrets: {
    what: '무엇을 지키나요: Mailroom에 저장하는 메일 계정의 비밀번호와 키입니다. 메일 내용과 회원 명단은 여기에 묶여 있지 않습니다.',
    recover: '되찾을 수 없습니다. 잊으면 Mailroom이 저장된 비밀번호를 열 수 없고, 비밀번호를 다시 입력해야 합니다.',
  },
};
