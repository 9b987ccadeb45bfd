/** English words of the keyboard aids and the first-run setup. `first-run-ko.ts` has the same keys. */
export const firstRunEn = {
  skipToContent: 'Skip to content',
  rowsHint: 'One stop: use the arrow keys, Home, End, Page Up and Page Down to move between members, Enter to open one.',
  welcome: {
    title: 'Welcome to Mailroom',
    body: 'Mailroom sends your notices through your own mail account, one message per member, and shows what happened to each one.',
    steps: ['Connect the mail account you send from.', 'Mailroom checks it and you send yourself a test.', 'Import your member list.'],
    start: 'Set up my mail account',
    skip: 'Skip, I will set it up myself',
  },
  provider: {
    title: 'Which mail do you send from?',
    address: 'Your email address',
    addressHelp: 'Type it first: Mailroom picks the matching provider for you.',
    choose: 'Provider',
    picked: 'Picked from your address: {{name}}',
    next: 'Next',
    back: 'Back',
  },
  connect: {
    title: 'Connect {{name}}',
    how: 'How do you sign in?',
    appPassword: 'With an app password (most people)',
    oauth: 'Sign in with Google (OAuth): my Workspace admin has turned app passwords off',
    saveChecks: 'Saving runs Check: Mailroom signs in to the server to make sure everything works. Nothing is sent.',
  },
  check: {
    title: 'Checking {{label}}',
    running: 'Signing in to the server…',
    again: 'Check again',
    fix: 'Change the settings',
    next: 'Next: send a test to myself',
  },
  test: {
    title: 'Send a test to yourself',
    body: 'A short message goes to your own address, so you can see how members will receive mail from you.',
    next: 'Next',
  },
  done: {
    title: 'Import your member list',
    body: '{{label}} is ready. Now bring in the people you write to: a CSV file, or addresses pasted in.',
    importList: 'Import your member list',
    finish: 'Done, show my accounts',
  },
  secrets: {
    what: 'What it protects: the passwords and keys of the mail accounts you save in Mailroom. Your mail and your member lists are not behind it.',
    recover: 'It cannot be recovered. If you forget it, Mailroom cannot open the saved passwords; you would enter them again.',
  },
};
