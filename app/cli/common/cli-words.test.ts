import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESET_IDS } from '../../accounts/common/presets';
import { SMTP_DIAGNOSES } from '../../diagnosis/common/smtp-diagnosis';
import { explainForTerminal, languageFromEnv } from './cli-words';
import { EXIT, exitForFailure, isAuthDiagnosis } from './exit-codes';

describe('cli words', () => {
  it('explains every diagnosis for every preset in both languages: a title, the server reply, the retry advice', () => {
    for (const diagnosis of SMTP_DIAGNOSES) {
      for (const preset of PRESET_IDS) {
        for (const language of ['ko', 'en'] as const) {
          const lines = explainForTerminal(language, { diagnosis, message: 'm', response: '550 5.0.0 reply' }, preset);
          expect(lines[0], `${language} ${diagnosis} ${preset}: no catalogue words`).not.toMatch(/^(Server reply|서버 응답):/);
          expect(lines).toContain(language === 'ko' ? '서버 응답: 550 5.0.0 reply' : 'Server reply: 550 5.0.0 reply');
          expect(lines.length).toBeGreaterThanOrEqual(4);
        }
      }
    }
  });

  it('picks Korean for any ko* locale in LC_ALL, then LC_MESSAGES, then LANG; English otherwise', () => {
    expect(languageFromEnv({ LANG: 'ko_KR.UTF-8' })).toBe('ko');
    expect(languageFromEnv({ LC_ALL: 'en_US.UTF-8', LANG: 'ko_KR.UTF-8' })).toBe('en');
    expect(languageFromEnv({ LC_MESSAGES: 'ko', LANG: 'en_US' })).toBe('ko');
    expect(languageFromEnv({})).toBe('en');
    fc.assert(fc.property(fc.string(), (tag) => languageFromEnv({ LANG: tag }) === (tag.toLowerCase().startsWith('ko') ? 'ko' : 'en')));
  });

  it('maps every diagnosis to exactly one of the failure exit codes', () => {
    for (const diagnosis of SMTP_DIAGNOSES) {
      const code = exitForFailure(diagnosis);
      expect([EXIT.auth, EXIT.dailyLimit, EXIT.failed]).toContain(code);
      expect(code === EXIT.auth).toBe(isAuthDiagnosis(diagnosis));
    }
    expect(exitForFailure('auth-rejected')).toBe(EXIT.auth);
    expect(exitForFailure('oauth-invalid-grant')).toBe(EXIT.auth);
    expect(exitForFailure('daily-limit')).toBe(EXIT.dailyLimit);
    expect(exitForFailure('recipient-rejected')).toBe(EXIT.failed);
  });
});
