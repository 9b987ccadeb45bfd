/** 비밀 정보를 다루는 화면의 한국어 문구: 페이지가 열어 볼 수 없는 내보내기, 서버에 묶인 비밀번호, 브라우저 호스트. `security-en.ts`와 같은 키. */
import type { securityEn } from './security-en';

export const securityKo: typeof securityEn = {
  export: {
    body: '모든 계정과 비밀번호를 암호화한 파일 하나에 담습니다. Mailroom이 강력한 암호를 만들어 이 페이지 밖에서 보여 줍니다. 가져올 때 그 암호가 필요합니다.',
    bodyDialog: 'Mailroom이 저장할 위치를 묻고, 암호는 Mailroom 자체 창에 보여 줍니다.',
    bodyTerminal: 'Mailroom이 파일을 데이터 폴더에 저장하고, 암호는 Mailroom이 실행 중인 터미널 창에 출력합니다.',
    saved: '계정 {{count}}개를 {{location}} 에 내보냈습니다.',
    shownInDialog: '암호는 Mailroom 자체 창에 보여 드렸습니다. 적어 두세요. 파일을 가져올 때 필요합니다.',
    shownInTerminal: '암호는 Mailroom이 실행 중인 터미널 창에 출력했습니다(이 페이지는 볼 수 없습니다). 적어 두세요. 파일을 가져올 때 필요합니다.',
    cancelled: '내보내기를 취소했습니다. 저장한 파일은 없습니다.',
    importPassphrase: '내보낼 때 보여 준 암호',
  },
  account: {
    passwordAgain: '서버, 포트, 보안 방식 또는 로그인을 바꿨으니 비밀번호를 다시 입력하세요. 저장된 비밀번호는 저장할 때의 서버로만 보냅니다.',
  },
  host: {
    web: '이 컴퓨터(127.0.0.1)의 Node 호스트가 제공하는 브라우저용 Mailroom',
    connectionLost:
      'Mailroom과의 연결이 끊어졌습니다. Mailroom 프로그램(시작한 터미널 창)이 멈췄거나 다시 시작되었습니다. 실행 중이 아니면 npm start로 다시 시작하고, 새로 출력되거나 열린 주소를 여세요. 이 탭을 새로 고치기만 해서는 다시 연결되지 않습니다.',
  },
};
