import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { requestHeaders } from './credentials';

/** ws(s)://<this host>/graphql: subscriptions on the same port and path as the API. */
function socketUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
}

/**
 * GraphiQL's fetcher on the same origin: queries and mutations over HTTP (POST /graphql, JSON,
 * which the server's CSRF prevention accepts), subscriptions over graphql-ws, whose
 * connectionParams are the request's headers (credentials.ts).
 */
export function explorerFetcher(): Fetcher {
  const base = createGraphiQLFetcher({ url: '/graphql', subscriptionUrl: socketUrl(), enableIncrementalDelivery: false });
  return (params, options) => base(params, { ...options, headers: requestHeaders(options?.headers) });
}
