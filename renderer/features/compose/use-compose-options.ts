/** The accounts, lists and templates compose offers, kept fresh by their change events. */
import { useEffect, useState } from 'react';
import type { AccountView, MemberListSummary, TemplateView } from '../../../app/ipc/common/contract';
import { useClient } from '../../state/client-context';

/** What compose can choose from. */
export interface ComposeOptions {
  /** Sending accounts. */
  readonly accounts: readonly AccountView[];
  /** Member lists. */
  readonly lists: readonly MemberListSummary[];
  /** Saved templates. */
  readonly templates: readonly TemplateView[];
  /** Whether the first load finished. */
  readonly loaded: boolean;
}

/** Loads and follows the options. */
export function useComposeOptions(): ComposeOptions {
  const client = useClient();
  const [options, setOptions] = useState<ComposeOptions>({ accounts: [], lists: [], templates: [], loaded: false });
  useEffect(() => {
    let live = true;
    void Promise.all([client.request('accounts:list'), client.request('lists:list'), client.request('templates:list')]).then(([a, l, t]) => {
      if (live) setOptions({ accounts: a.ok ? a.value : [], lists: l.ok ? l.value : [], templates: t.ok ? t.value : [], loaded: true });
    });
    const offs = [
      client.subscribe('accounts:changed', ({ accounts }) => setOptions((o) => ({ ...o, accounts }))),
      client.subscribe('lists:changed', ({ lists }) => setOptions((o) => ({ ...o, lists }))),
      client.subscribe('templates:changed', ({ templates }) => setOptions((o) => ({ ...o, templates }))),
    ];
    return () => {
      live = false;
      for (const off of offs) off();
    };
  }, [client]);
  return options;
}
