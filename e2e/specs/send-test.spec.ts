/**
 * The foundation's vertical slice, as a new user does it: open Mailroom, add a custom SMTP account,
 * save it, send a test message, read the result. The SMTP server is real (smtp-server on loopback,
 * STARTTLS with a certificate made for this run, AUTH PLAIN/LOGIN).
 */
import { expect, test } from '../fixtures';
import { startSmtpSink } from '../fakes/smtp-sink';

const USER = 'office@hanbit-school.test';
const PASSWORD = 'qwer tyui asdf ghjk';

test('a new user adds an SMTP account and the test message arrives exactly once', async ({ page, host, certificate }) => {
  const smtp = await startSmtpSink({ security: 'starttls', certificate, users: { [USER]: PASSWORD } });
  try {
    await page.goto(host.url);
    await page.getByRole('button', { name: /Add account|계정 추가/ }).click();

    await page.getByLabel(/Account name|계정 이름/).fill('Hanbit office');
    await page.getByLabel(/SMTP server|SMTP 서버/).fill('127.0.0.1');
    await page.getByLabel(/STARTTLS/).check();
    await page.getByLabel(/^Port$|^포트$/).fill(String(smtp.port));
    await page.getByLabel(/Username|사용자 이름/).fill(USER);
    await page.getByLabel(/^Password$|^비밀번호$/).fill(PASSWORD);
    await page.getByLabel(/From address|보내는 주소/).fill(USER);
    await page.getByLabel(/From name|보내는 사람 이름/).fill('한빛학교 행정실');
    await page.getByText(/Advanced|고급 설정/).click();
    await page.getByLabel(/CA certificate|CA 인증서/).fill(certificate.cert);
    await page.getByRole('button', { name: /^Save$|^저장$/ }).click();

    const card = page.getByRole('listitem', { name: 'Hanbit office' });
    await expect(card).toBeVisible();
    await expect(card).toContainText(/Password saved|비밀번호 저장됨/);

    await card.getByLabel(/Send to|받는 주소/).fill('parent@members.test');
    await card.getByRole('button', { name: /Send test|테스트 발송/ }).click();

    const result = card.locator('[data-status="sent"]');
    await expect(result).toBeVisible();
    await expect(result).toContainText(/250 .*OK queued as fake-1/);

    expect(smtp.messages).toHaveLength(1);
    const [message] = smtp.messages;
    expect(message!.rcptTo).toEqual(['parent@members.test']);
    expect(message!.parsed.from?.value).toEqual([{ name: '한빛학교 행정실', address: USER }]);
    expect(message!.parsed.to && !Array.isArray(message!.parsed.to) ? message!.parsed.to.value : []).toEqual([
      { name: '', address: 'parent@members.test' },
    ]);
    expect(message!.parsed.subject).toBe('Mailroom test message / Mailroom 테스트 메일');
    expect(message!.parsed.text).toContain('Hanbit office');
    await expect(result).toContainText(message!.parsed.messageId!);
  } finally {
    await smtp.close();
  }
});

test('a wrong password shows the authentication failure with the server 535 reply', async ({ page, host, certificate }) => {
  const smtp = await startSmtpSink({ security: 'starttls', certificate, users: { [USER]: PASSWORD } });
  try {
    await page.goto(host.url);
    await page.getByRole('button', { name: /Add account|계정 추가/ }).click();
    await page.getByLabel(/Account name|계정 이름/).fill('Wrong password');
    await page.getByLabel(/SMTP server|SMTP 서버/).fill('127.0.0.1');
    await page.getByLabel(/^Port$|^포트$/).fill(String(smtp.port));
    await page.getByLabel(/Username|사용자 이름/).fill(USER);
    await page.getByLabel(/^Password$|^비밀번호$/).fill('not-the-password');
    await page.getByLabel(/From address|보내는 주소/).fill(USER);
    await page.getByText(/Advanced|고급 설정/).click();
    await page.getByLabel(/CA certificate|CA 인증서/).fill(certificate.cert);
    await page.getByRole('button', { name: /^Save$|^저장$/ }).click();

    const card = page.getByRole('listitem', { name: 'Wrong password' });
    await card.getByRole('button', { name: /Send test|테스트 발송/ }).click();

    const failure = card.locator('[data-status="failed"]');
    await expect(failure).toBeVisible();
    await expect(failure).toHaveAttribute('data-diagnosis', 'auth-rejected');
    await expect(failure).toContainText('535 5.7.8 Username and Password not accepted');
    await expect(failure).toContainText(/Username or password not accepted|사용자 이름이나 비밀번호가 맞지 않습니다/);
    await expect(failure).not.toContainText('not-the-password');
    expect(smtp.messages).toHaveLength(0);
    expect(smtp.logins).toEqual([{ username: USER, ok: false }]);
  } finally {
    await smtp.close();
  }
});
