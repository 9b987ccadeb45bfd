/** The same Logto connector file imported twice: asked, then updated in place (or added anew when chosen). */
/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read fields of the channels' outputs */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../ipc/common/dispatch';
import { handlersWithMemoryStores } from '../../test-support/testing-handlers';

const config = (subject: string, host = 'smtp.example.test') =>
  JSON.stringify({
    host,
    port: 465,
    auth: { user: 'office@example.test', pass: 'not-a-real-password' },
    fromEmail: 'Office <office@example.test>',
    templates: [
      { usageType: 'SignIn', contentType: 'text/plain', subject, content: 'Your code is {{code}}' },
      { usageType: 'Register', contentType: 'text/plain', subject: 'Welcome', content: 'Code {{code}}' },
    ],
  });

async function setup() {
  const { handlers } = handlersWithMemoryStores();
  return async (channel: string, input?: unknown): Promise<any> => {
    const result = await dispatch(handlers, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value;
  };
}

describe('accounts:import-logto twice', () => {
  it('asks first, then updates the same account and templates instead of adding copies', async () => {
    const call = await setup();
    const first = await call('accounts:import-logto', { text: config('Sign-in code') });
    expect(first.status).toBe('imported');
    const asked = await call('accounts:import-logto', { text: config('Your sign-in code').replace('smtp.example.test', 'SMTP.Example.test') });
    expect(asked).toMatchObject({ status: 'matches-existing', account: { id: first.account.id } });
    expect(asked.templates.map((t: any) => t.usageType).sort()).toEqual(['Register', 'SignIn']);
    expect((await call('templates:list')).map((t: any) => t.subject).sort()).toEqual(['Sign-in code', 'Welcome']);

    const updated = await call('accounts:import-logto', { text: config('Your sign-in code'), mode: 'update' });
    expect(updated).toMatchObject({ status: 'updated', account: { id: first.account.id } });
    expect(await call('accounts:list')).toHaveLength(1);
    const templates = await call('templates:list');
    expect(templates).toHaveLength(2);
    expect(templates.find((t: any) => t.usageType === 'SignIn')).toMatchObject({ id: first.templates[0].id, subject: 'Your sign-in code' });
  });

  it('adds a second account when the admin chooses new, and never asks for another server', async () => {
    const call = await setup();
    await call('accounts:import-logto', { text: config('A') });
    expect((await call('accounts:import-logto', { text: config('B', 'smtp.other.test') })).status).toBe('imported');
    expect((await call('accounts:import-logto', { text: config('C'), mode: 'new' })).status).toBe('imported');
    expect(await call('accounts:list')).toHaveLength(3);
    expect(await call('templates:list')).toHaveLength(6);
  });
});
