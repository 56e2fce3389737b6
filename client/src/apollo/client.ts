import { ApolloClient } from '@apollo/client';
import { createCache } from './cache';
import { createLink, createSocket, type LinkOptions } from './links';

export interface Connection {
  client: ApolloClient;
  /** listen for socket reconnections; returns the unsubscribe function */
  onReconnected(listener: () => void): () => void;
  dispose(): void;
}

/** One Apollo client per signed-in session: signing in or out builds a new one. */
export function createConnection(token: string | null, onUnauthenticated: () => void): Connection {
  const listeners = new Set<() => void>();
  let signalled = false;
  const options: LinkOptions = {
    token,
    onUnauthenticated: () => {
      if (signalled) return;
      signalled = true;
      onUnauthenticated();
    },
    onReconnected: () => listeners.forEach((l) => l()),
  };
  const socket = createSocket(options);
  const client = new ApolloClient({
    link: createLink(options, socket),
    cache: createCache(),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
  return {
    client,
    onReconnected(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      listeners.clear();
      void socket.dispose();
      client.stop();
    },
  };
}
