import { describe, expect, it, vi } from 'vitest';
import type { FakeElectron } from './test-support/fake-electron';

const holder = vi.hoisted(() => ({ fake: undefined as FakeElectron | undefined }));
vi.mock('electron', async () => {
  const { createFakeElectron } = await import('./test-support/fake-electron');
  holder.fake = createFakeElectron({ gotLock: false });
  return { ...holder.fake.modules, default: holder.fake.modules };
});

describe('main entry', () => {
  it('starts Mailroom with the real (here: mocked) electron module, and quits when the lock is taken', async () => {
    await import('./main');
    await vi.waitFor(() => expect(holder.fake?.calls['app.quit']).toHaveLength(1));
    expect(holder.fake?.calls['app.requestSingleInstanceLock']).toHaveLength(1);
    expect(holder.fake?.BrowserWindow.instances).toHaveLength(0);
  });
});
