import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The context Apollo Server hands a gateway's executor (common/executor.ts), made without an
 * object literal of accessors.
 *
 * Apollo makes it in makeGatewayGraphQLRequestContext, whose `response.http` is a literal with a
 * `status` getter and setter closing over the whole request. Such a literal, made anew for each
 * request, kept each request's objects (Apollo's request context, ours with its EntityManager)
 * alive through V8's young-generation collections, into the old generation, where only a major
 * collection frees them: measured on a small Express + Apollo server at 600 requests/s, about
 * 10 % of what a request allocated reached the old generation through the gateway, under 1 %
 * with the schema alone or with this context (docs/benchmarks.md, "The stalls at 300/s").
 *
 * Apollo reads the function from its module's exports at every call, so replacing the export
 * replaces it. The context is the same object but for its accessors, which sit on a class's
 * prototype. `installLeanGatewayContext` says whether it is in place (a later Apollo that moved
 * the function keeps its own, and the test that asks fails).
 */
const LEAN = Symbol.for('chamdiem.leanGatewayContext');

interface HeaderMapLike extends Map<string, string> {}

/** A Fetch-style Headers over Apollo's HeaderMap, as Apollo's own adapter. */
class HeadersOverMap {
  constructor(private readonly map: HeaderMapLike) {}
  append(name: string, value: string): void {
    this.map.set(name, this.map.has(name) ? `${this.map.get(name)}, ${value}` : value);
  }
  delete(name: string): void {
    this.map.delete(name);
  }
  get(name: string): string | null {
    return this.map.get(name) ?? null;
  }
  has(name: string): boolean {
    return this.map.has(name);
  }
  set(name: string, value: string): void {
    this.map.set(name, value);
  }
  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }
  keys(): IterableIterator<string> {
    return this.map.keys();
  }
  values(): IterableIterator<string> {
    return this.map.values();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}

interface RequestContextLike {
  request: { query?: string; operationName?: string; variables?: unknown; extensions?: unknown; http?: { method: string; search: string; headers: HeaderMapLike } };
  response: { http: { status?: number; headers: HeaderMapLike } };
  [key: string]: unknown;
}

/** The response's HTTP part: its status read and written through to Apollo's response. */
class ResponseHttp {
  readonly headers: HeadersOverMap;
  constructor(private readonly of: RequestContextLike) {
    this.headers = new HeadersOverMap(of.response.http.headers);
  }
  get status(): number | undefined {
    return this.of.response.http.status;
  }
  set status(status: number | undefined) {
    this.of.response.http.status = status;
  }
}

function leanGatewayContext(rc: RequestContextLike, server: { logger: unknown; cache: unknown }, internals: { includeStacktraceInErrorResponses: boolean }) {
  const request: Record<string, unknown> = {};
  for (const key of ['query', 'operationName', 'variables', 'extensions'] as const) if (key in rc.request) request[key] = rc.request[key];
  const http = rc.request.http;
  if (http) {
    const needQuestion = http.search !== '' && !http.search.startsWith('?');
    request.http = { method: http.method, url: `https://unknown-url.invalid/${needQuestion ? '?' : ''}${http.search}`, headers: new HeadersOverMap(http.headers) };
  }
  return {
    request,
    response: { http: new ResponseHttp(rc) },
    logger: server.logger,
    schema: rc.schema,
    schemaHash: 'schemaHash no longer exists since Apollo Server 4',
    context: rc.contextValue,
    cache: server.cache,
    queryHash: rc.queryHash,
    document: rc.document,
    source: rc.source,
    operationName: rc.operationName,
    operation: rc.operation,
    errors: rc.errors,
    metrics: rc.metrics,
    debug: internals.includeStacktraceInErrorResponses,
    overallCachePolicy: rc.overallCachePolicy,
    requestIsBatched: rc.requestIsBatched,
  };
}
(leanGatewayContext as unknown as Record<symbol, boolean>)[LEAN] = true;

/** Puts the lean context in Apollo's place (once); true when it is in place. */
export function installLeanGatewayContext(): boolean {
  // the module is not among the package's exports: reached by its file, next to the entry point
  const file = join(dirname(require.resolve('@apollo/server')), 'utils', 'makeGatewayGraphQLRequestContext.js');
  if (!existsSync(file)) return false;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as { makeGatewayGraphQLRequestContext?: unknown };
  const current = mod.makeGatewayGraphQLRequestContext as (Record<symbol, boolean> & ((...a: never[]) => unknown)) | undefined;
  if (typeof current !== 'function') return false;
  if (!current[LEAN]) mod.makeGatewayGraphQLRequestContext = leanGatewayContext;
  return true;
}
