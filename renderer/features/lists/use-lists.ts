/** The saved lists without their members, loaded once and kept fresh by the `lists:changed` event. */
import { useEffect, useState } from 'react';
import type { WireError } from '../../../app/ipc/common/app-error';
import type { MemberListSummary } from '../../../app/ipc/common/contract';
import { useClient } from '../../state/client-context';

/** Loading, loaded, or failed. */
export type ListsState =
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly lists: readonly MemberListSummary[] }
  | { readonly status: 'failed'; readonly error: WireError };

/** Subscribes to the saved lists. */
export function useLists(): ListsState {
  const client = useClient();
  const [state, setState] = useState<ListsState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    const unsubscribe = client.subscribe('lists:changed', ({ lists }) => setState({ status: 'loaded', lists }));
    void client.request('lists:list').then((result) => {
      if (!live) return;
      setState(result.ok ? { status: 'loaded', lists: result.value } : { status: 'failed', error: result.error });
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [client]);
  return state;
}
