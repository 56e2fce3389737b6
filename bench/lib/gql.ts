/** GraphQL over HTTP with undici: one keep-alive pool per server, JSON in and out. */
import { Pool } from 'undici';

export interface GqlResult<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown } }[];
}

export class GqlClient {
  readonly pool: Pool;

  constructor(
    readonly origin: string,
    connections = 8,
  ) {
    this.pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000, keepAliveTimeoutThreshold: 4000, keepAliveMaxTimeout: 600_000, headersTimeout: 600_000, bodyTimeout: 600_000 });
  }

  /** One operation; the parsed answer whatever its status. */
  async request<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string, signal?: AbortSignal): Promise<GqlResult<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await this.pool.request({ path: '/graphql', method: 'POST', headers, body: JSON.stringify({ query, variables }), signal });
    const text = await res.body.text();
    let parsed: GqlResult<T>;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { errors: [{ message: `HTTP ${res.statusCode}: ${text.slice(0, 200)}`, extensions: { code: `HTTP_${res.statusCode}` } }] } as GqlResult<T>;
    }
    parsed.status = res.statusCode;
    return parsed;
  }

  /** One operation that must succeed: its data, or an error naming the first problem. */
  async ok<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    let r: GqlResult<T>;
    try {
      r = await this.request<T>(query, variables, token);
    } catch (e) {
      // a keep-alive socket the server closed as it was reused: the request was never read
      const code = (e as { code?: string }).code;
      if (code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET' && code !== 'EPIPE') throw e;
      r = await this.request<T>(query, variables, token);
    }
    if (r.errors?.length || !r.data) {
      const e = r.errors?.[0];
      const detail = e?.extensions?.problems ? ` ${JSON.stringify(e.extensions.problems).slice(0, 500)}` : '';
      throw new Error(`GraphQL ${query.slice(0, 60).replace(/\s+/g, ' ')}…: ${e?.extensions?.code ?? r.status} ${e?.message ?? 'no data'}${detail}`);
    }
    return r.data;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
