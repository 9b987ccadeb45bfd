/**
 * "Check" for any account. A password account runs the SMTP check as it always did. An OAuth account
 * first refreshes its access token at the token endpoint (step `token`), then either runs the SMTP
 * check with XOAUTH2 (DNS, connect, TLS, AUTH, MAIL FROM) or makes one Gmail API call (step `api`).
 */
import XOAuth2 from 'nodemailer/lib/xoauth2';
import type { CheckResult, CheckStep } from '../../ipc/common/contract';
import type { AccountRecord } from './account-store';
import { credentialSecrets, provisionFrom, toCredentials, type AccountCredentials } from './account-transport';
import { apiError } from './gmail-api-transport';
import type { Clock } from '../../storage/node/ports';
import { runSmtpCheck } from './smtp-check';
import { toSmtpFailure } from './smtp-transport';

/** Runs "Check". Never throws for SMTP, OAuth or API failures: the failed step carries them. */
export async function runAccountCheck(record: AccountRecord, credentials: AccountCredentials | string | undefined, clock: Clock): Promise<CheckResult> {
  const c = toCredentials(credentials);
  if (c.kind === 'password') return runSmtpCheck(record, c.password, clock);
  const checkedAt = new Date(clock.now()).toISOString();
  const failed = (steps: CheckStep[], error: unknown): CheckResult => ({
    status: 'failed',
    steps,
    failure: toSmtpFailure(error, credentialSecrets(c)),
    checkedAt,
  });

  // Token: a real refresh, so the check proves the stored grant still works (not just a cached token).
  const tokenStarted = clock.now();
  let token: string;
  try {
    token = (await c.tokens.get({ renew: true })).token;
  } catch (error) {
    return failed([step('token', 'failed', clock.now() - tokenStarted)], error);
  }
  const tokenStep = step('token', 'ok', clock.now() - tokenStarted, c.tokens.user);

  if (c.sendMethod === 'smtp-xoauth2') {
    const oauth2 = new XOAuth2({
      user: c.tokens.user,
      accessUrl: c.tokenUri,
      provisionCallback: provisionFrom(c.tokens),
    });
    const smtp = await runSmtpCheck(record, undefined, clock, { oauth2, secrets: credentialSecrets(c) });
    return { ...smtp, steps: [tokenStep, ...smtp.steps] };
  }

  // Gmail API: the profile call. `gmail.send` alone may not read the profile ([G] scopes page lists it
  // under the read scopes); a 403 insufficientPermissions then still proves that the API is enabled
  // for the project and that the token was accepted — Google checks the API's enablement before the
  // method's scope (UNCONFIRMED ordering; a disabled API answers accessNotConfigured either way).
  const apiStarted = clock.now();
  try {
    const response = await fetch(new URL('/gmail/v1/users/me/profile', c.gmailApiBase), {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(20_000),
    });
    const text = await response.text();
    if (response.ok) {
      const email = (JSON.parse(text) as { emailAddress?: unknown }).emailAddress;
      return { status: 'passed', steps: [tokenStep, step('api', 'ok', clock.now() - apiStarted, typeof email === 'string' ? `200 ${email}` : '200')], checkedAt };
    }
    const error = apiError(response.status, text, credentialSecrets(c));
    if (response.status === 403 && /insufficientpermissions|access_token_scope_insufficient/i.test(error.response ?? '')) {
      const reason = /insufficientpermissions/i.test(error.response ?? '') ? 'insufficientPermissions' : 'ACCESS_TOKEN_SCOPE_INSUFFICIENT';
      return { status: 'passed', steps: [tokenStep, step('api', 'ok', clock.now() - apiStarted, `Gmail API enabled; profile 403 ${reason}, expected with gmail.send`)], checkedAt };
    }
    return failed([tokenStep, step('api', 'failed', clock.now() - apiStarted)], error);
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return failed(
      [tokenStep, step('api', 'failed', clock.now() - apiStarted)],
      Object.assign(new Error(`Could not reach the Gmail API${cause}`), { code: 'ECONNECTION', command: 'GMAIL API' }),
    );
  }
}

function step(name: CheckStep['step'], status: CheckStep['status'], durationMs: number, detail?: string): CheckStep {
  return { step: name, status, durationMs: Math.max(0, durationMs), ...(detail === undefined ? {} : { detail }) };
}
