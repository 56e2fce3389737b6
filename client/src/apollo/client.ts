import { ApolloClient } from '@apollo/client';
import { createCache } from './cache';
import { createLink, createSocket, type LinkOptions, type SocketState } from './links';

export interface Connection {
  client: ApolloClient;
  /** listen for socket reconnections; returns the unsubscribe function */
  onReconnected(listener: () => void): () => void;
  /** the socket's state now, and its changes (live badges) */
  socketState(): SocketState;
  onSocketState(listener: (state: SocketState) => void): () => void;
  dispose(): void;
}

/** One Apollo client per signed-in session: signing in or out builds a new one. */
export function createConnection(token: string | null, onUnauthenticated: () => void): Connection {
  const listeners = new Set<() => void>();
  const stateListeners = new Set<(state: SocketState) => void>();
  let socketState: SocketState = 'idle';
  let signalled = false;
  const options: LinkOptions = {
    token,
    onUnauthenticated: () => {
      if (signalled) return;
      signalled = true;
      onUnauthenticated();
    },
    onReconnected: () => listeners.forEach((l) => l()),
    onSocketState: (state) => {
      socketState = state;
      stateListeners.forEach((l) => l(state));
    },
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
    socketState: () => socketState,
    onSocketState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    dispose() {
      listeners.clear();
      stateListeners.clear();
      void socket.dispose();
      client.stop();
    },
  };
}
