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
}

/** ws(s)://<same host>/graphql */
export function socketUrl(location: Location = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
}

/** The graphql-ws client: lazy, retried forever, the token in connectionParams. */
export function createSocket(options: LinkOptions): Client {
  let connectedBefore = false;
  return createClient({
    url: socketUrl(),
    lazy: true,
    keepAlive: 10_000,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: async (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** retries, 5000))),
    connectionParams: () => (options.token ? { authorization: `Bearer ${options.token}` } : {}),
    on: {
      connected: () => {
        if (connectedBefore) options.onReconnected();
        connectedBefore = true;
      },
      closed: (event) => {
        // 4403: the server refused the token (expired, disabled account)
        if ((event as CloseEvent | undefined)?.code === 4403 && options.token) options.onUnauthenticated();
      },
    },
  });
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
