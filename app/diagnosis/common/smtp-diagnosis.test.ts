import { describe, expect, it } from 'vitest';
import { catalogueLinks, DIAGNOSIS_CATALOGUE, explainFailure } from './diagnosis-catalogue';
import { PRESETS } from '../../accounts/common/presets';
import { isAddressGone, diagnoseSmtpFailure, enhancedStatusOf, SMTP_DIAGNOSES } from './smtp-diagnosis';

describe('enhancedStatusOf', () => {
  it('reads x.y.z from single- and multi-line replies', () => {
    expect(enhancedStatusOf('535-5.7.8 Username and Password not accepted. Learn more at\n535 5.7.8 https://support.google.com/mail/?p=BadCredentials')).toBe('5.7.8');
    expect(enhancedStatusOf('535 5.7.139 Authentication unsuccessful')).toBe('5.7.139');
    expect(enhancedStatusOf('250 OK')).toBeUndefined();
    expect(enhancedStatusOf(undefined)).toBeUndefined();
  });
});

describe('diagnoseSmtpFailure', () => {
  it('tells a 454 login throttle from a wrong password', () => {
    const throttle = { code: 'EAUTH', command: 'AUTH PLAIN', responseCode: 454, response: '454 4.7.0 Too many login attempts, please try again later.', message: 'Invalid login' };
    expect(diagnoseSmtpFailure(throttle)).toBe('auth-throttled');
    const temporary = { ...throttle, response: '454 4.7.0 Cannot authenticate due to a temporary system problem. Try again later.' };
    expect(diagnoseSmtpFailure(temporary)).toBe('temporary');
  });

  it('reads every daily-limit reply it knows, and not a full mailbox', () => {
    const data = { code: 'EENVELOPE', command: 'DATA', message: 'Data command failed' };
    expect(diagnoseSmtpFailure({ ...data, responseCode: 550, response: '550-5.4.5 Daily user sending limit exceeded. For more information on Gmail sending limits go to\n550 5.4.5 https://support.google.com/a/answer/166852' })).toBe('daily-limit');
    expect(diagnoseSmtpFailure({ ...data, responseCode: 550, response: '550 5.4.5 Daily SMTP relay limit exceeded for user.' })).toBe('daily-limit');
    expect(diagnoseSmtpFailure({ ...data, responseCode: 554, response: '554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message due to a permanent exception with message Cannot submit message.' })).toBe('daily-limit');
    expect(diagnoseSmtpFailure({ ...data, responseCode: 550, response: "550 5.7.1 Error.your access was denied. Since you sent too many e-mails,you are not allowed to send more e-mails within 24 hours." })).toBe('daily-limit');
    expect(diagnoseSmtpFailure({ ...data, responseCode: 554, response: '554 5.2.2 mailbox full; STOREDRV.Submission.Exception:QuotaExceededException.MapiExceptionQuotaExceeded' })).not.toBe('daily-limit');
  });

  it('calls a greeting timeout on port 465 without TLS a mismatch, elsewhere a timeout', () => {
    const timeout = { code: 'ETIMEDOUT', command: 'CONN', message: 'Greeting never received' };
    expect(diagnoseSmtpFailure(timeout, { port: 465, security: 'starttls' })).toBe('tls-mismatch');
    expect(diagnoseSmtpFailure(timeout, { port: 587, security: 'starttls' })).toBe('timeout');
    expect(diagnoseSmtpFailure(timeout, { port: 465, security: 'tls' })).toBe('timeout');
  });

  it('reads OpenSSL and socket texts when there is no reply', () => {
    expect(diagnoseSmtpFailure({ code: 'ESOCKET', message: 'C0:error:0A00010B:SSL routines:ssl3_get_record:wrong version number' })).toBe('tls-mismatch');
    // STARTTLS asked of a server that does not offer it: a reply, but the fix is the security setting.
    expect(diagnoseSmtpFailure({ code: 'ETLS', command: 'STARTTLS', responseCode: 500, response: '500 5.5.1 Error: command not recognized', message: 'Error initiating TLS' })).toBe('tls-mismatch');
    expect(diagnoseSmtpFailure({ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:1' })).toBe('connection-refused');
    expect(diagnoseSmtpFailure({ code: 'EDNS', message: 'getaddrinfo ENOTFOUND nowhere.invalid' })).toBe('host-not-found');
    expect(diagnoseSmtpFailure({ code: 'ESOCKET', message: 'self-signed certificate' })).toBe('certificate-untrusted');
    expect(diagnoseSmtpFailure({ code: 'EMESSAGE', command: 'MAIL FROM', message: 'Message size larger than allowed 35882577' })).toBe('message-too-large');
  });
});

describe('the diagnosis catalogue', () => {
  it('has an entry for every diagnosis', () => {
    expect(Object.keys(DIAGNOSIS_CATALOGUE).sort()).toEqual([...SMTP_DIAGNOSES].sort());
  });

  it('picks provider steps by preset and falls back to the generic words', () => {
    expect(explainFailure('auth-rejected', 'gmail').key).toBe('diagnosis.auth-rejected.google');
    expect(explainFailure('auth-rejected', 'naver').key).toBe('diagnosis.auth-rejected.naver');
    expect(explainFailure('auth-rejected', 'sendgrid').key).toBe('diagnosis.auth-rejected');
    expect(explainFailure('timeout', 'gmail').key).toBe('diagnosis.timeout');
  });

  it('says whether retrying can help', () => {
    expect(explainFailure('auth-throttled', 'gmail').retry).toBe('later');
    expect(explainFailure('auth-rejected', 'gmail').retry).toBe('after-fix');
    expect(explainFailure('recipient-rejected', 'gmail').retry).toBe('no');
  });

  it('links only to https pages', () => {
    const links = [...catalogueLinks(), ...Object.values(PRESETS).flatMap((p) => p.links)];
    for (const link of links) expect(new URL(link).protocol).toBe('https:');
  });
});

describe('isAddressGone', () => {
  it('is true only for a refused recipient address', () => {
    expect(isAddressGone('recipient-rejected')).toBe(true);
    for (const d of ['auth-rejected', 'daily-limit', 'temporary', 'sender-rejected'] as const) expect(isAddressGone(d)).toBe(false);
    expect(isAddressGone(undefined)).toBe(false);
  });
});
