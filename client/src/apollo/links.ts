import { ApolloLink, HttpLink } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient, type Client } from 'graphql-ws';

export interface LinkOptions {
  /** the signed-in user's token, or null */
  token: string | null;
  /** called once when the server says the token is no longer good */
  onUnauthenticated(): void;
  /** called after the socket reconnects (not on the first connection): live views refetch */
  onReconnected(): void;
  /** the socket's state changed: live badges say so */
  onSocketState?(state: SocketState): void;
}

/**
 * idle: no socket (nothing subscribed); connecting: the first connection; connected; lost: the
 * connection dropped or stopped answering, and retries are under way.
 */
export type SocketState = 'idle' | 'connecting' | 'connected' | 'lost';

/**
 * The heartbeat: a ping goes out HEARTBEAT_MS after the last pong, and a pong that does not come
 * within PONG_TIMEOUT_MS ends the socket (and starts the retries), so that a server gone silent
 * (a network cut, a host that vanished) is noticed within HEARTBEAT_MS + PONG_TIMEOUT_MS (3.5 s),
 * not at the next TCP timeout minutes later.
 */
export const HEARTBEAT_MS = 1500;
export const PONG_TIMEOUT_MS = 2000;

/** ws(s)://<same host>/graphql */
export function socketUrl(location: Location = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
}

/** The graphql-ws client: lazy, retried forever, the token in connectionParams. */
export function createSocket(options: LinkOptions): Client {
  let connectedBefore = false;
  let state: SocketState = 'idle';
  const set = (next: SocketState) => {
    if (next === state) return;
    state = next;
    options.onSocketState?.(next);
  };
  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  const client: Client = createClient({
    url: socketUrl(),
    lazy: true,
    keepAlive: HEARTBEAT_MS,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: async (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** retries, 5000))),
    connectionParams: () => (options.token ? { authorization: `Bearer ${options.token}` } : {}),
    on: {
      connecting: () => set(state === 'lost' ? 'lost' : 'connecting'),
      connected: () => {
        set('connected');
        if (connectedBefore) options.onReconnected();
        connectedBefore = true;
      },
      ping: (received) => {
        if (received) return;
        clearTimeout(pongTimer);
        pongTimer = setTimeout(() => client.terminate(), PONG_TIMEOUT_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
      closed: (event) => {
        clearTimeout(pongTimer);
        const code = (event as CloseEvent | undefined)?.code;
        // 1000: closed by this page (nothing subscribed any more); anything else was not asked for
        set(code === 1000 ? 'idle' : 'lost');
        // 4403: the server refused the token (expired, disabled account)
        if (code === 4403 && options.token) options.onUnauthenticated();
      },
    },
  });
  return client;
}

/** auth → errors → (subscriptions over the socket | everything else over HTTP) */
export function createLink(options: LinkOptions, socket: Client): ApolloLink {
  const auth = new SetContextLink((prev) => ({
    headers: { ...prev.headers, ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
  }));
  const errors = new ErrorLink(({ error }) => {
    const unauthenticated =
      (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) ||
      (ServerError.is(error) && error.statusCode === 401);
    if (unauthenticated && options.token) options.onUnauthenticated();
  });
  const http = new HttpLink({ uri: '/graphql' });
  const ws = new GraphQLWsLink(socket);
  const transport = ApolloLink.split(
    ({ query }) => {
      const def = getMainDefinition(query);
      return def.kind === 'OperationDefinition' && def.operation === 'subscription';
    },
    ws,
    http,
  );
  return ApolloLink.from([errors, auth, transport]);
}
