/** The suppression list: its entries, and adding and removing addresses (there is no change event, so each change reloads it). */
import { useCallback, useEffect, useState } from 'react';
import type { WireError } from '../../../app/ipc/common/app-error';
import type { RequestOutput, SuppressionEntry } from '../../../app/ipc/common/contract';
import { useClient } from '../../state/client-context';

/** Loading, loaded, or failed. */
export type SuppressionState =
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly entries: readonly SuppressionEntry[] }
  | { readonly status: 'failed'; readonly error: WireError };

/** What the suppression view needs. */
export interface Suppression {
  /** The entries. */
  readonly state: SuppressionState;
  /** Adds the addresses in `text` with a reason; resolves with how many were new and which were not addresses. */
  readonly add: (text: string, reason: string) => Promise<{ readonly ok: true; readonly value: RequestOutput<'suppression:add'> } | { readonly ok: false; readonly error: WireError }>;
  /** Removes one address; resolves with the error, or null. */
  readonly remove: (email: string) => Promise<WireError | null>;
}

/** Loads the suppression list and offers add and remove. */
export function useSuppression(): Suppression {
  const client = useClient();
  const [state, setState] = useState<SuppressionState>({ status: 'loading' });
  const reload = useCallback(async () => {
    const result = await client.request('suppression:list');
    setState(result.ok ? { status: 'loaded', entries: result.value } : { status: 'failed', error: result.error });
  }, [client]);

  useEffect(() => {
    let live = true;
    void client.request('suppression:list').then((result) => {
      if (live) setState(result.ok ? { status: 'loaded', entries: result.value } : { status: 'failed', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [client]);

  const add = useCallback(
    async (text: string, reason: string) => {
      const result = await client.request('suppression:add', { text, reason });
      if (result.ok) await reload();
      return result;
    },
    [client, reload],
  );
  const remove = useCallback(
    async (email: string) => {
      const result = await client.request('suppression:remove', { email });
      await reload();
      return result.ok ? null : result.error;
    },
    [client, reload],
  );
  return { state, add, remove };
}
