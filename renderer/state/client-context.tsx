/** Makes the typed client available to feature hooks. */
import { createContext, useContext, type ReactNode } from 'react';
import type { Client } from '../bridge/client';

const ClientContext = createContext<Client | null>(null);

/** Provides the client to everything below it. */
export function ClientProvider({ client, children }: { readonly client: Client; readonly children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

/** The typed client; only inside ClientProvider. */
export function useClient(): Client {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient must be used inside ClientProvider.');
  return client;
}
