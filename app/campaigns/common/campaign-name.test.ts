/** Campaign names: the default name, cleaning a typed name, and file names from names (property tests). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAMPAIGN_NAME_MAX, cleanCampaignName, defaultNameOf, fileNamePartOf, isFinishedStatus, nameDate, NAME_DATE_SEPARATOR } from './campaign-name';

const SEED = 1_130_2026;

describe('campaign names', () => {
  it('dates a name in the admin’s locale', () => {
    expect(nameDate('2026-11-30T03:00:00Z', 'en', 'UTC')).toBe('Nov 30, 2026');
    expect(nameDate('2026-11-30T03:00:00Z', 'ko', 'UTC')).toBe('2026. 11. 30.');
    // The admin's time zone decides the day.
    expect(nameDate('2026-11-30T20:00:00Z', 'ko', 'Asia/Seoul')).toBe('2026. 12. 1.');
    expect(nameDate('2026-11-30T03:00:00Z', 'not a locale!!', 'UTC')).toBe('Nov 30, 2026');
    expect(defaultNameOf('김철수님께 총회 안내', '2026-11-30T03:00:00Z', 'ko', 'UTC')).toBe('김철수님께 총회 안내 · 2026. 11. 30.');
    expect(defaultNameOf('  ', '2026-11-30T03:00:00Z', 'en', 'UTC')).toBe('Nov 30, 2026');
  });

  it('cleans any typed name to one trimmed line of at most 200 characters, and cleaning twice changes nothing', () => {
    console.log(`fast-check seed ${SEED}`);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 300 }), (a, b) => {
        for (const text of [a, b, `${a}\n${b}`]) {
          const name = cleanCampaignName(text);
          // eslint-disable-next-line no-control-regex -- the test looks for control characters
          expect(name).not.toMatch(/[\u0000-\u001f\u007f\u2028\u2029]/);
          expect(name).toBe(name.trim());
          expect([...name].length).toBeLessThanOrEqual(CAMPAIGN_NAME_MAX);
          expect(cleanCampaignName(name)).toBe(name);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('a default name always ends with its date and fits, however long the subject', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 600 }), fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), fc.constantFrom('ko', 'en'), (subject, date, locale) => {
        const name = defaultNameOf(subject, date.toISOString(), locale, 'UTC');
        const day = nameDate(date.toISOString(), locale, 'UTC');
        expect(name.endsWith(day)).toBe(true);
        expect([...name].length).toBeLessThanOrEqual(CAMPAIGN_NAME_MAX);
        if (cleanCampaignName(subject) !== '') expect(name).toContain(NAME_DATE_SEPARATOR);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('makes a file name part of letters, digits, - and _ only', () => {
    expect(fileNamePartOf('김철수님께 총회 안내 · 2026. 11. 30.')).toBe('김철수님께-총회-안내-2026-11-30');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (name) => {
        const part = fileNamePartOf(name);
        expect(part).toMatch(/^[\p{L}\p{N}_-]*$/u);
        expect(part.startsWith('-') || part.endsWith('-')).toBe(false);
        expect([...part].length).toBeLessThanOrEqual(80);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('only done and cancelled campaigns count as finished', () => {
    expect(['ready', 'running', 'paused', 'waiting-for-quota', 'completed', 'cancelled', 'scheduled'].filter((s) => isFinishedStatus(s as never))).toEqual(['completed', 'cancelled']);
  });
});
