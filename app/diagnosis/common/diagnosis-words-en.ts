/**
 * English words of the diagnosis catalogue (title, what it means, the numbered steps) and of the core's
 * error codes: shared by the renderer's i18n tables and the `mailroom` command line.
 * `diagnosis-words-ko.ts` has the same keys (checked by the compiler).
 */

/** Words of the OAuth diagnoses. */
export const oauthDiagnosisWordsEn = {
  'oauth-invalid-grant': {
    title: 'Google ended this sign-in (invalid_grant)',
    body: 'Google no longer accepts the saved sign-in token. The usual reason: the OAuth consent screen of your Cloud project is in “Testing”, and Google ends such sign-ins 7 days after consent. It also happens when access was removed, the Google password was changed, or the token was unused for 6 months.',
    steps: [
      'Press Reconnect on the account and allow access again: sending works again at once.',
      'To stop this every week: in Google Cloud, open the OAuth consent screen (Audience) and press “Publish app”. A published app keeps its sign-in; Google may show an “unverified app” warning, which you can accept for your own project.',
      'If you did not change anything, check at myaccount.google.com/permissions whether Mailroom’s access was removed.',
    ],
  },
  'oauth-reauth-required': {
    title: 'Your organisation asks you to sign in again',
    body: 'Google answered invalid_grant with “invalid_rapt”: a Google Cloud session-control policy of your organisation requires a fresh sign-in at regular intervals.',
    steps: ['Press Reconnect on the account and sign in again.', 'If this comes back often, ask your Google Workspace administrator about the session length set for Google Cloud.'],
  },
  'oauth-admin-blocked': {
    title: 'Your Google Workspace administrator blocks this app',
    body: 'Google answered admin_policy_enforced: the organisation’s policy does not allow this OAuth client, or the Gmail permission it asks for.',
    steps: [
      'Ask your administrator to allow the OAuth client (its client id is shown on the account) under Admin console → Security → API controls → App access control.',
      'Or ask whether sending through the Gmail API (gmail.send only) is allowed where full Gmail access is not.',
      'Then press Reconnect.',
    ],
  },
  'oauth-client-invalid': {
    title: 'The OAuth client is not accepted',
    body: 'Google does not know this client, or its secret does not match (invalid_client / deleted_client): the client may have been deleted or its secret reset in Google Cloud.',
    steps: ['In Google Cloud → Clients, check that the Desktop app client still exists.', 'Download its JSON again and reconnect the account with that file.'],
  },
  'oauth-token-rejected': {
    title: 'Google refused the access token',
    body: 'A fresh access token was refused: access was probably removed, or the token belongs to another Google account than the one sending.',
    steps: ['Check at myaccount.google.com/permissions that Mailroom still has access.', 'Press Reconnect and sign in with the account shown on the card.'],
  },
  'oauth-scope-missing': {
    title: 'The permission to send was not given',
    body: 'The sign-in does not include the permission this send method needs (Google answered insufficientPermissions, or the box for Gmail was not ticked on the consent page).',
    steps: ['Press Reconnect and, on Google’s page, tick every permission Mailroom asks for.', 'If you changed the send method, reconnect so that Google is asked for the matching permission.'],
  },
  'gmail-api-disabled': {
    title: 'The Gmail API is not enabled in your Cloud project',
    body: 'Google answered that the Gmail API has not been used in this project or is disabled (accessNotConfigured / SERVICE_DISABLED).',
    steps: ['Open the Gmail API page of your project in Google Cloud and press Enable.', 'Wait a few minutes for it to take effect, then press Check again.'],
  },
  'api-rate-limited': {
    title: 'Too many requests to Google for now',
    body: 'Google answered with a rate limit (429, or userRateLimitExceeded / rateLimitExceeded). Nothing is wrong with the account.',
    steps: ['Wait: Mailroom tries again by itself later.', 'For large lists, lower the pace (messages per minute) of the campaign.'],
  },
};

