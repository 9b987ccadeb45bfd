/** The starter templates, loaded when first asked for (they never change while the app runs). */
import { useEffect, useState } from 'react';
import type { WireError } from '../../../app/ipc/common/app-error';
import { useClient } from '../../state/client-context';
import type { Starter } from './template-editor-model';

/** Loading, loaded, or failed. */
export type StartersState =
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly starters: readonly Starter[] }
  | { readonly status: 'failed'; readonly error: WireError };

/** Loads the starters. */
export function useStarters(): StartersState {
  const client = useClient();
  const [state, setState] = useState<StartersState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    void client.request('templates:starters').then((result) => {
      if (live) setState(result.ok ? { status: 'loaded', starters: result.value } : { status: 'failed', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [client]);
  return state;
}
