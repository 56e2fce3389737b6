import { requestHeaders } from '../../client/src/explorer/credentials';

/**
 * Which credentials an explorer request (/graphiql) carries: the web client's sign-in in this
 * browser unless the person typed an Authorization header, which wins, whatever its case; the
 * header goes out as `authorization`, the key the socket reads from connectionParams.
 */
describe('the explorer’s credentials', () => {
  beforeEach(() => localStorage.clear());

  it('should send the web client’s sign-in when the headers editor names none', () => {
    localStorage.setItem('chamdiem.token', 'session-token');
    localStorage.setItem('chamdiem.expiresAt', new Date(Date.now() + 60_000).toISOString());
    expect(requestHeaders({ 'x-trace': '1' })).toEqual({ 'x-trace': '1', authorization: 'Bearer session-token' });
    expect(requestHeaders(undefined)).toEqual({ authorization: 'Bearer session-token' });
  });

  it('should let a typed Authorization header win over the sign-in, in any case', () => {
    localStorage.setItem('chamdiem.token', 'session-token');
    localStorage.setItem('chamdiem.expiresAt', new Date(Date.now() + 60_000).toISOString());
    expect(requestHeaders({ Authorization: 'Bearer cdk_abc' })).toEqual({ authorization: 'Bearer cdk_abc' });
    expect(requestHeaders({ AUTHORIZATION: 'Bearer cdk_abc' })).toEqual({ authorization: 'Bearer cdk_abc' });
  });

  it('should send no credentials when nobody is signed in or the sign-in has expired', () => {
    expect(requestHeaders({})).toEqual({});
    localStorage.setItem('chamdiem.token', 'old-token');
    localStorage.setItem('chamdiem.expiresAt', new Date(Date.now() - 1000).toISOString());
    expect(requestHeaders({})).toEqual({});
  });
});
