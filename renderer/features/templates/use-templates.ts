/** The saved templates, loaded once and kept fresh by the `templates:changed` event. */
import { useEffect, useState } from 'react';
import type { WireError } from '../../../app/ipc/common/app-error';
import type { TemplateView } from '../../../app/ipc/common/contract';
import { useClient } from '../../state/client-context';

/** Loading, loaded, or failed. */
export type TemplatesState =
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly templates: readonly TemplateView[] }
  | { readonly status: 'failed'; readonly error: WireError };

/** Subscribes to the saved templates. */
export function useTemplates(): TemplatesState {
  const client = useClient();
  const [state, setState] = useState<TemplatesState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    const unsubscribe = client.subscribe('templates:changed', ({ templates }) => setState({ status: 'loaded', templates }));
    void client.request('templates:list').then((result) => {
      if (!live) return;
      setState(result.ok ? { status: 'loaded', templates: result.value } : { status: 'failed', error: result.error });
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [client]);
  return state;
}
