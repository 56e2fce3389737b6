import 'reflect-metadata';
import { dirname, join } from 'node:path';
import { installLeanGatewayContext } from '../../server/src/common/gateway-context';
import { compiledExecution } from '../../server/src/common/executor';
import { createSchema } from '../../server/src/schema';

/**
 * Apollo's gateway request context replaced by ours (common/gateway-context.ts): in place, and
 * carrying to the executor what Apollo's would, with the response's status read and written
 * through to Apollo's response.
 */
describe('the gateway request context', () => {
  const apolloModule = () => require(join(dirname(require.resolve('@apollo/server')), 'utils', 'makeGatewayGraphQLRequestContext.js')) as { makeGatewayGraphQLRequestContext: (...args: unknown[]) => any };

  it('should be in place once the compiled execution is made, in the module Apollo calls it from', async () => {
    compiledExecution(await createSchema());
    expect(installLeanGatewayContext()).toBe(true);
    expect(apolloModule().makeGatewayGraphQLRequestContext.name).toBe('leanGatewayContext');
  });

  it('should carry the request, the document and the caller’s context, and pass the status through', () => {
    installLeanGatewayContext();
    const headers = new Map([['accept', 'application/json']]);
    const responseHeaders = new Map<string, string>();
    const rc = {
      request: { query: '{ me { id } }', operationName: 'Me', variables: { a: 1 }, http: { method: 'POST', search: 'x=1', headers } },
      response: { http: { status: undefined as number | undefined, headers: responseHeaders } },
      contextValue: { viewer: { id: 'u1' } },
      document: { kind: 'Document' },
      operationName: 'Me',
      queryHash: 'h',
    };
    const made = apolloModule().makeGatewayGraphQLRequestContext(rc, { logger: 'log', cache: 'cache' }, { includeStacktraceInErrorResponses: false });
    expect(made.request).toMatchObject({ query: '{ me { id } }', operationName: 'Me', variables: { a: 1 }, http: { method: 'POST', url: 'https://unknown-url.invalid/?x=1' } });
    expect(made.request.http.headers.get('accept')).toBe('application/json');
    expect(made.context).toBe(rc.contextValue);
    expect(made.document).toBe(rc.document);
    expect(made.operationName).toBe('Me');
    made.response.http.status = 503;
    expect(rc.response.http.status).toBe(503);
    expect(made.response.http.status).toBe(503);
    made.response.http.headers.append('vary', 'a');
    made.response.http.headers.append('vary', 'b');
    expect(responseHeaders.get('vary')).toBe('a, b');
  });
});
