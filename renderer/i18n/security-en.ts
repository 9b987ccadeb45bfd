/** English words of the secret-handling screens: the export that the page never holds, the password bound to its server, the browser host. `security-ko.ts` has the same keys. */
export const securityEn = {
  export: {
    body: 'All accounts, with their passwords, go into one encrypted file. Mailroom makes a strong passphrase for it and shows it outside this page; you need it to import the file.',
    bodyDialog: 'Mailroom asks where to save the file, then shows the passphrase in its own window.',
    bodyTerminal: 'Mailroom saves the file in its data folder and prints the passphrase in the terminal window where Mailroom is running.',
    saved: '{{count}} accounts exported to {{location}}.',
    shownInDialog: 'The passphrase was shown in Mailroom’s own window. Write it down: you need it to import the file.',
    shownInTerminal: 'The passphrase is printed in the terminal window where Mailroom is running (this page never sees it). Write it down: you need it to import the file.',
    cancelled: 'Export cancelled: no file was saved.',
    importPassphrase: 'The passphrase shown when the file was exported',
  },
  account: {
    passwordAgain: 'You changed the server, port, security or login: enter the password again. A saved password is only sent to the server it was saved for.',
  },
  host: {
    web: 'Mailroom in your browser, served from this computer (127.0.0.1) by the Node host',
    connectionLost:
      'The connection to Mailroom was lost: the Mailroom program (the terminal window where it was started) stopped or restarted. Start it again with npm start if it is not running, then open the new address it prints or opens; reloading this tab alone will not reconnect.',
  },
};
