/** English words of Google OAuth: the connect panel, the account card, check steps and the OAuth diagnoses. `oauth-ko.ts` has the same keys. */
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
  diagnoses: {
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
  },
};
