import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** A graphql-ws client as an integrator runs it, with the events it received kept in order. */
export interface LiveClient {
  client: Client;
  /** subscribes; events and errors are collected */
  subscribe<T = any>(query: string, variables?: Record<string, unknown>): Subscription<T>;
  close(): Promise<void>;
}

export interface Subscription<T> {
  events: T[];
  errors: any[];
  completed: boolean;
  /** resolves when `predicate` holds for the collected events (or rejects after `ms`) */
  until(predicate: (events: T[]) => boolean, ms?: number): Promise<T[]>;
  unsubscribe(): void;
}

export function connect(url: string, token?: string, opts: { lazy?: boolean } = {}): LiveClient {
  const client = createClient({
    url: url.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    lazy: opts.lazy ?? true,
    retryAttempts: 0,
    shouldRetry: () => false,
  });
  return {
    client,
    subscribe<T>(query: string, variables: Record<string, unknown> = {}): Subscription<T> {
      const sub: Subscription<T> = {
        events: [],
        errors: [],
        completed: false,
        until(predicate, ms = 5000) {
          return new Promise((resolve, reject) => {
            const started = Date.now();
            const tick = () => {
              if (predicate(sub.events)) return resolve(sub.events);
              if (sub.errors.length) return reject(new Error(`subscription error: ${JSON.stringify(sub.errors)}`));
              if (Date.now() - started > ms) return reject(new Error(`timed out with ${sub.events.length} events: ${JSON.stringify(sub.events).slice(0, 500)}`));
              setTimeout(tick, 10);
            };
            tick();
          });
        },
        unsubscribe: () => undefined,
      };
      sub.unsubscribe = client.subscribe<T>(
        { query, variables },
        {
          next: (r) => {
            if (r.errors) sub.errors.push(...r.errors);
            else sub.events.push(r.data as T);
          },
          error: (e) => sub.errors.push(e),
          complete: () => (sub.completed = true),
        },
      );
      return sub;
    },
    async close() {
      await client.dispose();
    },
  };
}

/** Waits until `check` is true (polling), for server-side state such as subscription counts. */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 5000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
