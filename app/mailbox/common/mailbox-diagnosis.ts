/**
 * Why reading the mailbox failed, in words for the user (ko/en). Reading never touches sending:
 * a wrong IMAP password stops watching, not the campaign.
 */

/** Every problem name. */
export const MAILBOX_PROBLEMS = ['auth', 'connection', 'tls', 'mailbox-missing', 'imap-disabled', 'protocol', 'oauth-grant', 'oauth-scope'] as const;

/** What went wrong while reading the mailbox. */
export type MailboxProblem = (typeof MAILBOX_PROBLEMS)[number];

/** User-facing words for each problem. */
export const MAILBOX_PROBLEM_WORDS: Readonly<Record<MailboxProblem, { readonly ko: string; readonly en: string }>> = {
  auth: {
    ko: '메일함(IMAP) 로그인이 거부되었습니다. 앱 비밀번호가 맞는지, 메일 설정에서 IMAP 사용이 켜져 있는지 확인하세요. 발송에는 영향이 없습니다.',
    en: 'The mailbox (IMAP) login was refused. Check the app password and that IMAP is turned on in the mail settings. Sending is not affected.',
  },
  connection: {
    ko: '메일함(IMAP) 서버에 연결하지 못했거나 연결이 끊겼습니다. 잠시 후 다시 확인합니다. 이미 확인한 반송은 다시 세지 않습니다.',
    en: 'Could not reach the mailbox (IMAP) server, or the connection dropped. Mailroom checks again shortly; reports already read are not counted twice.',
  },
  tls: {
    ko: '메일함(IMAP) 서버의 보안 연결(TLS)을 확인하지 못했습니다. 서버 주소와 포트를 확인하세요.',
    en: "The mailbox (IMAP) server's secure connection (TLS) could not be verified. Check the server address and port.",
  },
  'mailbox-missing': {
    ko: '지정한 메일함(폴더)을 찾을 수 없습니다. 폴더 이름을 확인하세요.',
    en: 'The named mailbox folder does not exist. Check its name.',
  },
  'imap-disabled': {
    ko: '이 계정은 IMAP 접근이 꺼져 있습니다. 메일 웹 설정에서 IMAP 사용을 켜세요.',
    en: 'IMAP access is turned off for this account. Turn IMAP on in the web mail settings.',
  },
  'oauth-grant': {
    ko: '이 Google 계정의 접근 권한이 끝났습니다(취소되었거나 만료됨). 계정 화면에서 Google에 다시 연결해야 메일함을 읽을 수 있습니다. 이미 보낸 메일과 캠페인은 그대로입니다.',
    en: "This Google account's access has ended (revoked or expired). Reconnect it to Google on the Accounts screen to read its mailbox. Mail already sent and campaigns are left as they are.",
  },
  'oauth-scope': {
    ko: '이 Google 계정은 Gmail API의 "보내기" 권한(gmail.send)만으로 연결되어 메일함을 읽을 수 없습니다. 반송을 Mailroom이 읽게 하려면 계정 화면에서 "OAuth를 쓰는 SMTP (XOAUTH2)"로 다시 연결하세요(Gmail 전체 접근 권한을 요청합니다). 보내기는 지금처럼 됩니다.',
    en: 'This Google account is connected with the Gmail API\'s send-only permission (gmail.send), which cannot read the mailbox. To let Mailroom read its bounces, reconnect it on the Accounts screen with "SMTP with OAuth (XOAUTH2)" (it asks for full Gmail access). Sending works as it does now.',
  },
  protocol: {
    ko: '메일함(IMAP) 서버가 예상하지 못한 응답을 보냈습니다. 잠시 후 다시 확인합니다.',
    en: 'The mailbox (IMAP) server answered in an unexpected way. Mailroom checks again shortly.',
  },
};
