/** English words of Google OAuth: the connect panel, the account card, check steps and the OAuth diagnoses. `oauth-ko.ts` has the same keys. */
import { oauthDiagnosisWordsEn } from '../../app/diagnosis/common/diagnosis-words-en';
export const oauthEn = {
  screen: {
    connect: 'Connect Google account (OAuth)',
    title: 'Connect a Google account with OAuth',
    intro:
      'Use the OAuth client you created in Google Cloud (type “Desktop app”, with the Gmail API enabled). Mailroom opens Google’s sign-in page in your browser; you allow access there, and Mailroom keeps a sign-in token, encrypted on this computer.',
    reconnectTitle: 'Reconnect {{address}}',
    reconnectIntro: 'Sign in again with the same OAuth client. Mailroom replaces the saved sign-in when Google answers.',
  },
  client: {
    legend: '1. The OAuth client',
    file: 'Client JSON file',
    paste: 'Or paste the client JSON',
    pastePlaceholder: '{"installed": {"client_id": "…apps.googleusercontent.com", "client_secret": "…", …}}',
    readOk: 'Desktop app client {{clientId}}',
    project: 'project {{project}}',
    authHost: 'sign-in at {{host}}',
    keepStored: 'The saved client is used. Choose a file only to switch to another client.',
  },
  clientProblems: {
    'not-json': 'This is not JSON. Download the client again from Google Cloud (Clients → the client → Download JSON) and choose that file.',
    'web-client':
      'This is a “Web application” client. Mailroom needs a client of type “Desktop app”: in Google Cloud, Clients → Create client → Application type: Desktop app, then download its JSON.',
    'service-account':
      'This is a service-account key, not an OAuth client. Mailroom signs in as you: create an OAuth client of type “Desktop app” (Clients → Create client) and download its JSON.',
    'missing-field': 'The client JSON has no “{{field}}”. Download it again from Google Cloud.',
    'bad-endpoint': 'The address in “{{field}}” is not an https address. Download the client JSON again from Google Cloud.',
    'unknown-shape': 'This JSON is not an OAuth client file. In Google Cloud, create a client of type “Desktop app” and download its JSON.',
  },
  method: {
    legend: '2. How to send',
    'smtp-xoauth2': 'SMTP with OAuth (XOAUTH2)',
    'smtp-xoauth2Hint': 'smtp.gmail.com, like an app password but without one. Asks for full Gmail access (https://mail.google.com/).',
    'gmail-api': 'Gmail API',
    'gmail-apiHint': 'Sends through the Gmail API. Asks only for “send email on your behalf” (gmail.send). The Gmail API must be enabled in your Cloud project.',
  },
  account: {
    legend: '3. The account in Mailroom',
    label: 'Account name',
    labelHint: 'Empty: the Google address.',
    fromName: 'From name',
  },
  actions: {
    connect: 'Connect in browser',
    reconnect: 'Reconnect',
    cancel: 'Cancel',
    close: 'Close',
  },
  waiting: {
    title: 'Waiting for Google…',
    opened: 'Your browser has opened Google’s sign-in page. Choose the account, allow access, then come back here.',
    notOpened: 'Open this link in your browser, choose the account and allow access, then come back here:',
    openLink: 'Open Google’s sign-in page',
    note: 'Google may warn that the app is not verified while your consent screen is in “Testing”: choose Continue if this is your own project.',
  },
  result: {
    connected: 'Connected as {{address}}.',
    cancelled: 'Connecting was cancelled.',
    'timed-out': 'Nobody came back from the browser in time. Press Connect to try again.',
    denied: 'Google did not give access ({{error}}). If you pressed Cancel on Google’s page, try again and choose Allow.',
    failed: 'Google answered, but the sign-in could not be completed.',
  },
  card: {
    signedIn: 'Google sign-in (OAuth) as {{address}}',
    method: 'sends by {{method}}',
    noGrant: 'No saved sign-in: reconnect.',
    connectedAt: 'connected {{when}}',
    reconnectHint: 'This account’s Google sign-in no longer works. Reconnect to sign in again.',
  },
  checkSteps: { token: 'Refresh the sign-in token', api: 'Gmail API' },
  diagnoses: oauthDiagnosisWordsEn,
};