/** Words of every other diagnosis, with the retry advice and the panel's headings. */
export const diagnosisWordsEn = {
  retry: { no: 'Trying again will not help.', 'after-fix': 'Try again after these steps.', later: 'This is temporary: try again later.' },
  stepsTitle: 'What to do',
  linksTitle: 'Links',
  'auth-app-password-required': {
    title: 'An app password is required',
    body: 'This Google account uses 2-Step Verification, so its normal password cannot be used by other apps (Google answered 534 5.7.9).',
    steps: [
      'Open myaccount.google.com/apppasswords and sign in.',
      'Create an app password; any name will do, e.g. “Mailroom”.',
      'Copy the 16 letters Google shows (spaces do not matter) and paste them as this account’s password.',
      'Save, then press Check again.',
    ],
  },
  'auth-rejected': {
    title: 'Username or password not accepted',
    body: 'The server refused the login.',
    steps: ['Check that the username is exactly what the provider expects (often the full address).', 'Type the password again and save.', 'Press Check again.'],
    google: {
      title: 'Google did not accept the username or app password',
      body: 'Google answered 535 5.7.8. Since 2022 Google accepts only app passwords (or OAuth) from mail apps; an app password stops working when you change your Google password.',
      steps: [
        'Check that the username is your full Gmail or Workspace address.',
        'Make sure 2-Step Verification is on for this Google account.',
        'Create a new app password at myaccount.google.com/apppasswords and paste it as the password.',
        'Save, then press Check again.',
      ],
    },
    naver: {
      title: 'Naver did not accept the login',
      body: 'Naver refuses logins from mail apps until SMTP is turned on, and with 2-step verification it needs an application password.',
      steps: [
        'In Naver Mail on the web, open 환경설정 → POP3/IMAP 설정 and turn on IMAP/SMTP 사용 (or POP3/SMTP 사용).',
        'If 2-step verification is on: 네이버ID → 보안설정 → 2단계 인증 → 관리 → 애플리케이션 비밀번호, and create one.',
        'Use your Naver ID (or id@naver.com) as the username and that application password as the password.',
        'Save, then press Check again.',
      ],
    },
    daum: {
      title: 'Daum did not accept the login',
      body: 'Daum refuses mail apps until IMAP/SMTP is turned on; with 2-step verification it needs the password issued for apps.',
      steps: [
        'In Daum Mail on the web, open 환경설정 → IMAP/POP3 and set “IMAP / SMTP 사용” to 사용함, then 저장.',
        'If 2-step verification is on, use the password issued on the 2단계 인증 page.',
        'Save, then press Check again.',
      ],
    },
    microsoft: {
      title: 'Microsoft 365 did not accept the login',
      body: 'Microsoft answered with an authentication failure. Besides a wrong password, the organisation’s security defaults or policies may block password logins from mail apps.',
      steps: [
        'Check that the username is your full work address.',
        'Ask your Microsoft 365 administrator whether Authenticated SMTP is allowed for your mailbox and whether security defaults block it.',
        'Save the correct password, then press Check again.',
      ],
    },
  },
  'auth-web-login-required': {
    title: 'Google wants you to sign in in a browser first',
    body: 'Google blocked this sign-in as unusual (534 5.7.14).',
    steps: [
      'Sign in to Gmail in a browser on this computer and network.',
      'Open Google Account → Security → Recent activity and confirm that it was you.',
      'Press Check again. If it keeps happening, use an app password.',
    ],
  },
  'auth-throttled': {
    title: 'Too many login attempts',
    body: 'The server is refusing logins for a while (454 4.7.0). This is not a wrong password: it happens after many logins in a short time.',
    steps: ['Wait before trying again; Google does not say how long (often minutes, sometimes hours).', 'Do not press Check or Send test repeatedly in the meantime.'],
  },
  'auth-required': {
    title: 'The server needs a login',
    body: 'The server refused to send without authentication (530).',
    steps: ['Enter the username and password of this account.', 'Save, then press Check again.'],
    google: {
      title: 'Google needs a login',
      body: 'Google answered 530 5.7.0 Authentication Required: nothing was logged in before sending.',
      steps: ['Enter your full Google address as the username and an app password as the password.', 'Save, then press Check again.'],
    },
  },
  'starttls-required': {
    title: 'The server requires STARTTLS',
    body: 'The server refused to go on without encryption (530 “Must issue a STARTTLS command first”).',
    steps: ['Choose STARTTLS for this port (usually 587), or TLS with port 465.', 'Save, then press Check again.'],
  },
  'oauth-token-failed': {
    title: 'The sign-in token could not be refreshed',
    body: 'Mailroom could not get a fresh access token from the provider, so it could not log in.',
    steps: ['Connect the account again to give Mailroom a new consent.', 'If the app is in “Testing” in Google Cloud, its tokens expire after 7 days: publish it, or reconnect every week.'],
  },
  'smtp-auth-disabled': {
    title: 'SMTP login is turned off for this mailbox',
    body: 'Microsoft 365 answered 535 5.7.139: SMTP authentication is disabled for your organisation or mailbox.',
    steps: ['Ask your Microsoft 365 administrator to turn on Authenticated SMTP for this mailbox (Exchange admin center → mailbox → Email apps).', 'Press Check again once it is on.'],
  },
  'basic-auth-unsupported': {
    title: 'Password login is no longer accepted',
    body: 'Microsoft answered 550 5.7.30: basic (password) authentication is not supported for sending here.',
    steps: ['Ask your administrator whether SMTP with a password can be enabled for your tenant.', 'Otherwise use another sending account.'],
  },
  'relay-denied': {
    title: 'The relay does not accept mail from here',
    body: 'The Workspace SMTP relay refused this computer’s address or login (550 5.7.0 / 5.7.1).',
    steps: ['Ask your Workspace administrator to allow this sender in Admin console → Apps → Google Workspace → Gmail → Routing → SMTP relay service (by IP address or with SMTP authentication).', 'Press Check again once it is allowed.'],
  },
  'daily-limit': {
    title: 'Daily sending limit reached',
    body: 'This account has sent as much as its provider allows in a rolling 24 hours (550 5.4.5).',
    steps: ['Wait: sending can resume when the oldest messages of the last 24 hours age out.', 'For larger lists, spread the sending over several days or use a provider made for bulk mail.'],
  },
  'message-too-large': {
    title: 'The message is too large',
    body: 'The server refused the message because of its size (552). Attachments grow by about a third when encoded.',
    steps: ['Make attachments smaller, or share a link instead.'],
  },
  'too-many-recipients': {
    title: 'Too many recipients in one message',
    body: 'The server limits recipients per message (452 4.5.3).',
    steps: ['Send to fewer recipients per message. Mailroom sends one message per member for notices.'],
  },
  'recipient-rejected': {
    title: 'The recipient address was refused',
    body: 'The server will not deliver to this address (for example 550 5.1.1: no such user).',
    steps: ['Check the address for typos.', 'If it is right, the mailbox may not exist any more: remove it from your list.'],
  },
  'sender-rejected': {
    title: 'The From address was refused',
    body: 'The server will not send as this From address.',
    steps: ['Use the account’s own address as From, or an alias the provider lets you send as.', 'Save, then press Check again.'],
  },
  'connection-refused': {
    title: 'Connection refused',
    body: 'Nothing answered on this host and port.',
    steps: ['Check the SMTP server name and the port.', 'Check that no firewall or security program blocks mail ports on this computer.'],
  },
  timeout: {
    title: 'No answer in time',
    body: 'The server did not answer. Networks often block mail ports, or the security setting does not match the port.',
    steps: ['Use TLS with port 465, or STARTTLS with port 587.', 'Try another network (some office and school networks block mail ports).'],
  },
  'tls-mismatch': {
    title: 'The security setting does not match the port',
    body: 'The server spoke plain SMTP where TLS was expected, or the reverse (“wrong version number”).',
    steps: ['Use TLS with port 465, or STARTTLS with port 587.', 'Save, then press Check again.'],
  },
  'certificate-untrusted': {
    title: 'The server’s certificate is not trusted',
    body: 'The certificate is self-signed, for another name, expired, or replaced by security software on this network.',
    steps: [
      'Check the SMTP server name: it must match the certificate.',
      'On a company network, antivirus or a proxy may intercept mail: ask your IT staff.',
      'For your own server, paste its CA certificate under Advanced.',
    ],
  },
  'host-not-found': {
    title: 'Server not found',
    body: 'This host name does not exist, or this computer is offline.',
    steps: ['Check the spelling of the SMTP server name.', 'Check the internet connection.'],
  },
  'server-busy': {
    title: 'The server is busy',
    body: 'The server closed the connection and asked to try again later (421).',
    steps: ['Wait a few minutes, then try again.', 'Avoid opening many connections at once.'],
  },
  temporary: { title: 'Temporary problem at the server', body: 'The server asked to try again later (4xx).', steps: ['Try again in a few minutes.'] },
  'member-file': {
    title: 'This member’s own file changed after the check',
    body: 'The file named for this member in the attachment column was changed, moved or made unreadable after the pre-flight check, so this member was not sent a file other than the one checked. The rest of the campaign went on.',
    steps: ['Put the file back as it was, or fix the list and the folder.', 'Compose a new notice for the members who failed (the pre-flight check looks at their files again).'],
  },
  unknown: {
    title: 'Failure not recognised',
    body: 'Mailroom does not recognise this failure. The server’s exact reply is below.',
    steps: ['Read the server’s reply below; search for its code, or show it to your provider’s support.'],
  },
};

/** Words of the core's error codes (`AppErrorCode`). */
export const appErrorWordsEn = {
  'invalid-input': 'Some input is not valid.',
  'unknown-channel': 'Mailroom received a request it does not know.',
  'untrusted-sender': 'The request was refused because it did not come from Mailroom’s own window.',
  'not-found': 'That item no longer exists.',
  storage: 'Mailroom could not read or write its data on this computer.',
  'secret-unavailable': 'The saved password cannot be read any more.',
  busy: 'Another Mailroom process (the app or the mailroom command) is running this campaign now.',
  internal: 'Something went wrong inside Mailroom.',
};
