import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { composeRequest, draftDataOf, formatBytes, INITIAL_COMPOSE, isWorthADraft, paceOf, stateOfDraft, withExcluded } from './compose-model';

describe('compose model', () => {
  it('makes no request until account, list and a message exist', () => {
    expect(composeRequest(INITIAL_COMPOSE)).toBeNull();
    expect(composeRequest({ ...INITIAL_COMPOSE, accountId: 'a', listId: 'l' })).toBeNull();
    const ready = composeRequest({ ...INITIAL_COMPOSE, accountId: 'a', listId: 'l', inline: { contentType: 'text/plain', subject: 'Hi', content: '' } });
    expect(ready).toMatchObject({ accountId: 'a', listId: 'l', template: { inline: { subject: 'Hi', usageType: 'Notice' } }, excluded: [] });
    expect(composeRequest({ ...INITIAL_COMPOSE, accountId: 'a', listId: 'l', templateId: 't1' })?.template).toEqual({ templateId: 't1' });
  });

  it('leaves members out by normalised address and puts them back', () => {
    const out = withExcluded(INITIAL_COMPOSE, ['Kim@School.kr', 'lee@school.kr'], true);
    expect([...out.excluded]).toEqual(['kim@school.kr', 'lee@school.kr']);
    expect([...withExcluded(out, ['KIM@school.kr'], false).excluded]).toEqual(['lee@school.kr']);
  });

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(26 * 1024 * 1024)).toBe('26.0 MB');
  });
});

describe('pace', () => {
  const ready = { ...INITIAL_COMPOSE, accountId: 'a', listId: 'l', inline: { contentType: 'text/plain' as const, subject: 'Hi', content: 'Hi' } };
  it('sends a typed whole number in range, and leaves the provider default otherwise', () => {
    expect(composeRequest({ ...ready, perMinute: ' 120 ' })?.perMinute).toBe(120);
    expect(composeRequest(ready)).not.toHaveProperty('perMinute');
    for (const bad of ['0', '6001', '2.5', 'fast']) {
      expect(paceOf({ ...ready, perMinute: bad })).toBeUndefined();
      expect(composeRequest({ ...ready, perMinute: bad })).not.toHaveProperty('perMinute');
    }
  });

  it('a draft reopens to the state it was saved from, attachments aside (property)', () => {
    const text = fc.string({ maxLength: 20 });
    fc.assert(
      fc.property(text, text, fc.constantFrom('inline', 't1'), fc.constantFrom('text/plain' as const, 'text/html' as const), text, text, fc.uniqueArray(fc.emailAddress(), { maxLength: 4 }), text, (accountId, listId, templateId, contentType, subject, content, excluded, perMinute) => {
        const state = withExcluded({ ...INITIAL_COMPOSE, accountId, listId, templateId, inline: { contentType, subject, content }, perMinute }, excluded, true);
        const reopened = stateOfDraft(JSON.parse(JSON.stringify(draftDataOf(state))));
        expect({ ...reopened, excluded: [...reopened.excluded] }).toEqual({ ...state, excluded: [...state.excluded] });
      }),
      { seed: 14, numRuns: 200 },
    );
    expect(isWorthADraft(INITIAL_COMPOSE)).toBe(false);
    expect(isWorthADraft({ ...INITIAL_COMPOSE, inline: { ...INITIAL_COMPOSE.inline, content: 'x' } })).toBe(true);
  });
});

describe('per-member attachments in compose', () => {
  const ready = { ...INITIAL_COMPOSE, accountId: 'a', listId: 'l', inline: { contentType: 'text/plain' as const, subject: 'Hi', content: 'Hi' } };
  it('asks for them only once a column and a folder are chosen', () => {
    expect(composeRequest({ ...ready, memberFiles: { column: '첨부', folder: '', sendWithoutMissing: false } })).not.toHaveProperty('memberFiles');
    expect(composeRequest({ ...ready, memberFiles: { column: '', folder: '/f', sendWithoutMissing: false } })).not.toHaveProperty('memberFiles');
    expect(composeRequest({ ...ready, memberFiles: { column: '첨부', folder: ' /f ', sendWithoutMissing: true } })?.memberFiles).toEqual({ column: '첨부', folder: '/f', sendWithoutMissing: true });
  });

  it('a draft keeps the column, the folder and the choice for missing files (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), fc.string({ maxLength: 30 }), fc.boolean(), (column, folder, sendWithoutMissing) => {
        const state = { ...ready, memberFiles: { column, folder, sendWithoutMissing: column === '' && folder === '' ? false : sendWithoutMissing } };
        const reopened = stateOfDraft(JSON.parse(JSON.stringify(draftDataOf(state))));
        expect(reopened.memberFiles).toEqual(state.memberFiles);
      }),
      { seed: 1414, numRuns: 100 },
    );
  });
});
