/** The accounts list, loaded once and kept fresh by the `accounts:changed` event. */
import { useEffect, useState } from 'react';
import type { WireError } from '../../../app/ipc/common/app-error';
import type { AccountView } from '../../../app/ipc/common/contract';
import { useClient } from '../../state/client-context';

/** Loading, loaded, or failed. */
export type AccountsState =
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly accounts: readonly AccountView[] }
  | { readonly status: 'failed'; readonly error: WireError };

/** Subscribes to the accounts list. */
export function useAccounts(): AccountsState {
  const client = useClient();
  const [state, setState] = useState<AccountsState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    const unsubscribe = client.subscribe('accounts:changed', ({ accounts }) => setState({ status: 'loaded', accounts }));
    void client.request('accounts:list').then((result) => {
      if (!live) return;
      setState(result.ok ? { status: 'loaded', accounts: result.value } : { status: 'failed', error: result.error });
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [client]);
  return state;
}
