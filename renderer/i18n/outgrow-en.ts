/** English words for moving lists out (listmonk and CSV exports) and the pre-flight's sender checks (From alignment, sends that take days). */
export const outgrowEn = {
  exportTitle: 'Export',
  exportListmonk: 'Export for listmonk',
  exportCsv: 'Export as CSV',
  exportSuppressionListmonk: 'Export for listmonk (blocklist)',
  exportSuppressionCsv: 'Export as CSV',
  exported: 'Saved {{file}}: {{count}} rows.',
  exportedSuppressed: 'Saved {{file}}: {{count}} rows; {{suppressed}} suppressed addresses were left out.',
  exportHint: 'The listmonk file has the columns email, name and attributes (the other columns as JSON). In listmonk, import it under Subscribers → Import; import the suppression file in “Blocklist” mode, so nobody who unsubscribed is mailed again.',
  fromMismatchWarn: 'The From address {{from}} is not the login {{login}}. This provider expects them to match: it may refuse the message or send it from the login instead.',
  fromMismatchBlock: 'The From address {{from}} is not the login {{login}}, and this provider refuses mail whose From is not the login. Change the account’s From address to the login.',
  freeMailDomain: 'The From address is at {{domain}}, a free-mail domain that publishes a DMARC policy. This account’s server cannot sign for {{domain}}, so many recipients’ mail servers will reject the message or file it as spam. Send from an address at your own domain, or through the {{domain}} account itself.',
  outgrown: 'At this account’s daily limit the send takes {{days}} days. That is past what a personal mailbox is for: add a sending-service account (Amazon SES, SendGrid or Mailgun presets are in Accounts), or export the list for a list server such as listmonk (Lists → Export for listmonk).',
};
