/** How saved passwords are protected, and whether they are unlocked. */
import { useCallback, useEffect, useState } from 'react';
import type { WireError } from '../../../app/ipc/common/app-error';
import type { SecretsStatus } from '../../../app/ipc/common/contract';
import { useClient } from '../../state/client-context';

/** The status, and an unlock action that resolves to an error or null. */
export function useSecretsStatus(): { readonly status: SecretsStatus | null; readonly unlock: (passphrase: string) => Promise<WireError | null> } {
  const client = useClient();
  const [status, setStatus] = useState<SecretsStatus | null>(null);
  useEffect(() => {
    void client.request('secrets:status').then((result) => result.ok && setStatus(result.value));
  }, [client]);
  const unlock = useCallback(
    async (passphrase: string) => {
      const result = await client.request('secrets:unlock', { passphrase });
      if (!result.ok) return result.error;
      setStatus(result.value);
      return null;
    },
    [client],
  );
  return { status, unlock };
}
